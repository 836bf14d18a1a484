import { AppealStatus, AppealType, ClosureGround } from '../appeals/domain/appeal-types';
import { Role } from '../auth/actor';
import { ErrorCode } from '../platform/errors/error-codes';
import { dataName, formatDate, formatDateTime, Lang, MessageKey, Params, PluralKey, Translator, translator } from '../platform/i18n';
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH, PasswordProblem } from '../users/domain/password-policy';

export { LANGS, parseLang } from '../platform/i18n';
export type { Lang } from '../platform/i18n';

export type Colour = 'green' | 'yellow' | 'red' | 'none';

/**
 * The API's DTO rules say what is wrong in English (class-validator). A page says the common kinds
 * of rule in its own language from the catalogue; the limits (lengths, ranges) are read from the
 * English message, so one general text per kind serves every field.
 */
const VALIDATION: Record<string, (t: Translator, message: string) => string> = {
  isNotEmpty: (t) => t.t('errors.validation.required'),
  isDefined: (t) => t.t('errors.validation.required'),
  isString: (t) => t.t('errors.validation.text'),
  isLength: (t, m) => lengthText(t, m),
  minLength: (t, m) => lengthText(t, m),
  maxLength: (t, m) => lengthText(t, m),
  isEmail: (t) => t.t('errors.validation.email'),
  isDateOnly: (t) => t.t('errors.validation.date'),
  isDateString: (t) => t.t('errors.validation.date'),
  isIso8601: (t) => t.t('errors.validation.date'),
  isIn: (t) => t.t('errors.validation.choice'),
  isEnum: (t) => t.t('errors.validation.choice'),
  isUuid: (t) => t.t('errors.validation.list'),
  isInt: (t) => t.t('errors.validation.integer'),
  isNumber: (t) => t.t('errors.validation.number'),
  min: (t, m) => t.t('errors.validation.min', { value: lastNumber(m) }),
  max: (t, m) => t.t('errors.validation.max', { value: lastNumber(m) }),
  isBoolean: (t) => t.t('errors.validation.boolean'),
  matches: (t) => t.t('errors.validation.pattern'),
};

/** The domain errors a person meets on the pages (accounts, sign-in), said in the page's language. */
const ERROR_KEYS = {
  INVALID_CREDENTIALS: 'errors.codes.INVALID_CREDENTIALS',
  TOO_MANY_REQUESTS: 'errors.codes.TOO_MANY_REQUESTS',
  TOKEN_INVALID: 'errors.codes.TOKEN_INVALID',
  CURRENT_PASSWORD_WRONG: 'errors.codes.CURRENT_PASSWORD_WRONG',
  TOTP_REQUIRED: 'errors.codes.TOTP_REQUIRED',
  TOTP_INVALID: 'errors.codes.TOTP_INVALID',
  EMAIL_NOT_VERIFIED: 'errors.codes.EMAIL_NOT_VERIFIED',
  APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT: 'errors.codes.APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT',
  OIDC_STATE_INVALID: 'errors.codes.OIDC_STATE_INVALID',
  OIDC_SIGN_IN_FAILED: 'errors.codes.OIDC_SIGN_IN_FAILED',
  OIDC_PROVIDER_UNAVAILABLE: 'errors.codes.OIDC_PROVIDER_UNAVAILABLE',
  ACCOUNT_DEACTIVATED: 'errors.codes.ACCOUNT_DEACTIVATED',
  IDENTITY_LINK_REFUSED: 'errors.codes.IDENTITY_LINK_REFUSED',
  IDENTITY_LINK_NOT_CONFIRMED: 'errors.codes.IDENTITY_LINK_NOT_CONFIRMED',
  IDENTITY_ALREADY_LINKED: 'errors.codes.IDENTITY_ALREADY_LINKED',
  IDENTITY_EMAIL_REQUIRED: 'errors.codes.IDENTITY_EMAIL_REQUIRED',
  USER_SELF_CHANGE_FORBIDDEN: 'errors.codes.USER_SELF_CHANGE_FORBIDDEN',
} as const satisfies Partial<Record<ErrorCode, MessageKey>>;

