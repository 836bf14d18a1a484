import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { UsersService } from '../users/users.service';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAnswerView } from './appeal.presenter';
import { AppealFollowUps } from './appeal-follow-ups';
import { AppealTransitions, staleVersion } from './appeal-transitions';
import { AppealRow, AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AppealEvent, AppealEventPayloads } from './domain/appeal-events';
import { Regime } from './domain/appeal-types';
import { assertAction, termClockOf, termOf } from './domain/case-actions';
import {
  assertDispatchedOn,
  assertLeaveGround,
  assertNotRespondent,
  assertOtherAgencies,
  assertTransition,
  leaveNoticeDelivery,
  noticeTerm,
  referralOnTime,
  statusAfter,
  RespondentAction,
  TransitionName,
  validateAnswerText,
  WITHDRAWAL_GROUND,
} from './domain/lifecycle';
import {
  assertRegimeChangeAllowed,
  REFERRAL_TERM_WORKING_DAYS,
  ReviewTerm,
  totalWorkingDays,
  URGENT_TERM_HOURS,
  withAdditionalStudy,
  withExtension,
  withRegime,
} from './domain/review-term';
import { AnswerView, AppealDto, CreatedCaseView } from './dto/appeal.dto';
import { toInstant } from '../platform/clock/instant';

type TermEventType = 'additional_study' | 'extended' | 'regime_changed' | 'regime_confirmed';
/** A term event's own data; replanTerm adds the term before and after (domain/appeal-events.ts). */
type TermEventInput = {
  [K in TermEventType]: {
    readonly type: K;
    readonly data: Omit<AppealEventPayloads[K], 'before' | 'after'>;
    readonly before?: { readonly regime: Regime };
  };
}[TermEventType];

/**
 * The named transitions of a case (STYLE.md: one service writes status). Each one: the access
 * check, the transition table, the law's guard, then one transaction with the compare-and-set on
 * `version`, the audit event and the applicant's notice in the outbox.
 */
