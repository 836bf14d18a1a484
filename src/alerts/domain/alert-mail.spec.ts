import { ALERT_KINDS, renderAlertMail, renderDigestMail } from './alert-mail';

describe('alert mails', () => {
  const base = {
    daysBefore: 0,
    registrationNumber: 'M-2026-0000042',
    agencyName: 'Vergilər Nazirliyi',
    dueAt: '2026-06-12 23:59',
    escalationWorkingDays: 5,
    link: 'https://muraciet.gov.az/office/appeals/0b5c',
  };

  it.each(ALERT_KINDS)('renders %s in Azerbaijani first, with the case number, deadline and link', (kind) => {
    const mail = renderAlertMail({ ...base, kind, daysBefore: kind === 'review_warning' ? 3 : 0 });
    expect(mail.subject).toContain('M-2026-0000042');
    expect(mail.text.split('\n')[0]).toBe('M-2026-0000042 nömrəli müraciət (Vergilər Nazirliyi).');
    expect(mail.text).toContain('Son müddət: 2026-06-12 23:59');
    expect(mail.text).toContain('https://muraciet.gov.az/office/appeals/0b5c');
  });

  it('says how many working days are left, and after how many the case was escalated', () => {
    expect(renderAlertMail({ ...base, kind: 'review_warning', daysBefore: 3 }).subject).toContain('3 iş günü qalıb');
    expect(renderAlertMail({ ...base, kind: 'escalation' }).text).toContain('5 iş günündən çoxdur');
    expect(renderAlertMail({ ...base, kind: 'overdue' }).subject).toContain('Baxılma müddəti keçib');
  });

  it('renders the digest counts', () => {
    const mail = renderDigestMail({ day: '2026-05-22', dueToday: 2, dueSoon: 5, overdue: 1, link: 'https://x/office/appeals' });
    expect(mail.text).toContain('bu gün müddəti bitən müraciətlər: 2');
    expect(mail.text).toContain('müddəti keçmiş müraciətlər: 1');
  });
});
