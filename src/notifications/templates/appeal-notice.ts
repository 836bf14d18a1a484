/**
 * Notices of what happened to an appeal (appeals-rules.md 16: the applicant is told of every
 * status change), Azerbaijani first, then English.
 */
/** The mail template of every notice about an appeal; its payload names the audit event. */
export const APPEAL_NOTICE_TEMPLATE = 'appeal-notice';

export type AppealNotice =
  | { kind: 'additional_study'; newDueDate: string; reason: string }
  | { kind: 'extended'; newDueDate: string; workingDays: number; reason: string }
  | { kind: 'answered'; text: string; officialName: string; officialPosition: string }
  | {
      kind: 'referred' | 'copied';
      cases: Array<{ registrationNumber: string; agencyName: string; agencyNameEn: string | null }>;
      note: string | null;
    }
  | { kind: 'left_without_consideration'; ground: string; note: string }
  | { kind: 'reopened'; newDueDate: string; note: string }
  | { kind: 'deadline_moved'; oldDueDate: string; newDueDate: string }
  | { kind: 'regime'; changed: boolean; regime: string; newDueDate: string; reason: string }
  | { kind: 'merged'; intoRegistrationNumber: string };

/** Art. 10.3, 10.4 regimes in the applicant's words. */
const REGIME_WORDS: Record<string, [az: string, en: string]> = {
  standard: ['ümumi qaydada (15 iş günü)', 'the standard term (15 working days)'],
  military: [
    'hərbi qulluqçular və onların ailə üzvləri üçün (15 iş günü, uzadılmadan)',
    'the term for servicemen and their families (15 working days, no extension)',
  ],
  urgent: ['təcili (24 saat ərzində)', 'urgent (within 24 hours)'],
};

/** Art. 8.1 grounds in the applicant's words. */
const GROUND_WORDS: Record<string, [az: string, en: string]> = {
  excluded_subject: ['müraciətin mövzusu Qanunun şamil edilmədiyi məsələyə aiddir', 'the matter is outside the scope of the Law'],
  form_defect: [
    'müraciət tələb olunan formada deyil (imza, ünvan və ya səlahiyyət sənədi yoxdur)',
    'the appeal lacks a required element of form',
  ],
  court_decision: ['eyni məsələ üzrə qüvvəyə minmiş məhkəmə qərarı var', 'a court decision in force exists on the same matter'],
  repeated: [
    'eyni məsələ üzrə bir il ərzində üç dəfə mahiyyəti üzrə cavab verilib və yeni hal yoxdur',
    'answered on the merits three times within a year, with nothing new',
  ],
  cannot_decide: [
    'məzmununa görə müraciəti həll etmək və ya aidiyyəti üzrə göndərmək mümkün deyil',
    'the appeal cannot be decided or referred from its content',
  ],
  withdrawn: ['müraciət ərizəçi tərəfindən geri götürülüb', 'the applicant withdrew the appeal'],
};