@Injectable()
export class AppealActionsService {
  constructor(
    private readonly appealsService: AppealsService,
    private readonly appeals: AppealsRepository,
    private readonly events: AppealEventsRepository,
    private readonly transitions: AppealTransitions,
    private readonly followUps: AppealFollowUps,
    private readonly users: UsersService,
    private readonly calendar: CalendarService,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Assignment inside the agency; the executor is shown to the applicant (appeals-rules.md 16). */
  async assign(actor: Actor, id: string, input: { executorId: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'assign', input.version);
    const executor = await this.users.findAccount(input.executorId);
    // A switched-off account (a departed official) can no longer act, so it may not be given a case either.
    if (!executor || !executor.active || executor.agencyId !== appeal.agencyId || !['official', 'supervisor'].includes(executor.role)) {
      throw DomainError.field('VALIDATION_FAILED', 'executorId', 'The executor must be an active official of the handling agency.');
    }
    return this.giveTo(actor, appeal, input.version, 'assign', executor);
  }

  /**
   * "Assign to me" (issue 15): an official becomes the executor of an open case of their agency
   * that has none yet (lifecycle.ts `take`; a colleague's case is CONFLICT, 409). The same
   * `assigned` event as an assignment, with the official as actor and executor, so history,
   * timers, mails and webhooks treat it as one.
   */
  async take(actor: Actor, id: string, input: { version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'take', input.version);
    const official = await this.users.findAccount(actor.id);
    // The session's account, as assign checks the executor's: active, of the handling agency.
    if (!official || !official.active || official.agencyId !== appeal.agencyId) {
      throw new DomainError('FORBIDDEN', 'Only an active official of the handling agency takes its cases.');
    }
    return this.giveTo(actor, appeal, input.version, 'take', official);
  }

  /** The case's new executor, by an assignment or taken by the official: one `assigned` event either way. */
  private giveTo(
    actor: Actor,
    appeal: AppealRow,
    version: number,
    transition: 'assign' | 'take',
    executor: { id: string; fullName: string },
  ): Promise<AppealDto> {
    // Administrative Offences Code 594-1.1.2: never to the official complained about, by account or by name.
    assertNotRespondent(
      appeal,
      { agencyId: appeal.agencyId, officialName: executor.fullName, officialId: executor.id, agencyParentChain: [] },
      this.respondentOptions(),
    );
    return this.transitions.commit(actor, appeal, version, {
      transition,
      changes: { executorId: executor.id },
      event: { type: 'assigned', data: { executorId: executor.id } },
    });
  }

  /**
   * Art. 7.10: outside this agency's competence, the appeal goes to the competent agency and the
   * applicant is told. The case here ends as `referred`; the receiving agency gets a case of its
   * own whose terms run from its receipt. Whether it left within 3 working days is recorded
   * (lateness counts against this agency, evaluation-methodology.md sect. 5).
   */
  async refer(actor: Actor, id: string, input: { toAgencyId: string; note?: string; version: number }): Promise<ReferralResult> {
    const appeal = await this.handled(actor, id, 'refer', input.version);
    await this.assertTargets(appeal, [input.toAgencyId], 'toAgencyId', 'referral');
    return this.sendOn(actor, appeal, input.version, 'referral', [input.toAgencyId], input.note);
  }

  /**
   * Art. 7.10 (appeals-rules.md 11): when several agencies are competent, each gets a copy within 3
   * working days, tracked as its own case with its own deadline and answer; this case stays open.
   */
  async copy(actor: Actor, id: string, input: { agencyIds: string[]; note?: string; version: number }): Promise<ReferralResult> {
    const appeal = await this.handled(actor, id, 'copy', input.version);
    await this.assertTargets(appeal, input.agencyIds, 'agencyIds', 'copy');
    return this.sendOn(actor, appeal, input.version, 'copy', input.agencyIds, input.note);
  }

  /**
   * Art. 8.1: left without consideration on a legal ground (registrars: the form grounds only); the
   * applicant is told the reasons within 5 working days of the decision (Art. 8.2): on the spot for
   * an oral appeal, by e-mail when there is an address (the notice leaves with the change), else
   * by post by the stored notice due date, which the `notice_due` timer reminds of. Nobody is told
   * of an anonymous appeal. `repeated` needs three answers on the merits within a year.
   */
  async leaveWithoutConsideration(actor: Actor, id: string, input: { ground: string; note: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'leaveWithoutConsideration', input.version);
    const facts = input.ground === 'repeated' ? await this.appealsService.sameMatter(appeal) : undefined;
    const ground = assertLeaveGround(input.ground, { answeredOnMeritsLastYear: facts?.answeredOnMeritsLastYear }, actor.role);
    const now = this.clock.now();
    const term = noticeTerm(bakuDateOf(now));
    const noticeDueDate = this.calendar.termEnd(term.from, term.workingDays).dueDate;
    const recipients = await this.transitions.recipientsOf(appeal);
    const delivery = leaveNoticeDelivery({ anonymous: appeal.anonymous, channel: appeal.channel, ground, hasEmail: recipients.length > 0 });
    return this.transitions.commit(actor, appeal, input.version, {
      transition: 'leaveWithoutConsideration',
      changes: {
        closureGround: ground,
        closedAt: now,
        noticeDueDate: delivery === 'post' ? noticeDueDate : null,
      },
      event: {
        type: 'left_without_consideration',
        data: {
          ground,
          note: input.note,
          noticeDueDate,
          noticeDelivery: delivery,
          // An e-mail leaves with this change and an oral applicant is told at once: both on time.
          ...(delivery === 'email' || delivery === 'on_the_spot' ? { noticeOnTime: true } : {}),
          ...(delivery === 'on_the_spot' ? { noticeGivenAt: toInstant(now) } : {}),
        },
      },
      notifyTo: delivery === 'email' ? recipients : null,
    });
  }

  /**
   * Art. 8.3 (appeals-rules.md 13): when the ground disappears the appeal is considered after all.
   * Its terms run afresh from the day it is reopened, as for an appeal received that day.
   */
  async reopen(actor: Actor, id: string, input: { note: string; version: number }): Promise<AppealDto> {
    // case-actions.ts: never the applicant's own withdrawal (Art. 8.3).
    const appeal = await this.handled(actor, id, 'reopen', input.version);
    const now = this.clock.now();
    const today = bakuDateOf(now);
    const deadlines = this.reopenedDeadlines(appeal, now);
    return this.transitions.commit(actor, appeal, input.version, {
      transition: 'reopen',
      changes: {
        closureGround: null,
        closedAt: null,
        noticeDueDate: null,
        reviewTermFrom: today,
        reviewTermWorkingDays: deadlines.reviewTermWorkingDays,
        extensionWorkingDays: 0,
        referralDueDate: deadlines.referralDueDate,
        reviewDueDate: deadlines.reviewDueDate,
        reviewDueAt: deadlines.reviewDueAt,
        deadlinesProvisional: deadlines.provisional,
        calendarVersion: deadlines.calendarVersion,
      },
      event: {
        type: 'reopened',
        data: {
          note: input.note,
          before: { closureGround: appeal.closureGround },
          after: { reviewTermFrom: today, reviewDueDate: deadlines.reviewDueDate },
        },
      },
      notifyTo: 'applicant',
    });
  }

  /**
   * Art. 10.1 (appeals-rules.md 8): additional study or verification: 30 working days from
   * receipt, ordered while the 15-day term runs and before any extension (else TERM_EXPIRED or
   * TERM_CHANGE_NOT_ALLOWED, nothing written).
   */
  async additionalStudy(actor: Actor, id: string, input: { reason: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'additionalStudy', input.version);
    const { term, end } = this.termAfter(appeal, { action: 'additionalStudy' }, this.clock.now());
    return this.replanTerm(
      actor,
      appeal,
      input.version,
      'additionalStudy',
      term,
      { type: 'additional_study', data: { reason: input.reason } },
      end,
    );
  }

  /** Art. 10.2 (appeals-rules.md 9): once, up to 30 working days from the end of the current term, while it runs. */
  async extend(actor: Actor, id: string, input: { workingDays: number; reason: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'extend', input.version);
    const { term, end } = this.termAfter(appeal, { action: 'extend', workingDays: input.workingDays }, this.clock.now());
    return this.replanTerm(
      actor,
      appeal,
      input.version,
      'extend',
      term,
      { type: 'extended', data: { reason: input.reason, workingDays: input.workingDays } },
      end,
    );
  }

  /**
   * appeals-rules.md 10 (Art. 10.3, 10.4): the regime the applicant asked for applies at once;
   * staff confirm it or change it, with a reason. A change recomputes the term from its day 0; one
   * that would move a due instant already passed is TERM_EXPIRED. Audited; the applicant is told.
   */
  async changeRegime(actor: Actor, id: string, input: { regime: Regime; reason: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'changeRegime', input.version);
    const { term, end } = this.termAfter(appeal, { action: 'changeRegime', regime: input.regime }, this.clock.now());
    const changed = input.regime !== appeal.regime;
    return this.replanTerm(
      actor,
      appeal,
      input.version,
      'changeRegime',
      term,
      {
        type: changed ? 'regime_changed' : 'regime_confirmed',
        data: { reason: input.reason, regime: input.regime },
        before: { regime: appeal.regime },
      },
      end,
    );
  }

  /**
   * Art. 7.5, 7.6 (appeals-rules.md 14): a reasoned answer in Azerbaijani closes the case. It goes
   * by the channel asked for at intake unless staff name another; only an e-mail answer is mailed
   * (to the applicant and the representative); post and in-person answers record the day of
   * dispatch. Follow-ups merged into this appeal are answered with it.
   */
  async answer(
    actor: Actor,
    id: string,
    input: { text: string; position?: string; channel?: 'email' | 'post' | 'in_person'; dispatchedOn?: string; version: number },
  ): Promise<AppealDto & { answer: AnswerView | null }> {
    const appeal = await this.handled(actor, id, 'answer', input.version);
    const text = validateAnswerText(input.text);
    const now = this.clock.now();
    const channel = input.channel ?? appeal.answerChannel;
    const recipients = channel === 'email' ? await this.transitions.recipientsOf(appeal) : [];
    if (channel === 'email' && recipients.length === 0) {
      throw DomainError.field(
        'APPEAL_CONTACT_REQUIRED',
        'channel',
        'No e-mail address of the applicant or the representative is on file; send the answer by post or in person (Art. 7.6).',
      );
    }
    const dispatchedOn = input.dispatchedOn ?? bakuDateOf(now);
    assertDispatchedOn(dispatchedOn, appeal.receivedOn, bakuDateOf(now));
    const official = await this.users.findAccount(actor.id);
    if (!official) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    const answer = {
      text,
      decidedBy: actor.id,
      name: official.fullName,
      position: input.position ?? roleTitle(actor),
      delivery: channel,
      dispatchedOn,
      at: now,
    };
    const eventData = { delivery: channel, dispatchedOn, length: text.length };
    const dto = await this.transitions.commit(actor, appeal, input.version, {
      transition: 'answer',
      changes: { closedAt: now },
      event: { type: 'answered', data: eventData },
      notifyTo: recipients,
      also: async (tx) => {
        await this.appeals.insertAnswer(tx, { ...answer, appealId: id });
        // appeals-rules.md 15: follow-ups merged into this appeal get the same answer, and no mail of their own.
        const followUps = await this.appeals.openFollowUps(tx, id);
        for (const followUp of followUps) {
          if (!(await this.appeals.compareAndSet(tx, followUp.id, followUp.version, { status: statusAfter('answer'), closedAt: now }, now)))
            throw staleVersion();
          await this.appeals.insertAnswer(tx, { ...answer, appealId: followUp.id });
          await this.events.append(tx, followUp.id, {
            type: 'answered',
            actorId: actor.id,
            actorRole: actor.role,
            occurredAt: now,
            data: { ...eventData, withAppealId: id },
          });
        }
        return followUps.length > 0 ? { followUpsAnswered: followUps.map((f) => f.id) } : undefined;
      },
    });
    const stored = await this.appeals.findAnswer(id);
    return { ...dto, answer: stored ? toAnswerView(stored) : null };
  }

  /** The applicant withdraws (Art. 8.1): left without consideration on the ground "withdrawn". */
  async withdraw(actor: Actor, id: string): Promise<AppealDto> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.ownerUserId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the applicant withdraws an appeal.');
    assertTransition('withdraw', appeal.status, actor.role);
    return this.transitions.commit(actor, appeal, appeal.version, {
      transition: 'withdraw',
      changes: { closureGround: WITHDRAWAL_GROUND, closedAt: this.clock.now() },
      event: { type: 'withdrawn', data: {} },
    });
  }

