import { AppealStatus, AppealType, ClosureGround } from '../appeals/domain/appeal-types';
import { Role } from '../auth/actor';
import { ErrorCode } from '../platform/errors/error-codes';
import { formatDate, formatDateTime, Lang, MessageKey, Params, PluralKey, translator } from '../platform/i18n';
import { PASSWORD_MESSAGES } from '../users/domain/password-policy';

// The page languages are the catalogues' (az, ru, en); the az/en pairs below read Azerbaijani on Russian pages.
export { LANGS, parseLang } from '../platform/i18n';
export type { Lang } from '../platform/i18n';

type Pair = readonly [az: string, en: string];

const STATUS: Record<AppealStatus, Pair> = {
  registered: ['Qeydiyyata alınıb', 'Registered'],
  in_review: ['Baxılır', 'In review'],
  referred: ['Aidiyyəti üzrə göndərilib', 'Referred'],
  answered: ['Cavablandırılıb', 'Answered'],
  left_without_consideration: ['Baxılmadan saxlanılıb', 'Left without consideration'],
};

/** The law's own words for each type (Art. 3.0.3-3.0.5), so a citizen can choose. */
const TYPE: Record<AppealType, Pair> = {
  proposal: ['Təklif', 'Proposal'],
  application: ['Ərizə', 'Application'],
  complaint: ['Şikayət', 'Complaint'],
};

const TYPE_HELP: Record<AppealType, Pair> = {
  proposal: [
    'Qanunların, orqanların işinin təkmilləşdirilməsi və ya hər hansı sahədə məsələnin həlli üçün fikir.',
    'An idea to improve laws or the work of a body, or to solve an issue in any field.',
  ],
  application: [
    'Öz hüquq və azadlıqlarınızı həyata keçirmək üçün tələb (məsələn, sənəd, arayış, xidmət).',
    'A request to exercise your rights and freedoms (for example a document, a certificate, a service).',
  ],
  complaint: [
    'Pozulmuş hüquq və azadlıqlarınızın bərpası və müdafiəsi tələbi.',
    'A demand to restore and protect rights and freedoms that were violated.',
  ],
};

const GROUND: Record<ClosureGround, Pair> = {
  excluded_subject: ['Qanunun şamil edilmədiyi məsələ (5.2-5.7)', 'Excluded subject (Art. 5.2-5.7)'],
  form_defect: ['Forma qüsuru (anonim, imzasız, səlahiyyət yoxdur)', 'Form defect (anonymous, unsigned, no authority)'],
  court_decision: ['Eyni məsələ üzrə qüvvədə olan məhkəmə qərarı', 'Court decision in force on the same issue'],
  repeated: ['Təkrar müraciət (8.1.4)', 'Repeated appeal (Art. 8.1.4)'],
  cannot_decide: ['Məzmununa görə həll edilə və göndərilə bilməz', 'Cannot be decided or referred from its content'],
  withdrawn: ['Müraciət edən geri götürüb', 'Withdrawn by the applicant'],
};

const ROLE: Record<Role, Pair> = {
  citizen: ['Vətəndaş', 'Citizen'],
  registrar: ['Qeydiyyatçı', 'Registrar'],
  official: ['Vəzifəli şəxs', 'Official'],
  supervisor: ['Nəzarətçi', 'Supervisor'],
  admin: ['İnzibatçı', 'Administrator'],
};

export type Colour = 'green' | 'yellow' | 'red' | 'none';

/** Sect. 3 of the methodology names each light; the word is shown beside the colour. */
const COLOUR: Record<Colour, Pair> = {
  green: ['Tələblərə cavab verir', 'Meets requirements'],
  yellow: ['Tələblər istiqamətində irəliləyiş', 'Progressing'],
  red: ['Tələblərə cavab verə bilmir', 'Does not meet requirements'],
  none: ['Məlumat yoxdur', 'No data'],
};

/**
 * The API's DTO rules say what is wrong in English (class-validator). On an Azerbaijani page the
 * common kinds of rule are said in Azerbaijani; the limits (lengths, ranges) are read from the
 * English message, so one general text per kind serves every field. Anything else keeps English.
 */
const VALIDATION: Record<string, (message: string) => string> = {
  isNotEmpty: () => 'Bu sahəni doldurun.',
  isDefined: () => 'Bu sahəni doldurun.',
  isString: () => 'Mətn yazın.',
  isLength: (m) => lengthText(m),
  minLength: (m) => lengthText(m),
  maxLength: (m) => lengthText(m),
  isEmail: () => 'Düzgün e-poçt ünvanı yazın (məsələn, ad@example.az).',
  isDateOnly: () => 'Mövcud tarixi İİİİ-AA-GG şəklində yazın.',
  isDateString: () => 'Mövcud tarixi İİİİ-AA-GG şəklində yazın.',
  isIso8601: () => 'Mövcud tarixi İİİİ-AA-GG şəklində yazın.',
  isIn: () => 'Təklif olunan dəyərlərdən birini seçin.',
  isEnum: () => 'Təklif olunan dəyərlərdən birini seçin.',
  isUuid: () => 'Siyahıdan birini seçin.',
  isInt: () => 'Tam ədəd yazın.',
  isNumber: () => 'Ədəd yazın.',
  min: (m) => `Ən azı ${lastNumber(m)} olmalıdır.`,
  max: (m) => `Ən çoxu ${lastNumber(m)} ola bilər.`,
  isBoolean: () => 'Bəli və ya xeyr seçin.',
  matches: () => 'Yazılış forması düzgün deyil; nümunəyə baxın.',
};

