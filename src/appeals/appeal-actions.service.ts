import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { APPEAL_NOTICE_TEMPLATE } from '../notifications/templates/appeal-notice';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db, Tx } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { UsersRepository } from '../users/users.repository';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAppealDto } from './appeal.presenter';
import { AppealRow, AppealsRepository, StateChanges } from './appeals.repository';
import { AppealsService } from './appeals.service';
import {
  assertLeaveGround,
  assertNotRespondent,
  assertOtherAgencies,
  assertReopenable,
  assertTransition,
  NOTICE_WORKING_DAYS,
  referralOnTime,
  RespondentAction,
  TransitionName,
  validateAnswerText,
} from './domain/lifecycle';
import { REFERRAL_TERM_WORKING_DAYS, ReviewTerm, totalWorkingDays, withAdditionalStudy, withExtension } from './domain/review-term';
import { AppealDto, CreatedCaseView } from './dto/appeal.dto';


/** Channels whose answer goes by e-mail when an address was given (Art. 7.6). */
const ELECTRONIC_CHANNELS = new Set(['portal', 'email']);

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
    private readonly users: UsersRepository,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxService,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Assignment inside the agency; the executor is shown to the applicant (appeals-rules.md 16). */
  async assign(actor: Actor, id: string, input: { executorId: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'assign', input.version);
    const executor = await this.users.findById(input.executorId);
    if (!executor || executor.agencyId !== appeal.agencyId || !['official', 'supervisor'].includes(executor.role)) {
      throw DomainError.field('VALIDATION_FAILED', 'executorId', 'The executor must be an official of the handling agency.');
    }
    // Administrative Offences Code 594-1.1.2: never to the official complained about.
    assertNotRespondent(appeal, { agencyId: appeal.agencyId, officialName: executor.fullName, agencyParentChain: [] }, this.respondentOptions());
    return this.commit(actor, appeal, input.version, {
      changes: { status: 'in_review', executorId: executor.id },
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
   * Art. 8.1: left without consideration on a legal ground; the applicant is told the reasons within
   * 5 working days of receipt (Art. 8.2), by e-mail when there is an address, else by post; nobody
   * is told of an anonymous appeal. `repeated` needs three answers on the merits within a year.
   */
  async leaveWithoutConsideration(actor: Actor, id: string, input: { ground: string; note: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'leaveWithoutConsideration', input.version);
    const facts = input.ground === 'repeated' ? await this.appealsService.sameMatter(appeal) : undefined;
    const ground = assertLeaveGround(input.ground, { answeredOnMeritsLastYear: facts?.answeredOnMeritsLastYear });
    const now = this.clock.now();
    const noticeDueDate = this.calendar.termEnd(appeal.reviewTermFrom, NOTICE_WORKING_DAYS).dueDate;
    const email = appeal.anonymous ? null : await this.applicantEmail(appeal);
    return this.commit(actor, appeal, input.version, {
      changes: { status: 'left_without_consideration', closureGround: ground, closedAt: now },
      event: {
        type: 'left_without_consideration',
        data: {
          ground,
          note: input.note,
          noticeDueDate,
          noticeOnTime: bakuDateOf(now) <= noticeDueDate,
          noticeDelivery: appeal.anonymous ? 'none' : email ? 'email' : 'post',
        },
      },
      notifyTo: email,
    });
  }

  /**
   * Art. 8.3 (appeals-rules.md 13): when the ground disappears the appeal is considered after all.
   * Its terms run afresh from the day it is reopened, as for an appeal received that day.
   */
  async reopen(actor: Actor, id: string, input: { note: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'reopen', input.version);
    assertReopenable(appeal.closureGround);
    const now = this.clock.now();
    const today = bakuDateOf(now);
    const deadlines = this.appealsService.registrationDeadlines(today, now, appeal.regime);
    return this.commit(actor, appeal, input.version, {
      changes: {
        status: 'in_review',
        closureGround: null,
        closedAt: null,
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
        data: { note: input.note, before: { closureGround: appeal.closureGround }, after: { reviewTermFrom: today, reviewDueDate: deadlines.reviewDueDate } },
      },
      notifyTo: 'applicant',
    });
  }

  /** Art. 10.1: additional study or verification: 30 working days from receipt. */
  async additionalStudy(actor: Actor, id: string, input: { reason: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'additionalStudy', input.version);
    const term = withAdditionalStudy(termOf(appeal));
    return this.replanTerm(actor, appeal, input.version, term, 'additional_study', { reason: input.reason });
  }

  /** Art. 10.2: once, up to 30 working days from the end of the current term. */
  async extend(actor: Actor, id: string, input: { workingDays: number; reason: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'extend', input.version);
    const term = withExtension(termOf(appeal), input.workingDays);
    return this.replanTerm(actor, appeal, input.version, term, 'extended', { reason: input.reason, workingDays: input.workingDays });
  }

  /** Art. 7.5, 7.6: a reasoned answer in Azerbaijani closes the case; e-mail or post. */
  async answer(actor: Actor, id: string, input: { text: string; position?: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'answer', input.version);
    const text = validateAnswerText(input.text);
    const official = await this.users.findById(actor.id);
    if (!official) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    const [applicant] = (await this.appeals.partiesOf(id)).filter((p) => p.role === 'applicant');
    // For a collective appeal the answer goes to the first applicant (appeals-rules.md 14).
    const email = applicant?.email && ELECTRONIC_CHANNELS.has(appeal.channel) ? applicant.email : null;
    const now = this.clock.now();
    const answer = {
      text,
      decidedBy: actor.id,
      name: official.fullName,
      position: input.position ?? roleTitle(actor),
      delivery: email ? ('email' as const) : ('post' as const),
      at: now,
    };
    return this.commit(actor, appeal, input.version, {
      changes: { status: 'answered', closedAt: now },
      event: { type: 'answered', data: { delivery: answer.delivery, length: text.length } },
      notifyTo: email,
      also: async (tx) => {
        await this.appeals.insertAnswer(tx, { ...answer, appealId: id });
        // appeals-rules.md 15: follow-ups merged into this appeal get the same answer, and no mail of their own.
        const followUps = await this.appeals.openFollowUps(tx, id);
        for (const followUp of followUps) {
          if (!(await this.appeals.compareAndSet(tx, followUp.id, followUp.version, { status: 'answered', closedAt: now }))) throw staleVersion();
          await this.appeals.insertAnswer(tx, { ...answer, appealId: followUp.id });
          await this.events.append(tx, followUp.id, {
            type: 'answered',
            actorId: actor.id,
            actorRole: actor.role,
            occurredAt: now,
            data: { delivery: answer.delivery, length: text.length, withAppealId: id },
          });
        }
        return followUps.length > 0 ? { followUpsAnswered: followUps.map((f) => f.id) } : undefined;
      },
    });
  }

  /** The applicant withdraws (Art. 8.1): left without consideration on the ground "withdrawn". */
  async withdraw(actor: Actor, id: string): Promise<AppealDto> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.ownerUserId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the applicant withdraws an appeal.');
    assertTransition('withdraw', appeal.status, actor.role);
    return this.commit(actor, appeal, appeal.version, {
      changes: { status: 'left_without_consideration', closureGround: 'withdrawn', closedAt: this.clock.now() },
      event: { type: 'withdrawn', data: {} },
    });
  }

  /** Applicant feedback after the answer, kept for the evaluation (satisfaction rate). */
  async feedback(actor: Actor, id: string, input: { satisfied: boolean; comment?: string }): Promise<{ satisfied: boolean }> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.ownerUserId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the applicant gives feedback.');
    assertTransition('feedback', appeal.status, actor.role);
    await this.db.transaction(async (tx) => {
      const stored = await this.appeals.insertFeedback(tx, { appealId: id, satisfied: input.satisfied, comment: input.comment ?? null, at: this.clock.now() });
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

  /** Staff of the handling agency (or a supervisor above it), and a transition the table allows. */
  private async handled(actor: Actor, id: string, transition: TransitionName, version: number): Promise<AppealRow> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    // A stale version is a 409 before any rule is judged against a case the caller has not seen.
    if (appeal.version !== version) throw staleVersion();
    assertTransition(transition, appeal.status, actor.role);
    return appeal;
  }

  private replanTerm(
    actor: Actor,
    appeal: AppealRow,
    version: number,
    term: ReviewTerm,
    eventType: string,
    data: Record<string, unknown>,
  ): Promise<AppealDto> {
    const total = totalWorkingDays(term) as number;
    const end = this.calendar.termEnd(term.from, total);
    return this.commit(actor, appeal, version, {
      changes: {
        reviewTermWorkingDays: term.workingDays,
        extensionWorkingDays: term.extensionWorkingDays,
        reviewDueDate: end.dueDate,
        reviewDueAt: end.dueAt,
        deadlinesProvisional: end.provisional,
        calendarVersion: end.calendarVersion,
      },
      event: {
        type: eventType,
        data: { ...data, before: { reviewDueDate: appeal.reviewDueDate }, after: { reviewDueDate: end.dueDate, workingDays: total } },
      },
      notifyTo: 'applicant',
    });
  }

  private async commit(
    actor: Actor,
    appeal: AppealRow,
    version: number,
    step: {
      changes: StateChanges;
      event: { type: string; data: object };
      notifyTo?: string | null | 'applicant';
      /** More writes in the same transaction; what it returns is added to the event's data. */
      also?: (tx: Tx) => Promise<object | void>;
    },
  ): Promise<AppealDto> {
    const to = step.notifyTo === 'applicant' ? await this.applicantEmail(appeal) : (step.notifyTo ?? null);
    await this.db.transaction(async (tx) => {
      if (!(await this.appeals.compareAndSet(tx, appeal.id, version, step.changes))) throw staleVersion();
      const extra = await step.also?.(tx);
      const event = await this.events.append(tx, appeal.id, {
        type: step.event.type,
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: this.clock.now(),
        data: { ...step.event.data, ...(extra ?? {}) },
      });
      // appeals-rules.md 16: the applicant is told of every status change through the chosen channel.
      if (to && !appeal.anonymous) {
        await this.outbox.write(tx, [
          {
            topic: MAIL_TOPIC,
            dedupeKey: `mail:${APPEAL_NOTICE_TEMPLATE}:${appeal.id}:${event.seq}`,
            payload: { template: APPEAL_NOTICE_TEMPLATE, to, appealId: appeal.id, seq: event.seq },
          },
        ]);
      }
    });
    const fresh = await this.appeals.findById(appeal.id);
    return toAppealDto(fresh as AppealRow);
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
    const email = appeal.anonymous ? null : await this.applicantEmail(appeal);
    const dto = await this.commit(actor, appeal, version, {
      changes: kind === 'referral' ? { status: 'referred', closedAt: now } : {},
      event: {
        type: kind === 'referral' ? 'referred' : 'copied',
        // Art. 7.10: the applicant is told; by post when no e-mail address was given.
        data: { agencyIds, note: note ?? null, referralDueDate: dueDate, onTime, noticeDelivery: appeal.anonymous ? 'none' : email ? 'email' : 'post' },
      },
      notifyTo: email,
      also: async (tx) => {
        for (const agencyId of agencyIds) {
          const row = await this.appeals.insertLinkedCase(
            tx,
            {
              id: randomUUID(),
              parentId: appeal.id,
              linkKind: kind,
              agencyId,
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
            throw DomainError.field('VALIDATION_FAILED', kind === 'copy' ? 'agencyIds' : 'toAgencyId', 'The appeal was already sent to this agency.');
          }
          created.push({ id: row.id, registrationNumber: row.registrationNumber, agencyId });
        }
        return { cases: created.map((c) => ({ id: c.id, registrationNumber: c.registrationNumber, agencyId: c.agencyId })) };
      },
    });
    return { ...dto, createdCases: created };
  }

  /** Art. 7.10 and Administrative Offences Code 594-1.1.2: other, existing agencies, never the respondent. */
  private async assertTargets(appeal: AppealRow, agencyIds: readonly string[], field: 'toAgencyId' | 'agencyIds', action: RespondentAction): Promise<void> {
    assertOtherAgencies(appeal.agencyId, agencyIds, field);
    for (const agencyId of agencyIds) {
      if (!(await this.agencies.exists(agencyId))) throw DomainError.field('APPEAL_UNKNOWN_AGENCY', field, 'No such agency.');
      assertNotRespondent(appeal, { agencyId, agencyParentChain: await this.agencies.ancestors(agencyId), action }, this.respondentOptions());
    }
  }

  private respondentOptions() {
    return { forbidSubordinateWhenHeadIsRespondent: this.config.respondentHeadCoversSubordinates };
  }

  private async applicantEmail(appeal: AppealRow): Promise<string | null> {
    const applicant = (await this.appeals.partiesOf(appeal.id)).find((p) => p.role === 'applicant');
    return applicant?.email ?? null;
  }
}

/** The appeal after a referral or copies, with the cases made at the receiving agencies. */
export type ReferralResult = AppealDto & { createdCases: CreatedCaseView[] };

function staleVersion(): DomainError {
  return new DomainError('VERSION_CONFLICT', 'The appeal was changed by someone else; reload it and try again.');
}

function termOf(appeal: AppealRow): ReviewTerm {
  return {
    regime: appeal.regime,
    from: appeal.reviewTermFrom,
    workingDays: appeal.reviewTermWorkingDays,
    extensionWorkingDays: appeal.extensionWorkingDays,
  };
}

function roleTitle(actor: Actor): string {
  return actor.role === 'supervisor' ? 'Rəhbər (supervisor)' : 'İcraçı (official)';
}
