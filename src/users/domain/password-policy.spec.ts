import { readFileSync } from 'node:fs';
import { configPath } from '../../platform/config/paths';
import { parseCommonPasswords, PASSWORD_MESSAGES, passwordProblem } from './password-policy';

const COMMON = parseCommonPasswords(readFileSync(configPath('common-passwords.txt'), 'utf8'));
const OWNER = { email: 'vuqar.aliyev@example.az', fullName: 'Əliyev Vüqar Rəşid oğlu' };

describe('password policy', () => {
  it('ships a list of a few thousand common passwords, comments left out', () => {
    expect(COMMON.size).toBeGreaterThan(5_000);
    expect(COMMON.has('password')).toBe(true);
    expect(COMMON.has('qwerty123456')).toBe(true);
    expect([...COMMON].some((entry) => entry.startsWith('#'))).toBe(false);
  });

  it.each(['a-long-password', 'tülkü meşədə qaçır', 'correct horse battery staple', 'vuqar-likes-tea-7'])('accepts %s', (password) => {
    expect(passwordProblem(password, OWNER, COMMON)).toBeUndefined();
  });

  it('wants 12 characters, counting letters and not bytes, and at most 128', () => {
    expect(passwordProblem('abcdefghijk', OWNER, COMMON)).toBe('too_short');
    expect(passwordProblem('çəğışöüçəğış', OWNER, COMMON)).toBeUndefined();
    expect(passwordProblem('x'.repeat(120) + 'abcdefghi', OWNER, COMMON)).toBe('too_long');
  });

  it.each([
    ['the e-mail', 'vuqar.aliyev@example.az'],
    ['the e-mail in capitals', 'VUQAR.ALIYEV@EXAMPLE.AZ'],
    ['the name', 'Əliyev Vüqar Rəşid oğlu'],
    ['the name without spaces', 'əliyevvüqarrəşidoğlu'],
    ['the e-mail name with digits after it', 'vuqar.aliyev2024'],
  ])('refuses %s', (_what, password) => {
    expect(passwordProblem(password, OWNER, COMMON)).toBe('personal');
  });

  it.each([
    'qwerty123456',
    '123456789012',
    'Password2024!',
    'dragon1234567',
    'passwordpassword',
    'abcabcabcabc',
    '111111111111',
    'QWERTYUIOPASDF'.slice(0, 12),
  ])('refuses the common or repeated %s', (password) => {
    expect(passwordProblem(password, OWNER, COMMON)).toBe('common');
  });

  it('has a message in English and Azerbaijani for each rule', () => {
    for (const message of Object.values(PASSWORD_MESSAGES)) {
      expect(message.en).toMatch(/^password /);
      expect(message.az).toMatch(/ş/i);
    }
  });
});
