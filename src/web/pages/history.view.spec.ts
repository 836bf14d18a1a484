import { APPEAL_EVENT_TYPES, AppealEventPayloads, AppealEventType } from '../../appeals/domain/appeal-events';
import { Lang as CatalogueLang, LANGS } from '../../platform/i18n';
import { Texts } from '../i18n';
import { actorText, eventSentence, HistoryEvent, HistoryNames, historySection } from './history.view';

const texts = (lang: CatalogueLang) => new Texts(lang);

const AGENCY = 'a0000000-0000-4000-8000-000000000001';
const OTHER_AGENCY = 'a0000000-0000-4000-8000-000000000002';
const OFFICIAL = 'u0000000-0000-4000-8000-000000000001';
const CITIZEN = 'u0000000-0000-4000-8000-000000000002';

const names: HistoryNames = {
  user: (id) => ({ [OFFICIAL]: 'Quliyev Samir', [CITIZEN]: 'Əliyev Vüqar' })[id] ?? null,
  agency: (id) => ({ [AGENCY]: 'Vergilər Nazirliyi', [OTHER_AGENCY]: 'Təhsil Nazirliyi' })[id] ?? id,
};

const term = { before: { reviewDueDate: '2026-12-23' }, after: { reviewDueDate: '2027-01-18', workingDays: 30 } };

/** One payload of each type, as its writers append it: a type without one fails tsc. */
const SAMPLES: { readonly [K in AppealEventType]: AppealEventPayloads[K] } = {
  registered: {
    status: 'registered',
    agencyId: AGENCY,
    receivedOn: '2026-12-02',
    referralDueDate: '2026-12-07',
    reviewDueDate: '2026-12-23',
    calendarVersion: 1,
  },
  assigned: { executorId: OFFICIAL },
  referred: { agencyIds: [OTHER_AGENCY], note: 'Təhsil məsələsidir', referralDueDate: '2026-12-07', onTime: true, noticeDelivery: 'email' },
  copied: { agencyIds: [OTHER_AGENCY, AGENCY], note: null, referralDueDate: '2026-12-07', onTime: true, noticeDelivery: 'post' },
  left_without_consideration: { ground: 'excluded_subject', note: 'Məhkəmə işi', noticeDueDate: '2026-12-09', noticeDelivery: 'email' },
  reopened: {
    note: 'Əsas aradan qalxıb',
    before: { closureGround: 'form_defect' },
    after: { reviewTermFrom: '2026-12-02', reviewDueDate: '2026-12-23' },
  },
  additional_study: { ...term, reason: 'Əlavə yoxlama lazımdır' },
  extended: { ...term, reason: 'Sorğu göndərilib', workingDays: 10 },
  regime_changed: { ...term, reason: 'Hərbi qulluqçudur', regime: 'military' },
  regime_confirmed: { ...term, reason: 'Təsdiq', regime: 'standard' },
  answered: { delivery: 'email', dispatchedOn: '2026-12-10', length: 120 },
  withdrawn: {},
  feedback: { satisfied: false },
  respondent_set: {
    before: { respondentAgencyId: null, respondentOfficialId: null, respondentOfficial: null },
    after: { respondentAgencyId: AGENCY, respondentOfficialId: null, respondentOfficial: 'Şöbə müdiri' },
  },
  merged: { intoAppealId: 'x', intoRegistrationNumber: 'M-2026-0000007' },
  follow_up_merged: { followUpId: 'y', followUpRegistrationNumber: 'M-2026-0000009' },
  merge_released: { fromAppealId: 'x', fromStatus: 'left_without_consideration' },
  attachment_added: { attachmentId: 'z', sha256: 'ab', sizeBytes: 2_500, contentType: 'application/pdf' },
  placed_under_control: { agencyId: AGENCY },
  deadline_moved: {
    reason: 'calendar_changed',
    year: 2026,
    calendarVersion: 2,
    provisional: false,
    before: { reviewDueDate: '2026-12-23', referralDueDate: null },
    after: { reviewDueDate: '2026-12-24', referralDueDate: null },
  },
  personal_data_erased: { ground: 'retention', retentionYears: 5, closedBefore: '2021-12-01', parties: 1, attachments: 0 },
};

