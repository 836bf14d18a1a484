/**
 * Alert and digest mails for officials, in Azerbaijani (the state language) with English below.
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
  const [az, en] = headline(input);
  return {
    subject: `${az}: ${input.registrationNumber} / ${en}`,
    text: [
      `${input.registrationNumber} nömrəli müraciət (${input.agencyName}).`,
      `${az}. Son müddət: ${input.dueAt} (Bakı vaxtı).`,
      `Müraciət: ${input.link}`,
      '',
      '---',
      `Appeal ${input.registrationNumber}: ${en}. Deadline: ${input.dueAt} (Baku time).`,
    ].join('\n'),
  };
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
  const [az, en] = input.oneKind ? headline({ ...items[0], escalationWorkingDays }) : ['Müraciətlərin müddətləri', 'deadlines of appeals'];
  const more = total - items.length;
  const lines = (language: 0 | 1) =>
    items.map((item) => {
      const h = headline({ ...item, escalationWorkingDays })[language];
      return language === 0
        ? `- ${item.registrationNumber} (${item.agencyName}): ${h}. Son müddət: ${item.dueAt}. ${item.link}`
        : `- ${item.registrationNumber}: ${h}. Deadline: ${item.dueAt}.`;
    });
  return {
    subject: `${az}: ${named ?? `${total} xəbərdarlıq`} / ${en}: ${named ?? `${total} alerts`}`,
    text: [
      `${total} xəbərdarlıq (son müddətlər Bakı vaxtı ilə):`,
      ...lines(0),
      ...(more > 0 ? [`... və daha ${more} xəbərdarlıq: ${input.moreLink}`] : []),
      '',
      '---',
      `${total} alerts (deadlines in Baku time):`,
      ...lines(1),
      ...(more > 0 ? [`... and ${more} more: ${input.moreLink}`] : []),
    ].join('\n'),
  };
}

function headline(input: AlertMailInput): [string, string] {
  switch (input.kind) {
    case 'referral_due':
      return ['Aidiyyəti üzrə göndərmə üçün son gün (Qanunun 7.10-cu maddəsi)', 'last day to refer it to the competent body (Art. 7.10)'];
    case 'review_warning':
      return [
        `Baxılma müddətinin bitməsinə ${input.daysBefore} iş günü qalıb`,
        `${input.daysBefore} working day(s) left in the review term`,
      ];
    case 'review_due':
      return ['Baxılma müddəti bu gün bitir', 'the review term ends today'];
    case 'overdue':
      return ['Baxılma müddəti keçib', 'the review term has passed'];
    case 'escalation':
      return [
        `Baxılma müddəti ${input.escalationWorkingDays} iş günündən çoxdur ki, keçib`,
        `overdue by more than ${input.escalationWorkingDays} working days`,
      ];
    case 'notice_due':
      return [
        'Baxılmadan saxlanılma barədə müraciətçiyə bildiriş üçün son gün (Qanunun 8-ci maddəsi)',
        'last day to tell the applicant why the appeal was left without consideration (Art. 8)',
      ];
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
  return {
    subject: `Müraciətlər üzrə gündəlik xülasə, ${input.day} / Daily digest of appeals`,
    text: [
      `${input.day} tarixinə nəzarətinizdə olan qurumlar üzrə:`,
      `- bu gün müddəti bitən müraciətlər: ${input.dueToday}`,
      `- 3 iş günü ərzində müddəti bitən müraciətlər: ${input.dueSoon}`,
      `- müddəti keçmiş müraciətlər: ${input.overdue}`,
      `Siyahı: ${input.link}`,
      '',
      '---',
      `Agencies you oversee, ${input.day}: due today ${input.dueToday}, due within 3 working days ${input.dueSoon}, overdue ${input.overdue}.`,
    ].join('\n'),
  };
}
