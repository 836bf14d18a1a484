import { mailInAllLanguages, Translator } from '../../platform/i18n';

/**
 * Alert and digest mails for officials, in Azerbaijani (the state language), Russian and English.
 * Only case numbers, dates and a link: never the applicant's name or the appeal's text.
 */
/** The mail templates: one mail per supervisor listing their new alerts, and the daily digest. */
export const ALERT_MAIL_TEMPLATE = 'deadline-alert';
export const DIGEST_MAIL_TEMPLATE = 'alert-digest';

export const ALERT_KINDS = ['referral_due', 'review_warning', 'review_due', 'overdue', 'escalation', 'notice_due'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertMailInput {
  readonly kind: AlertKind;
  readonly daysBefore: number;
  readonly registrationNumber: string;
  readonly agencyName: string;
  /** The deadline as Baku wall-clock time, e.g. "2026-06-12 23:59". */
  readonly dueAt: string;
  readonly escalationWorkingDays: number;
  readonly link: string;
}

export function renderAlertMail(input: AlertMailInput): { subject: string; text: string } {
  return mailInAllLanguages((t) => {
    const h = headline(t, input);
    return {
      subject: t.t('mail.alert.subject', { headline: h, what: input.registrationNumber }),
      lines: [
        t.t('mail.alert.appeal', { number: input.registrationNumber, agency: input.agencyName }),
        t.t('mail.alert.deadline', { headline: h, due: input.dueAt }),
        t.t('mail.alert.link', { link: input.link }),
      ],
    };
  });
}

/** One alert of a mail that lists several (a burst: thousands of terms end at the same midnight). */
export type AlertMailItem = Omit<AlertMailInput, 'escalationWorkingDays'>;

export interface AlertListMailInput {
  /** The alerts listed, nearest deadline first; at most a page of the mail's `total`. */
  readonly items: readonly AlertMailItem[];
  readonly total: number;
  /** Whether every alert of the mail (listed or not) is of one kind: the subject then names it. */
  readonly oneKind: boolean;
  readonly escalationWorkingDays: number;
  /** Where the officials see them all (their inbox, nearest deadline first). */
  readonly moreLink: string;
}

/** Case numbers named in a subject; a longer list gives the count. */
const SUBJECT_NUMBERS = 3;

/**
 * One mail per recipient for the alerts that fired together: a supervisor whose agency has a
 * thousand terms ending at midnight gets one message listing them, not a thousand. A single
 * alert reads exactly as renderAlertMail.
 */
export function renderAlertListMail(input: AlertListMailInput): { subject: string; text: string } {
  const { items, total, escalationWorkingDays } = input;
  if (items.length === 0) throw new RangeError('an alert mail lists at least one alert');
  if (total === 1) return renderAlertMail({ ...items[0], escalationWorkingDays });
  // A subject names the cases when the mail lists them all and they are few (one case may have
  // several alerts in a mail, after a re-claim); otherwise it counts the alerts.
  const numbers = [...new Set(items.map((i) => i.registrationNumber))];
  const named = items.length === total && numbers.length <= SUBJECT_NUMBERS ? numbers.join(', ') : null;
  const more = total - items.length;
  return mailInAllLanguages((t) => {
    const what = named ?? t.plural('mail.alert.count', total);
    const subjectHeadline = input.oneKind ? headline(t, { ...items[0], escalationWorkingDays }) : t.t('mail.alert.deadlines');
    return {
      subject: t.t('mail.alert.subject', { headline: subjectHeadline, what }),
      lines: [
        t.plural('mail.alert.listIntro', total),
        ...items.map((item) =>
          t.t('mail.alert.item', {
            number: item.registrationNumber,
            agency: item.agencyName,
            headline: headline(t, { ...item, escalationWorkingDays }),
            due: item.dueAt,
            link: item.link,
          }),
        ),
        ...(more > 0 ? [t.plural('mail.alert.more', more, { link: input.moreLink })] : []),
      ],
    };
  });
}

function headline(t: Translator, input: AlertMailInput): string {
  switch (input.kind) {
    case 'review_warning':
      return t.plural('mail.alert.headline.review_warning', input.daysBefore);
    case 'escalation':
      return t.plural('mail.alert.headline.escalation', input.escalationWorkingDays);
    default:
      return t.t(`mail.alert.headline.${input.kind}`);
  }
}

export interface DigestMailInput {
  readonly day: string;
  readonly dueToday: number;
  readonly dueSoon: number;
  readonly overdue: number;
  readonly link: string;
}

/** The supervisor's daily digest (appeals-rules.md 17). */
export function renderDigestMail(input: DigestMailInput): { subject: string; text: string } {
  return mailInAllLanguages((t) => ({
    subject: t.t('mail.digest.subject', { day: input.day }),
    lines: [
      t.t('mail.digest.intro', { day: input.day }),
      t.t('mail.digest.dueToday', { count: input.dueToday }),
      t.t('mail.digest.dueSoon', { count: input.dueSoon }),
      t.t('mail.digest.overdue', { count: input.overdue }),
      t.t('mail.digest.list', { link: input.link }),
    ],
  }));
}
