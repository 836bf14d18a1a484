import { dataName, mailInAllLanguages, Translator } from '../../platform/i18n';

/**
 * Notices of what happened to an appeal (appeals-rules.md 16: the applicant is told of every
 * status change), Azerbaijani first, then Russian and English.
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

const GROUNDS = ['excluded_subject', 'form_defect', 'court_decision', 'repeated', 'cannot_decide', 'withdrawn'] as const;
const REGIMES = ['standard', 'military', 'urgent'] as const;

/** Art. 8.1 grounds in the applicant's words; a ground this version does not know is named by the article. */
function groundWords(t: Translator, ground: string): string {
  return (GROUNDS as readonly string[]).includes(ground)
    ? t.t(`mail.notice.grounds.${ground as (typeof GROUNDS)[number]}`)
    : t.t('mail.notice.grounds.unknown');
}

/** Art. 10.3, 10.4 regimes in the applicant's words. */
function regimeWords(t: Translator, regime: string): string {
  return (REGIMES as readonly string[]).includes(regime)
    ? t.t(`mail.notice.regimes.${regime as (typeof REGIMES)[number]}`)
    : t.t('mail.notice.regimes.unknown');
}

export function renderAppealNotice(registrationNumber: string, link: string, notice: AppealNotice): { subject: string; text: string } {
  const number = registrationNumber;
  return mailInAllLanguages((t) => {
    const yours = t.t('mail.yourAppeal', { link });
    switch (notice.kind) {
      case 'additional_study':
        return {
          subject: t.t('mail.notice.additionalStudySubject', { number }),
          lines: [
            t.t('mail.notice.additionalStudy', { number }),
            t.t('mail.notice.additionalStudyTerm', { date: notice.newDueDate }),
            t.t('mail.reason', { reason: notice.reason }),
            yours,
          ],
        };
      case 'extended':
        return {
          subject: t.t('mail.notice.extendedSubject', { number }),
          lines: [
            t.plural('mail.notice.extended', notice.workingDays, { number }),
            t.t('mail.notice.newDue', { date: notice.newDueDate }),
            t.t('mail.reason', { reason: notice.reason }),
            yours,
          ],
        };
      case 'referred':
      case 'copied': {
        const referred = notice.kind === 'referred';
        return {
          subject: t.t(referred ? 'mail.notice.referredSubject' : 'mail.notice.copiedSubject', { number }),
          lines: [
            t.t(referred ? 'mail.notice.referred' : 'mail.notice.copied', { number }),
            ...notice.cases.map((c) => `  ${c.registrationNumber}: ${dataName(t, c.agencyName, c.agencyNameEn)}`),
            t.t('mail.notice.termFromReceipt'),
            ...(notice.note ? [t.t('mail.note', { note: notice.note })] : []),
            yours,
          ],
        };
      }
      case 'left_without_consideration':
        return {
          subject: t.t('mail.notice.leftSubject', { number }),
          lines: [
            t.t('mail.notice.left', { number, ground: groundWords(t, notice.ground) }),
            t.t('mail.reason', { reason: notice.note }),
            t.t('mail.notice.leftLater'),
            yours,
          ],
        };
      case 'reopened':
        return {
          subject: t.t('mail.notice.reopenedSubject', { number }),
          lines: [t.t('mail.notice.reopened', { number, date: notice.newDueDate }), t.t('mail.note', { note: notice.note }), yours],
        };
      case 'deadline_moved':
        // working-days-az.md: a change of the official calendar moves the terms that span it.
        return {
          subject: t.t('mail.notice.deadlineMovedSubject', { number }),
          lines: [t.t('mail.notice.deadlineMoved', { number, before: notice.oldDueDate, after: notice.newDueDate }), yours],
        };
      case 'regime':
        // appeals-rules.md 10: the regime asked for is confirmed or changed, with the reason.
        return {
          subject: t.t(notice.changed ? 'mail.notice.regimeChangedSubject' : 'mail.notice.regimeConfirmedSubject', { number }),
          lines: [
            t.t('mail.notice.regime', { number, regime: regimeWords(t, notice.regime), date: notice.newDueDate }),
            t.t('mail.reason', { reason: notice.reason }),
            yours,
          ],
        };
      case 'merged':
        // appeals-rules.md 15: the follow-up is answered together with the earlier appeal.
        return {
          subject: t.t('mail.notice.mergedSubject', { number }),
          lines: [t.t('mail.notice.merged', { number, into: notice.intoRegistrationNumber }), yours],
        };
      case 'answered':
        // Art. 7.5: the answer is written in the state language; it is given once, in the Azerbaijani part,
        // and the other parts point to it with the same official's name.
        return {
          subject: t.t('mail.notice.answeredSubject', { number }),
          lines: [
            ...(t.lang === 'az'
              ? [t.t('mail.notice.answered', { number }), '', notice.text, '']
              : [t.t('mail.notice.answeredAbove', { number })]),
            t.t('mail.signed', { name: notice.officialName, position: notice.officialPosition }),
            yours,
          ],
        };
    }
  });
}
