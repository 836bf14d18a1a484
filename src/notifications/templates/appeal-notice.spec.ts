import { MAIL_PART_SEPARATOR } from '../../platform/i18n';
import { renderAppealNotice } from './appeal-notice';

const LINK = 'http://portal.test/my/appeals/1';

describe('appeal notices', () => {
  it('names every receiving agency and new registration number of a referral, in Azerbaijani and English', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'referred',
      cases: [{ registrationNumber: 'M-2026-0000002', agencyName: 'Daxili İşlər Nazirliyi', agencyNameEn: 'Ministry of Internal Affairs' }],
      note: 'Səlahiyyətə aiddir',
    });
    expect(mail.subject).toBe(
      'Müraciətiniz aidiyyəti üzrə göndərildi: M-2026-0000001 / Ваше обращение направлено по принадлежности: M-2026-0000001 / Appeal referred: M-2026-0000001',
    );
    expect(mail.text).toContain('M-2026-0000002: Daxili İşlər Nazirliyi');
    expect(mail.text).toContain('M-2026-0000002: Ministry of Internal Affairs');
    expect(mail.text).toContain('7.10');
    expect(mail.text).toContain('Qeyd: Səlahiyyətə aiddir');
    expect(mail.text).toContain('Примечание: Səlahiyyətə aiddir');
  });

  it('falls back to the Azerbaijani agency name and leaves out an empty note for copies', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'copied',
      cases: [{ registrationNumber: 'M-2026-0000003', agencyName: 'Səhiyyə Nazirliyi', agencyNameEn: null }],
      note: null,
    });
    expect(mail.subject).toContain('surəti');
    expect(mail.text.match(/M-2026-0000003: Səhiyyə Nazirliyi/g)).toHaveLength(3);
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
    expect(mail.subject).toBe(
      'Müraciətin son tarixi dəyişdi: M-2026-0000001 / Конечная дата обращения изменилась: M-2026-0000001 / Due date changed: M-2026-0000001',
    );
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
    expect(changed.subject).toMatch(/^Müraciətin baxılma qaydası dəyişdirildi: M-2026-0000001 \/ Порядок рассмотрения обращения изменён/);
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
    expect(confirmed.text).toContain('в течение 24 часов');
  });

  it('tells the applicant a follow-up is answered together with the earlier appeal (appeals-rules.md 15)', () => {
    const mail = renderAppealNotice('M-2026-0000002', LINK, { kind: 'merged', intoRegistrationNumber: 'M-2026-0000001' });
    expect(mail.subject).toMatch(/^Müraciətiniz əvvəlki müraciətlə birləşdirildi: M-2026-0000002 \/ Ваше обращение объединено/);
    expect(mail.text).toContain('M-2026-0000001 nömrəli müraciətinizlə birlikdə');
  });

  it('gives every notice in Azerbaijani, Russian and English, in that order, each with the number and the link', () => {
    const notices: Parameters<typeof renderAppealNotice>[2][] = [
      { kind: 'additional_study', newDueDate: '2026-07-01', reason: 'Yoxlama' },
      { kind: 'extended', newDueDate: '2026-07-01', workingDays: 5, reason: 'Yoxlama' },
      { kind: 'answered', text: 'Cavab mətni', officialName: 'Məmmədov Elçin', officialPosition: 'şöbə müdiri' },
      { kind: 'left_without_consideration', ground: 'form_defect', note: 'İmza yoxdur' },
      { kind: 'reopened', newDueDate: '2026-07-01', note: 'Əsas aradan qalxıb' },
      { kind: 'merged', intoRegistrationNumber: 'M-2026-0000009' },
    ];
    for (const notice of notices) {
      const mail = renderAppealNotice('M-2026-0000001', LINK, notice);
      const parts = mail.text.split(MAIL_PART_SEPARATOR);
      expect(parts).toHaveLength(3);
      expect(mail.subject.split(' / ')).toHaveLength(3);
      expect(parts[1]).toMatch(/[а-яё]/);
      expect(parts[0]).not.toMatch(/[а-яё]/);
      expect(parts[2]).not.toMatch(/[а-яё]/);
      for (const part of parts) {
        expect(part).toContain('M-2026-0000001');
        expect(part).toContain(LINK);
      }
    }
  });

  it('gives the answer once, in the state language, and names the official in every part (Art. 7.5)', () => {
    const mail = renderAppealNotice('M-2026-0000001', LINK, {
      kind: 'answered',
      text: 'Cavab mətni',
      officialName: 'Məmmədov Elçin',
      officialPosition: 'şöbə müdiri',
    });
    expect(mail.text.match(/Cavab mətni/g)).toHaveLength(1);
    expect(mail.text.match(/Məmmədov Elçin, şöbə müdiri/g)).toHaveLength(3);
    expect(mail.text.split(MAIL_PART_SEPARATOR)[1]).toContain('на государственном языке');
  });
});
