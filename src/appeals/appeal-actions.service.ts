import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { Clock } from '../platform/clock/clock';
import { Db, Tx } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { UsersRepository } from '../users/users.repository';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAppealDto } from './appeal.presenter';
import { AppealRow, AppealsRepository, StateChanges } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { assertNotRespondent, assertTransition, TransitionName, validateAnswerText } from './domain/lifecycle';
import { ReviewTerm, totalWorkingDays, withAdditionalStudy, withExtension } from './domain/review-term';
import { AppealDto } from './dto/appeal.dto';

export const APPEAL_NOTICE_TEMPLATE = 'appeal-notice';

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
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Assignment inside the agency; the executor is shown to the applicant (appeals-rules.md 16). */
  async assign(actor: Actor, id: string, input: { executorId: string; version: number }): Promise<AppealDto> {
    const appeal = await this.handled(actor, id, 'assign', input.version);
    const executor = await this.users.findById(input.executorId);
    if (!executor || executor.agencyId !== appeal.agencyId || !['official', 'supervisor'].includes(executor.role)) {
      throw DomainError.field('VALIDATION_FAILED', 'executorId', 'The executor must be an official of the handling agency.');
    }
    // Administrative Offences Code 594-1.1.2: never to the official complained about.
    assertNotRespondent(appeal, { agencyId: appeal.agencyId, officialName: executor.fullName, agencyParentChain: [] });
    return this.commit(actor, appeal, input.version, {
      changes: { status: 'in_review', executorId: executor.id },
      event: { type: 'assigned', data: { executorId: executor.id } },
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
    return this.commit(actor, appeal, input.version, {
      changes: { status: 'answered' },
      event: { type: 'answered', data: { delivery: email ? 'email' : 'post', length: text.length } },
      notifyTo: email,
      also: (tx) =>
        this.appeals.insertAnswer(tx, {
          appealId: id,
          text,
          decidedBy: actor.id,
          name: official.fullName,
          position: input.position ?? roleTitle(actor),
          delivery: email ? 'email' : 'post',
          at: now,
        }),
    });
  }

  /** The applicant withdraws (Art. 8.1): left without consideration on the ground "withdrawn". */
  async withdraw(actor: Actor, id: string): Promise<AppealDto> {
    const appeal = await this.appealsService.loadVisible(actor, id);
    if (appeal.ownerUserId !== actor.id) throw new DomainError('FORBIDDEN', 'Only the applicant withdraws an appeal.');
    assertTransition('withdraw', appeal.status, actor.role);
    return this.commit(actor, appeal, appeal.version, {
      changes: { status: 'left_without_consideration', closureGround: 'withdrawn' },
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
      also?: (tx: Tx) => Promise<void>;
    },
  ): Promise<AppealDto> {
    const to = step.notifyTo === 'applicant' ? await this.applicantEmail(appeal) : (step.notifyTo ?? null);
    await this.db.transaction(async (tx) => {
      if (!(await this.appeals.compareAndSet(tx, appeal.id, version, step.changes))) throw staleVersion();
      await step.also?.(tx);
      const event = await this.events.append(tx, appeal.id, {
        type: step.event.type,
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: this.clock.now(),
        data: step.event.data,
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

  private async applicantEmail(appeal: AppealRow): Promise<string | null> {
    const applicant = (await this.appeals.partiesOf(appeal.id)).find((p) => p.role === 'applicant');
    return applicant?.email ?? null;
  }
}

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