  /** Applicant feedback after the answer, kept for the evaluation (satisfaction rate). */
  async feedback(actor: Actor, id: string, input: { satisfied: boolean; comment?: string }): Promise<{ satisfied: boolean }> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.ownerUserId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the applicant gives feedback.');
    assertTransition('feedback', appeal.status, actor.role);
    await this.db.transaction(async (tx) => {
      const stored = await this.appeals.insertFeedback(tx, {
        appealId: id,
        satisfied: input.satisfied,
        comment: input.comment ?? null,
        at: this.clock.now(),
      });
      if (!stored) throw new DomainError('CONFLICT', 'Feedback on this answer was already given.');
      await this.events.append(tx, id, {
        type: 'feedback',
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: this.clock.now(),
        data: { satisfied: input.satisfied },
      });
    });
    return { satisfied: input.satisfied };
  }

  /**
   * AOC 594-1.1.2, 594-1.1.4: the registrar or a supervisor records whom a complaint is about: the
   * agency, the official's account (who from then on gets 404 for it everywhere), and the name as
   * written. A field left out stays; null clears it. The executor cannot be named while assigned:
   * the case is reassigned first, so it never sits with the person it is about. Audited, in one
   * transaction with the compare-and-set on `version`.
   */
  async setRespondent(
    actor: Actor,
    id: string,
    input: {
      respondentAgencyId?: string | null;
      respondentOfficialId?: string | null;
      respondentOfficial?: string | null;
      version: number;
    },
  ): Promise<AppealDto> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.version !== input.version) throw staleVersion();
    if (actor.role !== 'registrar' && actor.role !== 'supervisor') {
      throw new DomainError('FORBIDDEN', 'The registrar or a supervisor records whom a complaint is about.');
    }
    const given = (['respondentAgencyId', 'respondentOfficialId', 'respondentOfficial'] as const).filter(
      (field) => input[field] !== undefined,
    );
    if (given.length === 0) {
      throw DomainError.field(
        'VALIDATION_FAILED',
        'respondentOfficialId',
        'Give respondentAgencyId, respondentOfficialId or respondentOfficial (null clears one).',
      );
    }
    if (appeal.type !== 'complaint') {
      throw DomainError.field(
        'APPEAL_RESPONDENT_NOT_COMPLAINT',
        given[0],
        'Only a complaint names the agency or official complained about.',
      );
    }
    if (input.respondentAgencyId && !(await this.agencies.exists(input.respondentAgencyId))) {
      throw DomainError.field('APPEAL_UNKNOWN_AGENCY', 'respondentAgencyId', 'No such agency.');
    }
    if (input.respondentOfficialId) {
      await this.appealsService.assertStaffAccount(input.respondentOfficialId, 'respondentOfficialId');
      if (input.respondentOfficialId === appeal.executorId) {
        throw DomainError.field(
          'REFERRAL_TO_RESPONDENT_FORBIDDEN',
          'respondentOfficialId',
          'The complaint is about its executor; assign it to someone else first (Administrative Offences Code 594-1.1.2).',
        );
      }
    }
    const after = {
      respondentAgencyId: input.respondentAgencyId === undefined ? appeal.respondentAgencyId : input.respondentAgencyId,
      respondentOfficialId: input.respondentOfficialId === undefined ? appeal.respondentOfficialId : input.respondentOfficialId,
      respondentOfficial: input.respondentOfficial === undefined ? appeal.respondentOfficial : input.respondentOfficial,
    };
    return this.transitions.commit(actor, appeal, input.version, {
      transition: null,
      changes: {},
      event: {
        type: 'respondent_set',
        data: {
          before: {
            respondentAgencyId: appeal.respondentAgencyId,
            respondentOfficialId: appeal.respondentOfficialId,
            respondentOfficial: appeal.respondentOfficial,
          },
          after,
        },
      },
      also: (tx) => this.appeals.setRespondent(tx, id, after),
    });
  }

  /** appeals-rules.md 15: a follow-up merged into an earlier open appeal by a staff decision (appeal-follow-ups.ts). */
  merge(actor: Actor, id: string, input: { intoAppealId: string; version: number }): Promise<AppealDto> {
    return this.followUps.merge(actor, id, input);
  }

  /**
   * The review term `change` would give the case now, changing nothing: the pages show it before
   * the action is confirmed ("new due date"). The same access check, rules and computation as the
   * action itself (termAfter), so the preview is the due date the action then stores.
   */
  async termPreview(actor: Actor, id: string, change: TermChange): Promise<TermPreview> {
    return this.previewOf(actor, await this.appealsService.loadVisible(actor, id), change, this.clock.now());
  }

  private previewOf(actor: Actor, appeal: AppealRow, change: TermChange, now: Date): TermPreview {
    assertAction(change.action, actor.role, appeal, now);
    if (change.action === 'reopen') {
      const deadlines = this.reopenedDeadlines(appeal, now);
      return { dueDate: deadlines.reviewDueDate, dueAt: deadlines.reviewDueAt, workingDays: deadlines.reviewTermWorkingDays };
    }
    const { term, end } = this.termAfter(appeal, change, now);
    return { dueDate: end.dueDate, dueAt: end.dueAt, workingDays: totalWorkingDays(term) };
  }

  /**
   * The terms of several changes at once (one access check), for the page that offers them: null
   * where the rules refuse the change now.
   */
  async termPreviews(actor: Actor, id: string, changes: readonly TermChange[]): Promise<Array<TermPreview | null>> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    const now = this.clock.now();
    return changes.map((change) => {
      try {
        return this.previewOf(actor, appeal, change, now);
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    });
  }

  /** Art. 8.3 (appeals-rules.md 13): a reopened appeal's terms run afresh, as for one received today. */
  private reopenedDeadlines(appeal: AppealRow, now: Date) {
    return this.appealsService.registrationDeadlines(bakuDateOf(now), now, appeal.regime);
  }

  /**
   * The term after a term-changing action, and its end on the calendar: Art. 10.1 (additional
   * study), 10.2 (extension), appeals-rules.md 10 (regime; refused when it would move a due
   * instant already passed). Throws the law's DomainError when the change is not allowed now.
   */
  private termAfter(appeal: AppealRow, change: Exclude<TermChange, { action: 'reopen' }>, now: Date): { term: ReviewTerm; end: ReviewEnd } {
    const clock = termClockOf(appeal, now);
    const current = termOf(appeal);
    const term =
      change.action === 'additionalStudy'
        ? withAdditionalStudy(current, clock)
        : change.action === 'extend'
          ? withExtension(current, change.workingDays, clock)
          : withRegime(current, change.regime);
    const end = this.reviewEnd(appeal, term);
    if (change.action === 'changeRegime') assertRegimeChangeAllowed(clock, new Date(end.dueAt));
    return { term, end };
  }

  /**
   * Staff of the handling agency (or a supervisor above it), and an action the rules allow now
   * (case-actions.ts: the transition table, then the term rules; the pages offer the same).
   */
  private async handled(actor: Actor, id: string, transition: TransitionName, version: number): Promise<AppealRow> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    // A stale version is a 409 before any rule is judged against a case the caller has not seen.
    if (appeal.version !== version) throw staleVersion();
    assertAction(transition, actor.role, appeal, this.clock.now());
    return appeal;
  }

  /** The end of a review term of this case: working days from its day 0, or 24 clock hours (Art. 10.4). */
  private reviewEnd(appeal: AppealRow, term: ReviewTerm): ReviewEnd {
    const total = totalWorkingDays(term);
    if (total !== null) return this.calendar.termEnd(term.from, total);
    const start =
      appeal.regime === 'urgent' && appeal.reviewTermWorkingDays === null
        ? new Date(new Date(appeal.reviewDueAt).getTime() - URGENT_TERM_HOURS * 3_600_000)
        : termStartInstant(appeal);
    return { ...this.calendar.urgentEnd(start), provisional: this.calendar.termEnd(term.from, REFERRAL_TERM_WORKING_DAYS).provisional };
  }

  private replanTerm(
    actor: Actor,
    appeal: AppealRow,
    version: number,
    transition: 'additionalStudy' | 'extend' | 'changeRegime',
    term: ReviewTerm,
    event: TermEventInput,
    end: ReviewEnd,
  ): Promise<AppealDto> {
    const total = totalWorkingDays(term);
    const regimeEvent = event.type === 'regime_changed' || event.type === 'regime_confirmed';
    const before = { reviewDueDate: appeal.reviewDueDate, ...event.before };
    const after = { reviewDueDate: end.dueDate, workingDays: total, ...(regimeEvent ? { regime: term.regime } : {}) };
    return this.transitions.commit(actor, appeal, version, {
      transition,
      changes: {
        regime: term.regime,
        reviewTermWorkingDays: term.workingDays,
        extensionWorkingDays: term.extensionWorkingDays,
        reviewDueDate: end.dueDate,
        reviewDueAt: end.dueAt,
        deadlinesProvisional: end.provisional,
        calendarVersion: end.calendarVersion,
      },
      // One payload of the event's own type: TypeScript cannot follow a spread across the union's members.
      event: { type: event.type, data: { ...event.data, before, after } } as AppealEvent<TermEventType>,
      notifyTo: 'applicant',
    });
  }

  /**
   * Referral and copies: one transaction for this case's change and event, each new case at a
   * receiving agency with its own first event, the Art. 7.10 records, and one notice.
   */
  private async sendOn(
    actor: Actor,
    appeal: AppealRow,
    version: number,
    kind: 'referral' | 'copy',
    agencyIds: readonly string[],
    note: string | undefined,
  ): Promise<ReferralResult> {
    const now = this.clock.now();
    const referredOn = bakuDateOf(now);
    const dueDate = appeal.referralDueDate ?? this.calendar.termEnd(appeal.reviewTermFrom, REFERRAL_TERM_WORKING_DAYS).dueDate;
    const onTime = referralOnTime(appeal.reviewTermFrom, referredOn, dueDate);
    // The receiving agency receives it today; its terms run from today (appeals-rules.md 11).
    const deadlines = this.appealsService.registrationDeadlines(referredOn, now, appeal.regime);
    const year = Number(referredOn.slice(0, 4));
    const sequence = await this.appeals.ensureRegistrationSequence(year);
    const created: CreatedCaseView[] = [];
    const recipients = await this.transitions.recipientsOf(appeal);
    const dto = await this.transitions.commit(actor, appeal, version, {
      transition: kind === 'referral' ? 'refer' : 'copy',
      changes: kind === 'referral' ? { closedAt: now } : {},
      event: {
        type: kind === 'referral' ? 'referred' : 'copied',
        // Art. 7.10: the applicant is told; by post when no e-mail address was given.
        data: {
          agencyIds,
          note: note ?? null,
          referralDueDate: dueDate,
          onTime,
          noticeDelivery: appeal.anonymous ? 'none' : recipients.length > 0 ? 'email' : 'post',
        },
      },
      notifyTo: recipients,
      also: async (tx) => {
        for (const agencyId of agencyIds) {
          const row = await this.appeals.insertLinkedCase(
            tx,
            {
              id: randomUUID(),
              parentId: appeal.id,
              linkKind: kind,
              agencyId,
              regime: appeal.regime,
              receivedOn: referredOn,
              registeredAt: now,
              actorId: actor.id,
              actorRole: actor.role,
              deadlines,
              eventData: {
                status: 'registered',
                agencyId,
                linkKind: kind,
                fromAppealId: appeal.id,
                fromRegistrationNumber: appeal.registrationNumber,
                fromAgencyId: appeal.agencyId,
                receivedOn: referredOn,
                referralDueDate: deadlines.referralDueDate,
                reviewDueDate: deadlines.reviewDueDate,
                calendarVersion: deadlines.calendarVersion,
              },
            },
            year,
            sequence,
          );
          const recorded = await this.appeals.insertReferral(tx, {
            appealId: appeal.id,
            toAppealId: row.id,
            kind,
            fromAgencyId: appeal.agencyId,
            toAgencyId: agencyId,
            receivedOn: appeal.reviewTermFrom,
            dueDate,
            referredOn,
            onTime,
            note: note ?? null,
            referredBy: actor.id,
            referredAt: now,
          });
          if (!recorded) {
            throw DomainError.field(
              'VALIDATION_FAILED',
              kind === 'copy' ? 'agencyIds' : 'toAgencyId',
              'The appeal was already sent to this agency.',
            );
          }
          created.push({ id: row.id, registrationNumber: row.registrationNumber, agencyId });
        }
        return { cases: created.map((c) => ({ id: c.id, registrationNumber: c.registrationNumber, agencyId: c.agencyId })) };
      },
    });
    return { ...dto, createdCases: created };
  }

  /** Art. 7.10 and Administrative Offences Code 594-1.1.2: other, existing agencies, never the respondent. */
  private async assertTargets(
    appeal: AppealRow,
    agencyIds: readonly string[],
    field: 'toAgencyId' | 'agencyIds',
    action: RespondentAction,
  ): Promise<void> {
    assertOtherAgencies(appeal.agencyId, agencyIds, field);
    for (const agencyId of agencyIds) {
      if (!(await this.agencies.exists(agencyId))) throw DomainError.field('APPEAL_UNKNOWN_AGENCY', field, 'No such agency.');
      assertNotRespondent(
        appeal,
        { agencyId, agencyParentChain: await this.agencies.ancestors(agencyId), action },
        this.respondentOptions(),
      );
    }
  }

  private respondentOptions() {
    return { forbidSubordinateWhenHeadIsRespondent: this.config.respondentHeadCoversSubordinates };
  }
}

