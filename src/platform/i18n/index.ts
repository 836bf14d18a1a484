export { formatDate, formatDateTime, formatMonth, TIME_ZONE } from './dates';
export { LANGS, parseLang } from './messages';
export type { Lang, MessageKey, Messages, Params, PluralKey } from './messages';
export { fill, translator, Translator } from './translator';
export { dataName, MAIL_PART_SEPARATOR, mailInAllLanguages } from './mail';
export type { MailPart } from './mail';
