/**
 * Notices of what happened to an appeal (appeals-rules.md 16: the applicant is told of every
 * status change), Azerbaijani first, then English.
 */
export type AppealNotice =
  | { kind: 'additional_study'; newDueDate: string; reason: string }
  | { kind: 'extended'; newDueDate: string; workingDays: number; reason: string }
  | { kind: 'answered'; text: string; officialName: string; officialPosition: string };

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