export function renderAppealNotice(registrationNumber: string, link: string, notice: AppealNotice): { subject: string; text: string } {
  switch (notice.kind) {
    case 'additional_study':
      return {
        subject: `Müraciətin baxılma müddəti: ${registrationNumber} / Review term changed`,
        text: [
          `${registrationNumber} nömrəli müraciətinizə baxılması üçün əlavə öyrənmə və ya yoxlama tələb olunur.`,
          `Baxılma müddəti 30 iş günüdür (Qanunun 10.1-ci maddəsi); yeni son tarix: ${notice.newDueDate}.`,
          `Səbəb: ${notice.reason}`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `Your appeal ${registrationNumber} needs additional study; the term is 30 working days (Art. 10.1), now due ${notice.newDueDate}.`,
          `Reason: ${notice.reason}`,
        ].join('\n'),
      };
    case 'extended':
      return {
        subject: `Müraciətin baxılma müddəti uzadıldı: ${registrationNumber} / Review term extended`,
        text: [
          `${registrationNumber} nömrəli müraciətinizin baxılma müddəti ${notice.workingDays} iş günü uzadılmışdır (Qanunun 10.2-ci maddəsi).`,
          `Yeni son tarix: ${notice.newDueDate}.`,
          `Səbəb: ${notice.reason}`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `The term of your appeal ${registrationNumber} was extended by ${notice.workingDays} working days (Art. 10.2), now due ${notice.newDueDate}.`,
          `Reason: ${notice.reason}`,
        ].join('\n'),
      };
    case 'referred':
    case 'copied': {
      const list = notice.cases.map((c) => `  ${c.registrationNumber}: ${c.agencyName}`);
      const listEn = notice.cases.map((c) => `  ${c.registrationNumber}: ${c.agencyNameEn ?? c.agencyName}`);
      const referred = notice.kind === 'referred';
      return {
        subject: `${referred ? 'Müraciətiniz aidiyyəti üzrə göndərildi' : 'Müraciətinizin surəti göndərildi'}: ${registrationNumber} / ${referred ? 'Appeal referred' : 'Copies sent'}`,
        text: [
          referred
            ? `${registrationNumber} nömrəli müraciətiniz baxılması üçün səlahiyyətli orqana göndərildi (Qanunun 7.10-cu maddəsi):`
            : `${registrationNumber} nömrəli müraciətinizin surəti səlahiyyətli orqanlara göndərildi (Qanunun 7.10-cu maddəsi):`,
          ...list,
          'Baxılma müddəti həmin orqanın müraciəti aldığı gündən hesablanır.',
          ...(notice.note ? [`Qeyd: ${notice.note}`] : []),
          `Müraciətiniz: ${link}`,
          '',
          '---',
          referred
            ? `Your appeal ${registrationNumber} was referred to the competent agency (Art. 7.10):`
            : `Copies of your appeal ${registrationNumber} went to the competent agencies (Art. 7.10):`,
          ...listEn,
          "The review term runs from that agency's receipt.",
        ].join('\n'),
      };
    }
    case 'left_without_consideration': {
      const [az, en] = GROUND_WORDS[notice.ground] ?? [notice.ground, notice.ground];
      return {
        subject: `Müraciətiniz baxılmadan saxlanıldı: ${registrationNumber} / Appeal left without consideration`,
        text: [
          `${registrationNumber} nömrəli müraciətiniz baxılmadan saxlanıldı (Qanunun 8.1-ci maddəsi): ${az}.`,
          `Səbəb: ${notice.note}`,
          'Əsas aradan qalxdıqda müraciətə yenidən baxılır.',
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `Your appeal ${registrationNumber} was left without consideration (Art. 8.1): ${en}.`,
          `Reason: ${notice.note}`,
          'When the ground disappears, the appeal is considered.',
        ].join('\n'),
      };
    }
    case 'reopened':
      return {
        subject: `Müraciətinizə yenidən baxılır: ${registrationNumber} / Appeal reopened`,
        text: [
          `${registrationNumber} nömrəli müraciətinizə baxılmasına yenidən başlanıldı; yeni son tarix: ${notice.newDueDate}.`,
          `Qeyd: ${notice.note}`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `Your appeal ${registrationNumber} is being considered again, now due ${notice.newDueDate}.`,
        ].join('\n'),
      };
    case 'deadline_moved':
      // working-days-az.md: a change of the official calendar moves the terms that span it.
      return {
        subject: `Müraciətin son tarixi dəyişdi: ${registrationNumber} / Due date changed`,
        text: [
          `Qeyri-iş günlərinin dəyişməsi ilə əlaqədar ${registrationNumber} nömrəli müraciətinizin baxılma müddətinin son tarixi ${notice.oldDueDate} əvəzinə ${notice.newDueDate} oldu.`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `The official calendar of non-working days changed: your appeal ${registrationNumber} is now due ${notice.newDueDate} instead of ${notice.oldDueDate}.`,
        ].join('\n'),
      };
    case 'regime': {
      // appeals-rules.md 10: the regime asked for is confirmed or changed, with the reason.
      const [az, en] = REGIME_WORDS[notice.regime] ?? [notice.regime, notice.regime];
      return {
        subject: `Müraciətin baxılma qaydası ${notice.changed ? 'dəyişdirildi' : 'təsdiqləndi'}: ${registrationNumber} / Review regime ${notice.changed ? 'changed' : 'confirmed'}`,
        text: [
          `${registrationNumber} nömrəli müraciətinizə ${az} baxılır (Qanunun 10-cu maddəsi); son tarix: ${notice.newDueDate}.`,
          `Səbəb: ${notice.reason}`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `Your appeal ${registrationNumber} is reviewed under ${en} (Art. 10), due ${notice.newDueDate}.`,
          `Reason: ${notice.reason}`,
        ].join('\n'),
      };
    }
    case 'merged':
      // appeals-rules.md 15: the follow-up is answered together with the earlier appeal.
      return {
        subject: `Müraciətiniz əvvəlki müraciətlə birləşdirildi: ${registrationNumber} / Appeal merged`,
        text: [
          `${registrationNumber} nömrəli müraciətiniz eyni məsələ üzrə ${notice.intoRegistrationNumber} nömrəli müraciətinizlə birlikdə baxılacaq; hər ikisinə bir cavab veriləcək.`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `Your appeal ${registrationNumber} will be answered together with your earlier appeal ${notice.intoRegistrationNumber} on the same matter.`,
        ].join('\n'),
      };
    case 'answered':
      return {
        subject: `Müraciətinizə cavab: ${registrationNumber} / Answer to your appeal`,
        text: [
          `${registrationNumber} nömrəli müraciətinizə cavab (Qanunun 7.5-ci maddəsi):`,
          '',
          notice.text,
          '',
          `${notice.officialName}, ${notice.officialPosition}`,
          `Müraciətiniz: ${link}`,
          '',
          '---',
          `The answer to your appeal ${registrationNumber} is above (in Azerbaijani, the state language).`,
        ].join('\n'),
      };
  }
}
