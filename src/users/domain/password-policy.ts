/**
 * The password policy (issue 13), pure: at least 12 characters, not the account's e-mail or name,
 * not one of the most common passwords (the list is shipped in config/common-passwords.txt and
 * given in as an argument). Length beats composition rules: no "one digit, one symbol" demands,
 * which push people to `Password1!`.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'personal' | 'common';

/** The API says these in English; the pages say them in Azerbaijani (src/web/i18n.ts looks the English up here). */
export const PASSWORD_MESSAGES: Record<PasswordProblem, { readonly en: string; readonly az: string }> = {
  too_short: {
    en: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    az: `Şifrə ən azı ${PASSWORD_MIN_LENGTH} simvol olmalıdır.`,
  },
  too_long: {
    en: `password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
    az: `Şifrə ən çoxu ${PASSWORD_MAX_LENGTH} simvol ola bilər.`,
  },
  personal: {
    en: 'password must not be your e-mail address or your name',
    az: 'Şifrə e-poçt ünvanınız və ya adınız ola bilməz.',
  },
  common: {
    en: 'password is one of the most common passwords; choose one that is harder to guess, for example a few unrelated words',
    az: 'Bu şifrə ən çox işlədilən şifrələrdəndir; təxmin edilməsi çətin olanı seçin, məsələn, bir neçə əlaqəsiz söz.',
  },
};

export interface PasswordOwner {
  readonly email: string;
  readonly fullName: string;
}

/** The first rule the password breaks, or undefined when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner, common: ReadonlySet<string>): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const forms = variants(password);
  const personal = identityForms(owner);
  if (forms.some((form) => personal.has(form))) return 'personal';
  if (forms.some((form) => form.length >= 4 && common.has(form))) return 'common';
  if (isSequence(forms[1])) return 'common';
  const unit = repeatedUnit(forms[1]);
  // "passwordpassword", "abcabcabcabc", "111111111111": a short or common word said again and again.
  if (unit !== undefined && (unit.length <= 3 || common.has(unit) || personal.has(unit))) return 'common';
  return undefined;
}

/** Lower-cased; without spaces; and without the digits and symbols people pad a word with ("dragon2024!"). */
function variants(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const compact = lower.replace(/\s+/g, '');
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [lower, compact, core];
}

function identityForms(owner: PasswordOwner): Set<string> {
  const email = owner.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const name = owner.fullName.normalize('NFKC').toLowerCase();
  const forms = [email, local, local.replace(/[^\p{L}]/gu, ''), name, name.replace(/\s+/g, ''), name.replace(/[^\p{L}]/gu, '')];
  return new Set(forms.filter((form) => form.length >= 4));
}

/** Runs along the digits, the alphabet or a keyboard row ("123456789012", "qwertyuiopas"), either way. */
const SEQUENCES = [
  '1234567890'.repeat(4),
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

function isSequence(value: string): boolean {
  return SEQUENCES.some((sequence) => sequence.includes(value) || [...sequence].reverse().join('').includes(value));
}

/** The shortest string the password is two or more copies of, if any. */
function repeatedUnit(value: string): string | undefined {
  const match = /^(.+?)\1+$/u.exec(value);
  return match?.[1];
}

/** Parses the shipped list: one password a line, `#` comments, compared lower-cased. */
export function parseCommonPasswords(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (entry !== '' && !entry.startsWith('#')) set.add(entry.toLowerCase());
  }
  return set;
}
