import { dataName, mailInAllLanguages } from '../../platform/i18n';

/**
 * Confirmation notice of registration (Decree No. 429 of 2011, para 2.3): Azerbaijani first, the
 * state language, then Russian and English, each with the same facts.
 */
export interface AppealRegisteredMail {
  readonly applicantName: string | null;
  readonly registrationNumber: string;
  readonly type: 'proposal' | 'application' | 'complaint';
  readonly receivedOn: string;
  readonly agencyName: string;
  readonly agencyNameEn: string | null;
  readonly reviewDueDate: string;
  readonly reviewTermWorkingDays: number | null;
  readonly link: string;
}

export function renderAppealRegistered(m: AppealRegisteredMail): { subject: string; text: string } {
  const number = m.registrationNumber;
  return mailInAllLanguages((t) => {
    const agency = dataName(t, m.agencyName, m.agencyNameEn);
    const term =
      m.reviewTermWorkingDays === null ? t.t('mail.registered.urgent') : t.plural('mail.registered.term', m.reviewTermWorkingDays);
    return {
      subject: t.t('mail.registered.subject', { number }),
      lines: [
        m.applicantName ? t.t('mail.dear', { name: m.applicantName }) : t.t('mail.dearApplicant'),
        '',
        t.t(`mail.registered.received.${m.type}`, { agency, date: m.receivedOn }),
        t.t('mail.registered.number', { number }),
        t.t('mail.registered.due', { date: m.reviewDueDate, term }),
        t.t('mail.registered.follow', { link: m.link }),
        '',
        t.t('mail.law'),
      ],
    };
  });
}