/** Account errors said in Azerbaijani on Azerbaijani pages (the API says them in English). */
const ERROR_AZ: Partial<Record<ErrorCode, string>> = {
  INVALID_CREDENTIALS: 'E-poçt və ya şifrə yanlışdır.',
  TOO_MANY_REQUESTS: 'Həddən artıq cəhd edildi; bir az sonra yenidən yoxlayın.',
  TOKEN_INVALID: 'Bu keçid tanınmır, artıq istifadə olunub və ya vaxtı bitib; yenisini istəyin.',
  CURRENT_PASSWORD_WRONG: 'Hazırkı şifrə yanlışdır.',
  TOTP_REQUIRED: 'Bu hesab ikinci faktorla daxil olur: autentifikator tətbiqinin 6 rəqəmli kodunu yazın.',
  TOTP_INVALID: 'Birdəfəlik kod yanlışdır və ya artıq istifadə olunub.',
  EMAIL_NOT_VERIFIED: 'Müraciət göndərmək üçün əvvəlcə e-poçt ünvanınızı təsdiq edin ("Hesabım" səhifəsi).',
  APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT: 'Portal müraciətində e-poçt hesabınızın e-poçtu olmalıdır.',
  OIDC_STATE_INVALID: 'Bu giriş keçidinin vaxtı bitib və ya artıq istifadə olunub; girişi yenidən başlayın.',
  OIDC_SIGN_IN_FAILED: 'Şəxsiyyət provayderi sizi daxil etmədi.',
  OIDC_PROVIDER_UNAVAILABLE:
    'e-ID ilə giriş hazırda mümkün deyil: şəxsiyyət provayderi cavab vermir. Bir az sonra yenidən cəhd edin və ya şifrə ilə daxil olun.',
  ACCOUNT_DEACTIVATED: 'Bu hesab deaktiv edilib; inzibatçıya müraciət edin.',
  IDENTITY_LINK_REFUSED:
    'Bu e-poçtla hesab artıq var və bu e-ID-yə avtomatik qoşula bilməz; şifrə ilə daxil olun və ya inzibatçıya müraciət edin.',
  IDENTITY_LINK_NOT_CONFIRMED: 'e-ID-ni qoşmaq üçün əvvəlcə hesab səhifəsində şifrənizlə təsdiq edin (təsdiq 10 dəqiqə keçərlidir).',
  IDENTITY_ALREADY_LINKED: 'Bu e-ID artıq başqa hesaba qoşulub; onu sizin hesabınıza qoşmaq olmaz. İnzibatçıya müraciət edin.',
  IDENTITY_EMAIL_REQUIRED: 'Şəxsiyyət provayderi e-poçt ünvanınızı paylaşmadı; buna icazə verin və yenidən daxil olun.',
  USER_SELF_CHANGE_FORBIDDEN: 'Öz hesabınızı deaktiv edə və ya rolunu dəyişə bilməzsiniz; başqa inzibatçıya müraciət edin.',
};

/** Messages of rules outside class-validator (the password policy), by their English words. */
const MESSAGES_AZ = new Map<string, string>(Object.values(PASSWORD_MESSAGES).map((m) => [m.en, m.az]));

function lastNumber(message: string): string {
  return /(-?\d+(?:\.\d+)?)\D*$/.exec(message)?.[1] ?? '';
}

function lengthText(message: string): string {
  const min = /longer than or equal to (\d+)/.exec(message)?.[1];
  const max = /shorter than or equal to (\d+)/.exec(message)?.[1];
  if (min && max) return `${min}-${max} simvol yazın.`;
  if (min) return `Ən azı ${min} simvol yazın.`;
  return `Ən çoxu ${max ?? ''} simvol yazın.`;
}

/** Text of one locale, looked up by the vocabulary of appeals-rules.md or given as an az/en pair. */
export class Texts {
  constructor(readonly lang: Lang) {}

  t(az: string, en: string): string {
    return this.lang === 'en' ? en : az;
  }

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

  private pick(pair: Pair): string {
    return this.lang === 'en' ? pair[1] : pair[0];
  }

  status(status: AppealStatus): string {
    return this.pick(STATUS[status]);
  }

  type(type: AppealType): string {
    return this.pick(TYPE[type]);
  }

  typeHelp(type: AppealType): string {
    return this.pick(TYPE_HELP[type]);
  }

  ground(ground: ClosureGround): string {
    return this.pick(GROUND[ground]);
  }

  role(role: Role): string {
    return this.pick(ROLE[role]);
  }

  colour(colour: Colour): string {
    return this.pick(COLOUR[colour]);
  }

  /** A DTO rule's message in this locale: English as the API says it, Azerbaijani by the rule's kind. */
  validation(error: { readonly message: string; readonly constraint?: string }): string {
    if (this.lang !== 'az') return error.message;
    const say = error.constraint ? VALIDATION[error.constraint] : undefined;
    return say ? say(error.message) : (MESSAGES_AZ.get(error.message) ?? error.message);
  }

  /** A domain error's message in this locale: Azerbaijani for the account errors that have it, else as the API says it. */
  error(code: ErrorCode, message: string): string {
    if (this.lang !== 'az') return message;
    return ERROR_AZ[code] ?? MESSAGES_AZ.get(message) ?? message;
  }

  /** A fraction 0..1 as a whole percent; a dash for no data. */
  percent(fraction: number | null | undefined): string {
    return fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
  }
}
