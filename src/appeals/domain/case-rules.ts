import { AppealStatus } from './appeal-types';

/**
 * The rule constants that both TypeScript and SQL use, defined once (issue 14). SQL reads each
 * through a function of the same meaning (migrations/1764900000000-rule-constants.ts), and
 * test/integration/rule-constants.int-spec.ts holds every function equal to the constant here:
 * change a value here and that test fails until a new migration replaces the SQL function.
 */

/** The statuses in which the handling agency still works on its case. SQL: `appeal_working_statuses()`. */
export const WORKING_STATUSES: readonly AppealStatus[] = ['registered', 'in_review'];
/**
 * Closed on the merits (Art. 7.5) or without consideration (Art. 8.1); only `reopen` leaves them.
 * SQL: `appeal_closed_statuses()`.
 */
export const CLOSED_STATUSES: readonly AppealStatus[] = ['answered', 'left_without_consideration'];
/**
 * Out of the agency's hands: closed, or referred to another agency (Art. 7.10: terminal for the
 * sender). The evaluation's closed cohort and the retention clock start here. SQL: `appeal_finished_statuses()`.
 */
export const FINISHED_STATUSES: readonly AppealStatus[] = [...CLOSED_STATUSES, 'referred'];

/** Art. 7.10: an appeal outside the agency's competence is referred within 3 working days. SQL: `referral_term_working_days()`. */
export const REFERRAL_TERM_WORKING_DAYS = 3;
/**
 * Art. 8.2 (appeals-rules.md 13): the applicant is told, with reasons, within 5 working days of
 * the decision to leave the appeal without consideration. SQL: `notice_term_working_days()`.
 */
export const NOTICE_WORKING_DAYS = 5;

/**
 * The outbox key of an e-mail about an appeal: one per template, appeal, event (`seq`; none for
 * the intake confirmation) and recipient (`suffix`, empty for the first, appeals-rules.md 1), so a
 * retried transaction or job never mails twice, and the evaluation finds the notice of an event
 * (indicator 11). SQL: `appeal_mail_dedupe_key(template, appeal_id, seq, suffix)`.
 */
export function appealMailDedupeKey(template: string, appealId: string, seq: number | null, suffix = ''): string {
  return `mail:${template}:${appealId}${seq === null ? '' : `:${seq}`}${suffix}`;
}

/** Each SQL function and the constant it must return (rule-constants.int-spec.ts). */
export const SQL_RULE_CONSTANTS = {
  appeal_working_statuses: WORKING_STATUSES,
  appeal_closed_statuses: CLOSED_STATUSES,
  appeal_finished_statuses: FINISHED_STATUSES,
  referral_term_working_days: REFERRAL_TERM_WORKING_DAYS,
  notice_term_working_days: NOTICE_WORKING_DAYS,
} as const;