/** A term-changing action and what it needs to compute the new term. */
export type TermChange =
  | { readonly action: 'reopen' }
  | { readonly action: 'additionalStudy' }
  | { readonly action: 'extend'; readonly workingDays: number }
  | { readonly action: 'changeRegime'; readonly regime: Regime };

/** The term a change would give: the due date and instant, and the working days it counts (null: 24 hours). */
export interface TermPreview {
  readonly dueDate: string;
  readonly dueAt: string;
  readonly workingDays: number | null;
}

/** The end of a review term on the calendar. */
interface ReviewEnd {
  readonly dueDate: string;
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly calendarVersion: number;
}

/** The appeal after a referral or copies, with the cases made at the receiving agencies. */
export type ReferralResult = AppealDto & { createdCases: CreatedCaseView[] };

/**
 * The instant day 0 of the term began, for a 24-hour term (Art. 10.4): the registration itself when
 * the appeal was received that day, else the start of the day (as intake takes it).
 */
function termStartInstant(appeal: AppealRow): Date {
  if (appeal.reviewTermFrom === appeal.receivedOn && bakuDateOf(new Date(appeal.registeredAt)) === appeal.receivedOn) {
    return new Date(appeal.registeredAt);
  }
  return new Date(`${appeal.reviewTermFrom}T00:00:00+04:00`);
}

function roleTitle(actor: Actor): string {
  return actor.role === 'supervisor' ? 'Rəhbər (supervisor)' : 'İcraçı (official)';
}
