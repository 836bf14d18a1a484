import { MAIL_PART_SEPARATOR } from '../../platform/i18n';
import { ALERT_KINDS, renderAlertListMail, renderAlertMail, renderDigestMail } from './alert-mail';

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
    expect(mail.text).toContain('просроченных обращений: 1');
    expect(mail.text).toContain('overdue appeals: 1');
  });

  it.each(ALERT_KINDS)('says %s with the same facts in Azerbaijani, Russian and English, in that order', (kind) => {
    const parts = renderAlertMail({ ...base, kind, daysBefore: 3 }).text.split(MAIL_PART_SEPARATOR);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/ə/);
    expect(parts[1]).toMatch(/[а-я]/);
    expect(parts[2]).toMatch(/Deadline/);
    for (const part of parts) for (const fact of ['M-2026-0000042', '2026-06-12 23:59', base.link]) expect(part).toContain(fact);
  });

  it('says the plural of days as each language needs it', () => {
    const mail = (daysBefore: number) => renderAlertMail({ ...base, kind: 'review_warning', daysBefore }).subject;
    expect(mail(1)).toContain('остался 1 рабочий день');
    expect(mail(3)).toContain('осталось 3 рабочих дня');
    expect(mail(5)).toContain('осталось 5 рабочих дней');
    expect(mail(1)).toContain('1 working day left');
    expect(mail(5)).toContain('5 working days left');
  });
});

describe('a mail listing the alerts that fired together', () => {
  const item = (n: number, kind: (typeof ALERT_KINDS)[number] = 'overdue') => ({
    kind,
    daysBefore: kind === 'review_warning' ? 1 : 0,
    registrationNumber: `M-2026-000000${n}`,
    agencyName: 'Vergilər Nazirliyi',
    dueAt: '2026-06-12 23:59',
    link: `https://muraciet.gov.az/office/appeals/${n}`,
  });
  const list = { escalationWorkingDays: 5, moreLink: 'https://muraciet.gov.az/office', oneKind: true };

  it('reads as the single-alert mail when it holds one alert', () => {
    expect(renderAlertListMail({ ...list, items: [item(1)], total: 1 })).toEqual(renderAlertMail({ ...item(1), escalationWorkingDays: 5 }));
  });

  it('names up to three case numbers in the subject and lists each with its deadline and link', () => {
    const mail = renderAlertListMail({ ...list, items: [item(1), item(2)], total: 2 });
    expect(mail.subject).toBe(
      'Baxılma müddəti keçib: M-2026-0000001, M-2026-0000002 / Срок рассмотрения истёк: M-2026-0000001, M-2026-0000002 / The review term has passed: M-2026-0000001, M-2026-0000002',
    );
    expect(mail.text).toContain(
      '- M-2026-0000002 (Vergilər Nazirliyi): Baxılma müddəti keçib. Son müddət: 2026-06-12 23:59. https://muraciet.gov.az/office/appeals/2',
    );
    expect(mail.text).toContain('- M-2026-0000001 (Vergilər Nazirliyi): Срок рассмотрения истёк. Срок: 2026-06-12 23:59.');
    expect(mail.text).toContain(
      '- M-2026-0000001 (Vergilər Nazirliyi): The review term has passed. Deadline: 2026-06-12 23:59. https://muraciet.gov.az/office/appeals/1',
    );
    expect(mail.text).not.toContain('daha');
  });

  it('gives the count in the subject of a long list, and links the rest it does not list', () => {
    const mail = renderAlertListMail({ ...list, items: [item(1), item(2), item(3), item(4)], total: 1200 });
    expect(mail.subject).toBe(
      'Baxılma müddəti keçib: 1200 xəbərdarlıq / Срок рассмотрения истёк: 1200 предупреждений / The review term has passed: 1200 alerts',
    );
    expect(mail.text.split('\n')[0]).toBe('1200 xəbərdarlıq (son müddətlər Bakı vaxtı ilə):');
    expect(mail.text).toContain('... və daha 1196 xəbərdarlıq: https://muraciet.gov.az/office');
    expect(mail.text).toContain('... и ещё 1196 предупреждений: https://muraciet.gov.az/office');
    expect(mail.text).toContain('... and 1196 more: https://muraciet.gov.az/office');
  });

  it('names a case once when it has several alerts in the mail', () => {
    const mail = renderAlertListMail({ ...list, oneKind: false, items: [item(1), item(1, 'review_due'), item(2)], total: 3 });
    expect(mail.subject).toBe(
      'Müraciətlərin müddətləri: M-2026-0000001, M-2026-0000002 / Сроки обращений: M-2026-0000001, M-2026-0000002 / Deadlines of appeals: M-2026-0000001, M-2026-0000002',
    );
  });

  it('names no single kind when the alerts are of several', () => {
    const mail = renderAlertListMail({ ...list, oneKind: false, items: [item(1), item(2, 'review_warning')], total: 2 });
    expect(mail.subject.startsWith('Müraciətlərin müddətləri: M-2026-0000001, M-2026-0000002 / Сроки обращений')).toBe(true);
    expect(mail.text).toContain('M-2026-0000002 (Vergilər Nazirliyi): Baxılma müddətinin bitməsinə 1 iş günü qalıb');
  });

  it('refuses an empty list', () => {
    expect(() => renderAlertListMail({ ...list, items: [], total: 0 })).toThrow(RangeError);
  });
});
