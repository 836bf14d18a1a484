import { Role } from '../../auth/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { AppealStatus, AppealType, Channel, CLOSURE_GROUNDS, ClosureGround, ORAL_CHANNELS } from './appeal-types';
import { NOTICE_WORKING_DAYS, WORKING_STATUSES } from './case-rules';

/**
 * The appeal lifecycle (STYLE.md "Domain rules and the case state machine"): a table of named
 * transitions, the guard that applies it, and the law's guards around them. Pure: no Nest, no I/O.
 *
 * Referral is modelled from the sending agency's side: `refer` closes the sender's case state as
 * `referred` (terminal for the sender); the receiving agency gets a new case state in `registered`,
 * which is the case the applicant and the receiving agency's staff act on from then on.
 */

export const TRANSITION_NAMES = [
  'assign',
  'take',
  'refer',
  'copy',
  'additionalStudy',
  'extend',
  'answer',
  'leaveWithoutConsideration',
  'reopen',
  'withdraw',
  'feedback',
  'changeRegime',
  'merge',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

export interface TransitionRule {
  readonly from: readonly AppealStatus[];
  /** 'same': the transition records something (term, copy, feedback) without changing status. */
  readonly to: AppealStatus | 'same';
  readonly actors: readonly Role[];
}

// The status sets and the notice term are shared with SQL: defined once in case-rules.ts.
export { CLOSED_STATUSES, NOTICE_WORKING_DAYS, WORKING_STATUSES } from './case-rules';

const STAFF: readonly Role[] = ['registrar', 'official', 'supervisor'];
const DECIDERS: readonly Role[] = ['official', 'supervisor'];

export const TRANSITIONS: Readonly<Record<TransitionName, TransitionRule>> = {
  // The registrar or a supervisor names the executor; a reassignment keeps `in_review`.
  assign: { from: WORKING_STATUSES, to: 'in_review', actors: ['registrar', 'supervisor'] },
  // Issue 15 ("assign to me"): an official becomes the executor of an open case of their agency
  // that has none yet (assertUnassigned); never a colleague's case, which only a reassignment moves.
  take: { from: WORKING_STATUSES, to: 'in_review', actors: ['official'] },
  // Art. 7.10: outside the agency's competence: forward within 3 working days (often at intake).
  refer: { from: WORKING_STATUSES, to: 'referred', actors: STAFF },
  // Art. 7.10: several competent agencies: the original stays here, each copy is a new case.
  copy: { from: WORKING_STATUSES, to: 'same', actors: STAFF },
  // Art. 10.1: the official decides additional study is needed (15 -> 30 working days).
  additionalStudy: { from: WORKING_STATUSES, to: 'same', actors: DECIDERS },
  // Art. 10.2: once, at most 30 working days; the regime rules are in review-term.ts.
  extend: { from: WORKING_STATUSES, to: 'same', actors: DECIDERS },
  // Art. 7.5: a reasoned answer, given and signed by the official who decided, closes the case.
  answer: { from: WORKING_STATUSES, to: 'answered', actors: DECIDERS },
  // Art. 8.1: on a legal ground; the registrar needs it at intake (anonymous, excluded subject).
  leaveWithoutConsideration: { from: WORKING_STATUSES, to: 'left_without_consideration', actors: STAFF },
  // Art. 8.3 (appeals-rules.md 13): when the ground disappears the appeal is considered after all;
  // whoever may close may reopen. Not after a withdrawal: see assertReopenable.
  reopen: { from: ['left_without_consideration'], to: 'in_review', actors: STAFF },
  // Art. 8.1 (ground 6): the applicant asks to stop the consideration.
  withdraw: { from: WORKING_STATUSES, to: 'left_without_consideration', actors: ['citizen'] },
  // The applicant's satisfaction with the answer (evaluation-methodology.md), after the answer only.
  feedback: { from: ['answered'], to: 'same', actors: ['citizen'] },
  // appeals-rules.md 10: the applicant's regime is a request; staff confirm or change it (review-term.ts).
  changeRegime: { from: WORKING_STATUSES, to: 'same', actors: STAFF },
  // appeals-rules.md 15: a follow-up is merged into an open appeal by a staff member's decision,
  // never automatically; it is answered with it (access: those who may see the identity).
  merge: { from: WORKING_STATUSES, to: 'same', actors: STAFF },
};

/** The ground a withdrawal records (API.md). */
export const WITHDRAWAL_GROUND: ClosureGround = 'withdrawn';

/** The status after `name` from `from` (no check: call assertTransition first). */
export function nextStatus(name: TransitionName, from: AppealStatus): AppealStatus {
  const { to } = TRANSITIONS[name];
  return to === 'same' ? from : to;
}

/** The status a transition writes, whatever the case was in; undefined when it keeps the status ('same'). */
export function statusAfter(name: TransitionName): AppealStatus | undefined {
  const { to } = TRANSITIONS[name];
  return to === 'same' ? undefined : to;
}

export function isTransitionAllowed(name: TransitionName, from: AppealStatus, role: Role): boolean {
  const rule = TRANSITIONS[name];
  return rule.actors.includes(role) && rule.from.includes(from);
}

/**
 * The one gate of every status change. The role is checked first (FORBIDDEN, 403: who may do it
 * does not depend on the case), then the status (TRANSITION_NOT_ALLOWED, 422; for the applicant's
 * withdrawal WITHDRAWAL_NOT_ALLOWED, 422, so the portal can explain it). Returns the next status.
 */
export function assertTransition(name: TransitionName, from: AppealStatus, actorRole: Role): AppealStatus {
  const rule = TRANSITIONS[name];
  if (!rule.actors.includes(actorRole)) {
    throw new DomainError('FORBIDDEN', `The ${actorRole} role may not ${describe(name)} an appeal; allowed: ${rule.actors.join(', ')}.`);
  }
  if (!rule.from.includes(from)) {
    const allowedFrom = rule.from.join(', ');
    if (name === 'withdraw') {
      const why =
        from === 'referred' ? 'the appeal was referred to another agency; withdraw it there' : `it is already ${from.replace(/_/g, ' ')}`;
      throw new DomainError('WITHDRAWAL_NOT_ALLOWED', `The appeal cannot be withdrawn: ${why}.`);
    }
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      `Cannot ${describe(name)} an appeal that is ${from.replace(/_/g, ' ')}; allowed from: ${allowedFrom}.`,
    );
  }
  return nextStatus(name, from);
}