/** The password policy's messages (the API says them in English), by their English words. */
const PASSWORD_KEYS = new Map<string, MessageKey>(
  (Object.keys(PASSWORD_MESSAGES) as PasswordProblem[]).map((problem) => [PASSWORD_MESSAGES[problem].en, `errors.password.${problem}`]),
);
const PASSWORD_LIMITS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

function lastNumber(message: string): string {
  return /(-?\d+(?:\.\d+)?)\D*$/.exec(message)?.[1] ?? '';
}

function lengthText(t: Translator, message: string): string {
  const min = /longer than or equal to (\d+)/.exec(message)?.[1];
  const max = /shorter than or equal to (\d+)/.exec(message)?.[1];
  if (min && max) return t.t('errors.validation.length', { min, max });
  if (min) return t.t('errors.validation.minLength', { min });
  return t.t('errors.validation.maxLength', { max: max ?? '' });
}

/** Texts of one language, from its catalogue (src/platform/i18n/catalogues). */
export class Texts {
  constructor(readonly lang: Lang) {}

  /** A keyed text from the language's catalogue (src/platform/i18n/catalogues). */
  msg(key: MessageKey, params?: Params): string {
    return translator(this.lang).t(key, params);
  }

  /** A keyed plural text: `plural('units.restDays', 8)` -> "8 rest days". */
  plural(key: PluralKey, count: number, params?: Params): string {
    return translator(this.lang).plural(key, count, params);
  }

  /** A date as people write it in this language, on Baku's calendar. */
  date(value: Date | string): string {
    return formatDate(this.lang, value);
  }

  /** An instant as Baku's date and time of day. */
  dateTime(value: Date | string): string {
    return formatDateTime(this.lang, value);
  }

  status(status: AppealStatus): string {
    return this.msg(`status.${status}`);
  }

  type(type: AppealType): string {
    return this.msg(`type.${type}`);
  }

  /** The law's own words for each type (Art. 3.0.3-3.0.5), so a citizen can choose. */
  typeHelp(type: AppealType): string {
    return this.msg(`intake.typeHelp.${type}`);
  }

  ground(ground: ClosureGround): string {
    return this.msg(`ground.${ground}`);
  }

  role(role: Role): string {
    return this.msg(`role.${role}`);
  }

  colour(colour: Colour): string {
    return this.msg(`colour.${colour}`);
  }

  /**
   * A DTO rule's message in this language, by the rule's kind; a class-validator rule without words
   * here gets a general text. A service's own rule (no kind) keeps its words: they name what it checks.
   */
  validation(error: { readonly message: string; readonly constraint?: string }): string {
    const tr = translator(this.lang);
    const password = PASSWORD_KEYS.get(error.message);
    if (password) return tr.t(password, PASSWORD_LIMITS);
    if (!error.constraint) return error.message;
    const say = VALIDATION[error.constraint];
    return say ? say(tr, error.message) : tr.t('errors.validation.invalid');
  }

  /**
   * A domain error's message in this language: the catalogue's words for the errors people meet on
   * the pages; any other error as the API says it (its code names a rule the form could not know).
   */
  error(code: ErrorCode, message: string): string {
    const key = (ERROR_KEYS as Partial<Record<ErrorCode, MessageKey>>)[code];
    if (key) return this.msg(key);
    const password = PASSWORD_KEYS.get(message);
    return password ? this.msg(password, PASSWORD_LIMITS) : message;
  }

  /** An agency's name as stored: its English name on English pages when it has one (names are data, not catalogue texts). */
  agencyName(agency: { readonly name: string; readonly nameEn?: string | null }): string {
    return dataName(this, agency.name, agency.nameEn);
  }

  /** A fraction 0..1 as a whole percent; a dash for no data. */
  percent(fraction: number | null | undefined): string {
    return fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
  }
}
