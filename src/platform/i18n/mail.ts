import { LANGS } from './messages';
import { Translator, translator } from './translator';

/** One language's part of a mail: its subject and its lines. */
export interface MailPart {
  readonly subject: string;
  readonly lines: readonly string[];
}

/** What parts a mail's text: the parts of a mail are split by it, so a test (or a reader) can find each language. */
export const MAIL_PART_SEPARATOR = '\n\n---\n\n';

/**
 * A mail in every language of the catalogues, each part saying the same facts from the same keys:
 * Azerbaijani first (the state language, Constitution Art. 21), then Russian, then English. The
 * subject names them all in that order, so any reader sees at once what the mail is about.
 */
export function mailInAllLanguages(part: (t: Translator) => MailPart): { subject: string; text: string } {
  const parts = LANGS.map((lang) => part(translator(lang)));
  return { subject: parts.map((p) => p.subject).join(' / '), text: parts.map((p) => p.lines.join('\n')).join(MAIL_PART_SEPARATOR) };
}

/**
 * A name kept in the data with an optional English form (agencies): the English form for English
 * readers when there is one, otherwise the Azerbaijani name, which is the official one.
 */
export function dataName(t: { readonly lang: string }, name: string, nameEn: string | null | undefined): string {
  return (t.lang === 'en' ? nameEn : null) || name;
}