/** The actions a UI may offer `role` on a case in `status`, in table order. */
export function allowedTransitions(status: AppealStatus, role: Role): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => isTransitionAllowed(name, status, role));
}

function describe(name: TransitionName): string {
  const words: Record<TransitionName, string> = {
    assign: 'assign an executor to',
    take: 'take',
    refer: 'refer',
    copy: 'send copies of',
    additionalStudy: 'order additional study of',
    extend: 'extend the term of',
    answer: 'answer',
    leaveWithoutConsideration: 'leave without consideration',
    reopen: 'reopen',
    withdraw: 'withdraw',
    feedback: 'give feedback on',
    changeRegime: 'change the regime of',
    merge: 'merge',
  };
  return words[name];
}

/**
 * `take` is only for a case nobody handles yet: an official must not take a colleague's case
 * (that is a reassignment, the registrar's or a supervisor's decision). CONFLICT (409): the case
 * moved on since it was listed as unassigned; reloading shows who has it.
 */
export function assertUnassigned(executorId: string | null): void {
  if (executorId !== null) {
    throw DomainError.field(
      'CONFLICT',
      'executorId',
      'The appeal already has an executor; only the registrar or a supervisor may reassign it.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Art. 8.1 / 8.3: grounds for leaving without consideration, and reopening.

/** Art. 8.1.4: answered on the merits this many times within one year, nothing new. */
export const REPEATED_APPEAL_THRESHOLD = 3;

/** Art. 8.1.4 (appeals-rules.md 13): a repeated appeal may be left without consideration. */
export function isRepeatedEligible(answeredOnMeritsLastYear: number): boolean {
  if (!Number.isInteger(answeredOnMeritsLastYear) || answeredOnMeritsLastYear < 0) {
    throw DomainError.field('VALIDATION_FAILED', 'answeredOnMeritsLastYear', 'The count of earlier answers is a whole number from 0.');
  }
  return answeredOnMeritsLastYear >= REPEATED_APPEAL_THRESHOLD;
}

/**
 * appeals-rules.md 13: registrars apply only the form grounds (a form defect, the applicant's
 * withdrawal); judging the content (excluded subject, court decision, repeated, cannot decide) is
 * for an official or a supervisor.
 */
export const FORM_GROUNDS: readonly ClosureGround[] = ['form_defect', 'withdrawn'];

/** The Art. 8.1 grounds `role` may apply, in API.md order. */
export function leaveGroundsFor(role: Role): ClosureGround[] {
  if (role === 'official' || role === 'supervisor') return [...CLOSURE_GROUNDS];
  if (role === 'registrar') return [...FORM_GROUNDS];
  return [];
}

/**
 * Art. 8.1: one of the API.md grounds, one the actor's role may apply (FORBIDDEN otherwise).
 * `repeated` also needs the 8.1.4 count: three answers on the merits within a year (whether the
 * new appeal brings anything new is the official's call).
 */
export function assertLeaveGround(ground: string, facts: { readonly answeredOnMeritsLastYear?: number } = {}, role?: Role): ClosureGround {
  if (!(CLOSURE_GROUNDS as readonly string[]).includes(ground)) {
    throw DomainError.field('VALIDATION_FAILED', 'ground', `The ground is one of: ${CLOSURE_GROUNDS.join(', ')} (Art. 8.1).`);
  }
  if (role !== undefined && !leaveGroundsFor(role).includes(ground as ClosureGround)) {
    throw DomainError.field(
      'FORBIDDEN',
      'ground',
      `The ${role} role applies only the form grounds (${FORM_GROUNDS.join(', ')}); ${ground} is decided by an official or a supervisor (appeals-rules.md 13).`,
    );
  }
  if (ground === 'repeated' && !isRepeatedEligible(facts.answeredOnMeritsLastYear ?? 0)) {
    throw DomainError.field(
      'VALIDATION_FAILED',
      'ground',
      `A repeated appeal is left without consideration only after ${REPEATED_APPEAL_THRESHOLD} answers on the merits within one year (Art. 8.1.4).`,
    );
  }
  return ground as ClosureGround;
}

/**
 * Art. 8.3: reopening when the ground disappears. A withdrawal is the applicant's own decision,
 * and staff must not override it: the applicant files a new appeal instead (appeals-rules.md 15).
 */
export function assertReopenable(closureGround: ClosureGround | null): void {
  if (closureGround === WITHDRAWAL_GROUND) {
    throw DomainError.field(
      'REOPEN_NOT_ALLOWED',
      'closureGround',
      'The applicant withdrew this appeal; it is not reopened by staff. The applicant may submit a new appeal.',
    );
  }
}

/**
 * The one notice clock of leaving without consideration (appeals-rules.md 13): 5 working days
 * counted from the day of the decision (day 0), in Asia/Baku. The service computes the date with
 * the calendar and stores it (`appeal_state.notice_due_date`); the `notice_due` timer fires on
 * that stored date, so both always agree.
 */
export function noticeTerm(decidedOn: string): { from: string; workingDays: number } {
  assertIsoDate('decidedOn', decidedOn);
  return { from: decidedOn, workingDays: NOTICE_WORKING_DAYS };
}

/**
 * How the applicant is told that the appeal was left without consideration (Art. 8.2,
 * appeals-rules.md 13): nobody for an anonymous appeal; on the spot for an oral one (reception,
 * phone); by e-mail where an address was given; else by post, which staff must send by the
 * notice due date. The applicant's own withdrawal needs no letter.
 */
export type NoticeDelivery = 'none' | 'on_the_spot' | 'email' | 'post';

export function leaveNoticeDelivery(facts: {
  anonymous: boolean;
  channel: Channel;
  ground: ClosureGround;
  hasEmail: boolean;
}): NoticeDelivery {
  // Art. 6.4, 8.2: no notice for an anonymous appeal (there is nobody to send it to).
  if (facts.anonymous) return 'none';
  if (ORAL_CHANNELS.includes(facts.channel)) return 'on_the_spot';
  if (facts.hasEmail) return 'email';
  return facts.ground === WITHDRAWAL_GROUND ? 'none' : 'post';
}

// ---------------------------------------------------------------------------------------------
// Art. 7.10: referral within 3 working days; Administrative Offences Code 594-1.1.2.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertIsoDate(field: string, value: string): void {
  const valid = ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw DomainError.field('VALIDATION_FAILED', field, `${field} must be a date YYYY-MM-DD.`);
}

/**
 * Art. 7.10: a referral (or copy) is on time when made by the referral due date, which the
 * calendar computes as 3 working days after receipt (day 0). Dates are YYYY-MM-DD in Asia/Baku.
 */
export function referralOnTime(receivedOn: string, referredOn: string, referralDueDate: string): boolean {
  assertIsoDate('receivedOn', receivedOn);
  assertIsoDate('referredOn', referredOn);
  assertIsoDate('referralDueDate', referralDueDate);
  if (referredOn < receivedOn)
    throw DomainError.field('VALIDATION_FAILED', 'referredOn', 'An appeal cannot be referred before it was received.');
  if (referralDueDate < receivedOn)
    throw DomainError.field('VALIDATION_FAILED', 'referralDueDate', 'The referral due date precedes receipt.');
  return referredOn <= referralDueDate;
}

/** Art. 7.10: referral and copies go to other agencies, each once. */
export function assertOtherAgencies(currentAgencyId: string, targetAgencyIds: readonly string[], field: 'toAgencyId' | 'agencyIds'): void {
  if (targetAgencyIds.length === 0) throw DomainError.field('VALIDATION_FAILED', field, 'Name at least one agency.');
  if (targetAgencyIds.includes(currentAgencyId)) {
    throw DomainError.field('VALIDATION_FAILED', field, 'The appeal is already at this agency; name another one.');
  }
  if (new Set(targetAgencyIds).size !== targetAgencyIds.length)
    throw DomainError.field('VALIDATION_FAILED', field, 'Each agency is named once.');
}

export type RespondentAction = 'referral' | 'copy' | 'assignment';

/** What the complaint records about the agency and official complained about (AppealRow fits). */
export interface RespondentFacts {
  readonly type: AppealType;
  readonly respondentAgencyId?: string | null;
  readonly respondentOfficial?: string | null;
  /** The staff account named as the official complained about, when the complaint names one. */
  readonly respondentOfficialId?: string | null;
  /**
   * Whether the official complained about heads the respondent agency, when someone knows it.
   * When undefined or null, HEAD_TITLE_PATTERN is tried on `respondentOfficial`.
   */
  readonly respondentIsHead?: boolean | null;
}

export interface RespondentTarget {
  /** The agency the appeal would go to; for an assignment, the handling agency. */
  readonly agencyId: string;
  /** The executor's full name, for an assignment. */
  readonly officialName?: string | null;
  /** The executor's account, for an assignment. */
  readonly officialId?: string | null;
  /** The target agency's ancestors, nearest first (parent, grandparent, ..., root). */
  readonly agencyParentChain: readonly string[];
  /** Default: 'assignment' when `officialName` is given, else 'referral'. */
  readonly action?: RespondentAction;
}

export interface RespondentOptions {
  /** Refuse bodies subordinate to the respondent agency when its head is complained about. Default true. */
  readonly forbidSubordinateWhenHeadIsRespondent?: boolean;
  /** Tested on the folded respondentOfficial (lower case, İ/I/ı -> i); default HEAD_TITLE_PATTERN. */
  readonly headTitlePattern?: RegExp;
}

/**
 * Titles of heads (and their deputies, who also direct the subordinate bodies) in Azerbaijani,
 * English and Russian, matched on folded text. Names of bodies (nazirlik, direktorluq,
 * müdiriyyət) are not titles.
 */
export const HEAD_TITLE_PATTERN =
  /rəhbər|rəis|müdir(?!iyyət)|direktor(?!lu[qğ])|nazir(?!li[kyğ])|sədr|başçi|(?<![\p{L}])head(?![\p{L}])|director(?!ate)|minister(?!y)|chair|chief|руководител|начальник|директор|министр(?!ерств)|председател|глав[аы]/u;

/** Case and dotted/dotless i folding for Azerbaijani text compared with any other. */
function fold(text: string): string {
  return text.normalize('NFC').replace(/[İIı]/g, 'i').toLowerCase();
}

function nameTokens(name: string): string[] {
  return fold(name)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function tokensMatch(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/**
 * Whether two free-text names denote the same person: the same words in any order (surname,
 * name, patronymic come in either order), a title or patronymic on one side only, initials
 * ("Əliyev V."). A single word matches only itself: one surname alone is too common to refuse on.
 */
export function sameOfficialName(a: string, b: string): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return false;
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  if (small.length === 1) return large.length === 1 && small[0] === large[0];
  return small.some((t) => t.length > 1) && small.every((t) => large.some((u) => tokensMatch(t, u)));
}

/** "About the head": an explicit flag wins; otherwise a head's title in the respondent's name. */
export function isAboutHead(facts: RespondentFacts, pattern: RegExp = HEAD_TITLE_PATTERN): boolean {
  if (!facts.respondentOfficial) return false;
  if (facts.respondentIsHead != null) return facts.respondentIsHead;
  return pattern.test(fold(facts.respondentOfficial));
}

/**
 * Administrative Offences Code 594-1.1.2 (appeals-rules.md 12): a complaint is never sent for
 * consideration to the agency or official whose act or omission it complains about.
 * - referral / copy to the respondent agency: refused;
 * - assignment to the official named as respondent (in the respondent agency, or any agency when
 *   the complaint names none): refused. Assigning inside the respondent agency to someone else is
 *   allowed: the applicant chose to file there, nothing was forwarded;
 * - complaint about the respondent agency's head (option, default on): a body under that agency,
 *   or an official of that agency itself, is subordinate to the respondent and refused; the case
 *   goes to a body above instead.
 * Only complaints name a respondent (intake-rules.ts); other appeal types pass.
 */
export function assertNotRespondent(facts: RespondentFacts, target: RespondentTarget, options: RespondentOptions = {}): void {
  if (facts.type !== 'complaint') return;
  const action: RespondentAction = target.action ?? (target.officialName ? 'assignment' : 'referral');
  const field = action === 'assignment' ? 'executorId' : action === 'copy' ? 'agencyIds' : 'toAgencyId';
  const refuse = (message: string): never => {
    throw DomainError.field('REFERRAL_TO_RESPONDENT_FORBIDDEN', field, `${message} (Administrative Offences Code 594-1.1.2).`);
  };
  const respondentAgency = facts.respondentAgencyId ?? null;

  if (target.officialId && facts.respondentOfficialId === target.officialId) {
    refuse('The complaint is about this official; assign it to someone else');
  }
  if (
    target.officialName &&
    facts.respondentOfficial &&
    (respondentAgency === null || respondentAgency === target.agencyId) &&
    sameOfficialName(target.officialName, facts.respondentOfficial)
  ) {
    refuse('The complaint is about this official; assign it to someone else');
  }
  if (respondentAgency === null) return;
  if (action !== 'assignment' && target.agencyId === respondentAgency) {
    refuse(`The complaint is about this agency; it cannot be sent there by ${action}`);
  }
  const forbidSubordinates = options.forbidSubordinateWhenHeadIsRespondent ?? true;
  if (forbidSubordinates && isAboutHead(facts, options.headTitlePattern)) {
    if (target.agencyParentChain.includes(respondentAgency)) {
      refuse('The complaint is about the head of an agency above this one; send it to a body above the respondent');
    }
    if (action === 'assignment' && target.agencyId === respondentAgency) {
      refuse("The complaint is about this agency's head; refer it to a body above the agency");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Art. 7.5, 7.6: the reasoned answer, in Azerbaijani.

/**
 * Art. 7.6 (appeals-rules.md 14): the day the answer was posted or handed over: not before the
 * appeal was received, not in the future. (The case closes when the answer is recorded, whatever
 * this day says: the evaluation counts the recording.)
 */
export function assertDispatchedOn(dispatchedOn: string, receivedOn: string, today: string): void {
  assertIsoDate('dispatchedOn', dispatchedOn);
  if (dispatchedOn > today) throw DomainError.field('VALIDATION_FAILED', 'dispatchedOn', 'The answer cannot be dispatched in the future.');
  if (dispatchedOn < receivedOn)
    throw DomainError.field('VALIDATION_FAILED', 'dispatchedOn', 'The answer cannot be dispatched before the appeal was received.');
}

export const ANSWER_MIN_LENGTH = 50;
export const ANSWER_MAX_LENGTH = 20_000;
/** Longer texts must show Azerbaijani letters; shorter ones are too short to judge. */
export const ANSWER_LANGUAGE_CHECK_MIN_LENGTH = 80;
/**
 * Letters of the Azerbaijani Latin alphabet that English lacks. Plain `I` is left out: it is the
 * capital of ı but also English; `İ` (capital of i) is distinctive.
 */
export const AZERBAIJANI_LETTERS = 'əƏğĞıİşŞçÇöÖüÜ';
const AZERBAIJANI_LETTER = new RegExp(`[${AZERBAIJANI_LETTERS}]`, 'u');

/**
 * Art. 7.5: a reasoned answer in the state language. Returns the text to store: NFC (so a letter
 * typed as base + combining mark counts) and trimmed. Refuses, naming field `text`: shorter than
 * ANSWER_MIN_LENGTH (ANSWER_TOO_SHORT), longer than ANSWER_MAX_LENGTH (VALIDATION_FAILED), and
 * over ANSWER_LANGUAGE_CHECK_MIN_LENGTH with no Azerbaijani letter (ANSWER_NOT_IN_AZERBAIJANI).
 */
export function validateAnswerText(text: string): string {
  const trimmed = text.normalize('NFC').trim();
  if (trimmed.length < ANSWER_MIN_LENGTH) {
    throw DomainError.field('ANSWER_TOO_SHORT', 'text', `A reasoned answer (Art. 7.5) has at least ${ANSWER_MIN_LENGTH} characters.`);
  }
  if (trimmed.length > ANSWER_MAX_LENGTH) {
    throw DomainError.field('VALIDATION_FAILED', 'text', `An answer has at most ${ANSWER_MAX_LENGTH} characters.`);
  }
  if (trimmed.length > ANSWER_LANGUAGE_CHECK_MIN_LENGTH && !AZERBAIJANI_LETTER.test(trimmed)) {
    throw DomainError.field('ANSWER_NOT_IN_AZERBAIJANI', 'text', 'The answer is given in Azerbaijani, the state language (Art. 7.5).');
  }
  return trimmed;
}

// ---------------------------------------------------------------------------------------------
// Documents (appeals-rules.md 3, 16).

/**
 * Documents are added while the handling agency works on the case. A closed case (answered, left
 * without consideration) or one referred away is a record: adding to it after the decision would
 * change what the decision was made on. A reopened case (Art. 8.3) accepts them again.
 */
export function assertAcceptsDocuments(status: AppealStatus): void {
  if (!WORKING_STATUSES.includes(status)) {
    throw new DomainError('APPEAL_CLOSED', `Documents cannot be added to an appeal that is ${status.replace(/_/g, ' ')}.`);
  }
}
