import { renderAccountLink } from './account-link';

describe('account link mails', () => {
  const link = 'https://muraciet.gov.az/verify-email?token=abc';

  it('asks to confirm the address, Azerbaijani first, with the link and how long it works', () => {
    const mail = renderAccountLink({ kind: 'verify_email', fullName: 'Əliyev Vüqar', link, validHours: 48 });
    expect(mail.subject).toMatch(/^E-poçt ünvanınızı təsdiq edin/);
    expect(mail.text.indexOf('Hörmətli Əliyev Vüqar')).toBeLessThan(mail.text.indexOf('Dear Əliyev Vüqar'));
    expect(mail.text.indexOf('Hörmətli Əliyev Vüqar')).toBeLessThan(mail.text.indexOf('Уважаемый(-ая) Əliyev Vüqar'));
    expect(mail.text.split(link)).toHaveLength(4);
    expect(mail.text).toContain('48 saat');
    expect(mail.text).toContain('48 часов');
    expect(mail.text).toContain('48 hours');
  });

  it('tells a password reset that every session will end, and that ignoring it changes nothing', () => {
    const mail = renderAccountLink({ kind: 'password_reset', fullName: 'Əliyev Vüqar', link, validHours: 1 });
    expect(mail.subject).toMatch(/^Şifrənin bərpası/);
    expect(mail.text).toContain('bütün açıq seansları bağlanır');
    expect(mail.text).toContain('действует 1 час');
    expect(mail.text).toContain('for 1 hour;');
    expect(mail.text).toContain('your password stays as it is');
  });
});