describe('history in words', () => {
  it.each(LANGS)('%s: every event type of the union has a sentence, with no raw code and no unfilled placeholder', (lang) => {
    const t = texts(lang);
    const problems: string[] = [];
    for (const type of APPEAL_EVENT_TYPES) {
      const sentence = eventSentence(t, { type, data: SAMPLES[type] }, names);
      if (!sentence.trim()) problems.push(`${type}: empty`);
      // No code of any kind (an event type, a status, a ground, a channel as stored are snake_case) and nothing unfilled.
      if (/[a-z]_[a-z]|[{}]|undefined|NaN|null/.test(sentence)) problems.push(`${type}: "${sentence}"`);
    }
    expect(problems).toEqual([]);
  });

  it('says each type differently in each language, and covers every type of the union', () => {
    expect(APPEAL_EVENT_TYPES).toHaveLength(Object.keys(SAMPLES).length);
    for (const type of APPEAL_EVENT_TYPES) {
      const said = LANGS.map((lang) => eventSentence(texts(lang), { type, data: SAMPLES[type] }, names));
      expect(new Set(said).size).toBe(LANGS.length);
    }
  });

  it("reads the issue's examples in the three languages", () => {
    const extended = { type: 'extended', data: SAMPLES.extended };
    expect(eventSentence(texts('en'), extended, names)).toBe('Term extended by 10 working days to 18 January 2027');
    expect(eventSentence(texts('ru'), extended, names)).toBe('Срок продлён на 10 рабочих дней, новый срок до 18 января 2027 г.');
    expect(eventSentence(texts('az'), extended, names)).toBe('Müddət 10 iş günü uzadılıb, yeni son tarix 18 yanvar 2027');
    expect(eventSentence(texts('en'), { type: 'referred', data: SAMPLES.referred }, names)).toBe('Referred to Təhsil Nazirliyi');
    expect(eventSentence(texts('en'), { type: 'placed_under_control', data: SAMPLES.placed_under_control }, names)).toBe(
      'Placed under the control of Vergilər Nazirliyi',
    );
  });

  it('keeps to what the API left in: a hidden follow-up link reads without the other case', () => {
    const t = texts('en');
    expect(eventSentence(t, { type: 'merged', data: {} }, names)).toBe('Merged into an earlier appeal of the same applicant');
    expect(eventSentence(t, { type: 'follow_up_merged', data: {} }, names)).toBe('A follow-up appeal was merged into this one');
    expect(eventSentence(t, { type: 'answered', data: { ...SAMPLES.answered, withAppealId: 'x' } }, names)).toBe(
      'Answered together with the appeal it was merged into',
    );
    expect(eventSentence(t, { type: 'something_new', data: {} }, names)).toBe('A change to the case was recorded');
  });

  it('names who acted as far as the viewer may know', () => {
    const t = texts('en');
    const staff = { userId: 'someone-else', staff: true };
    const citizen = { userId: CITIZEN, staff: false };
    expect(actorText(t, { actorId: OFFICIAL, actorRole: 'official' }, staff, names)).toBe('Quliyev Samir (Official)');
    expect(actorText(t, { actorId: OFFICIAL, actorRole: 'official' }, citizen, names)).toBe('Official');
    expect(actorText(t, { actorId: CITIZEN, actorRole: 'citizen' }, citizen, names)).toBe('you');
    expect(actorText(t, { actorId: CITIZEN, actorRole: 'citizen' }, staff, names)).toBe('Əliyev Vüqar (applicant)');
    // listEvents left the applicant's id out: the identity is hidden from this viewer.
    expect(actorText(t, { actorId: null, actorRole: 'citizen' }, staff, names)).toBe('the applicant');
    expect(actorText(t, { actorId: null, actorRole: 'system' }, staff, names)).toBe('the system');
  });

  it('renders each event with its time, its words, its escaped note or reason, and who acted', () => {
    const event = (type: AppealEventType, data: object, seq: number): HistoryEvent => ({
      seq,
      type,
      actorId: OFFICIAL,
      actorRole: 'official',
      occurredAt: '2026-12-02T06:30:00.000000Z',
      data,
    });
    const rendered = historySection(texts('en'), {
      events: [
        event('extended', { ...SAMPLES.extended, reason: '<b>Sorğu</b>' }, 1),
        event('additional_study', { ...SAMPLES.additional_study, reason: undefined, textsErased: true }, 2),
      ],
      viewer: { userId: 'other', staff: true },
      names,
    }).value;
    expect(rendered).toContain('<time datetime="2026-12-02T06:30:00.000000Z">2 December 2026');
    expect(rendered).toContain('Term extended by 10 working days to 18 January 2027: <q>&lt;b&gt;Sorğu&lt;/b&gt;</q>');
    expect(rendered).toContain('due by 18 January 2027: <em>text erased at the end of the retention period</em>');
    expect(rendered).toContain('— Quliyev Samir (Official)');
    // A reason that is a code (the calendar's recomputation), not words staff wrote: never shown as such.
    for (const lang of LANGS) {
      const moved = historySection(texts(lang), {
        events: [{ ...event('deadline_moved', SAMPLES.deadline_moved, 3), actorId: null, actorRole: null }],
        viewer: { userId: CITIZEN, staff: false },
        names,
      }).value;
      expect(moved).not.toContain('calendar_changed');
    }
    expect(historySection(texts('az'), { events: [], viewer: { userId: 'x', staff: true }, names }).value).toContain(
      'Hələ heç bir hadisə yoxdur.',
    );
  });
});
