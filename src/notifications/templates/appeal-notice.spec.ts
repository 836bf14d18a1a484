import { renderAppealNotice } from './appeal-notice';

const LINK = 'http://portal.test/my/appeals/1';

describe('appeal notices', () => {
  it('names every receiving agency and new registration number of a referral, in Azerbaijani and English', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'referred',
      cases: [{ registrationNumber: 'M-2026-0000002', agencyName: 'Daxili İşlər Nazirliyi', agencyNameEn: 'Ministry of Internal Affairs' }],
      note: 'Səlahiyyətə aiddir',
    });
    expect(mail.subject).toBe('Müraciətiniz aidiyyəti üzrə göndərildi: M-2026-0000001 / Appeal referred');
    expect(mail.text).toContain('M-2026-0000002: Daxili İşlər Nazirliyi');
    expect(mail.text).toContain('M-2026-0000002: Ministry of Internal Affairs');
    expect(mail.text).toContain('7.10');
    expect(mail.text).toContain('Qeyd: Səlahiyyətə aiddir');
  });

  it('falls back to the Azerbaijani agency name and leaves out an empty note for copies', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'copied',
      cases: [{ registrationNumber: 'M-2026-0000003', agencyName: 'Səhiyyə Nazirliyi', agencyNameEn: null }],
      note: null,
    });
    expect(mail.subject).toContain('surəti');
    expect(mail.text.match(/M-2026-0000003: Səhiyyə Nazirliyi/g)).toHaveLength(2);
    expect(mail.text).not.toContain('Qeyd:');
  });

  it('explains the ground of leaving without consideration in plain words (Art. 8.1, 8.2)', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'left_without_consideration',
      ground: 'repeated',
      note: 'Yeni hal yoxdur',
    });
    expect(mail.text).toContain('üç dəfə mahiyyəti üzrə cavab verilib');
    expect(mail.text).toContain('answered on the merits three times within a year');
    expect(mail.text).toContain('Səbəb: Yeni hal yoxdur');
  });

  it('tells the old and the new due date when the calendar moved it', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, { kind: 'deadline_moved', oldDueDate: '2027-01-12', newDueDate: '2027-01-13' });
    expect(mail.subject).toBe('Müraciətin son tarixi dəyişdi: M-2026-0000001 / Due date changed');
    expect(mail.text).toContain('son tarixi 2027-01-12 əvəzinə 2027-01-13 oldu');
    expect(mail.text).toContain(LINK);
  });

  it('gives the new due date of a reopened appeal', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, { kind: 'reopened', newDueDate: '2026-06-23', note: 'Əsas aradan qalxıb' });
    expect(mail.subject).toContain('yenidən baxılır');
    expect(mail.text).toContain('2026-06-23');
    expect(mail.text).toContain(LINK);
  });

  it('tells the applicant the regime confirmed or changed, with the reason and the due date (appeals-rules.md 10)', () => {
    const changed = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'regime',
      changed: true,
      regime: 'standard',
      newDueDate: '2026-06-12',
      reason: 'Təcili deyil',
    });
    expect(changed.subject).toBe('Müraciətin baxılma qaydası dəyişdirildi: M-2026-0000001 / Review regime changed');
    expect(changed.text).toContain('ümumi qaydada (15 iş günü)');
    expect(changed.text).toContain('2026-06-12');
    expect(changed.text).toContain('Səbəb: Təcili deyil');
    const confirmed = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'regime',
      changed: false,
      regime: 'urgent',
      newDueDate: '2026-05-23',
      reason: 'Təcilidir',
    });
    expect(confirmed.subject).toContain('təsdiqləndi');
    expect(confirmed.text).toContain('within 24 hours');
  });

  it('tells the applicant a follow-up is answered together with the earlier appeal (appeals-rules.md 15)', () => {
    const mail = renderAppealNotice('M-2026-0000002', LINK, { kind: 'merged', intoRegistrationNumber: 'M-2026-0000001' });
    expect(mail.subject).toBe('Müraciətiniz əvvəlki müraciətlə birləşdirildi: M-2026-0000002 / Appeal merged');
    expect(mail.text).toContain('M-2026-0000001 nömrəli müraciətinizlə birlikdə');
  });
});
