import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { APPEAL_NOTICE_TEMPLATE } from '../notifications/templates/appeal-notice';
import { Clock } from '../platform/clock/clock';
import { Db, Tx } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { OutboxService } from '../platform/outbox/outbox.service';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAppealDto } from './appeal.presenter';
import { AppealRow, AppealsRepository, StateChanges } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AppealEvent, AppealEventPayloads, AppealEventType } from './domain/appeal-events';
import { appealMailDedupeKey } from './domain/case-rules';
import { statusAfter, TransitionName, WORKING_STATUSES } from './domain/lifecycle';
import { MailRecipient, mailRecipients } from './domain/recipients';
import { AppealDto } from './dto/appeal.dto';

/**
 * One step of a case: the named transition (whose table gives the new status), the other state
 * changes, its audit event, who is told, and more writes.
 */
export interface TransitionStep<T extends AppealEventType = AppealEventType> {
  /** Null: a record that is no lifecycle transition (whom a complaint is about). */
  readonly transition: TransitionName | null;
  /** Everything but the status: that is the transition table's (domain/lifecycle.ts). */
  readonly changes: Omit<StateChanges, 'status'>;
  readonly event: AppealEvent<T>;
  /** 'applicant': the applicant's and the representative's e-mails; a list: exactly these; none: nobody. */
  readonly notifyTo?: readonly MailRecipient[] | 'applicant' | null;
  /** More writes in the same transaction; what it returns is added to the event's data. */
  readonly also?: (tx: Tx) => Promise<Partial<AppealEventPayloads[T]> | void>;
}

/**
 * The write half of every case action (STYLE.md: each transition is a compare-and-set with its
 * audit event in one transaction; side effects only through the outbox): the compare-and-set on
 * `version` (409 when stale), the hash-chained event, the applicant's notices in the outbox.
 */
@Injectable()
export class AppealTransitions {
  constructor(
    private readonly appeals: AppealsRepository,
    private readonly events: AppealEventsRepository,
    private readonly outbox: OutboxService,
    private readonly appealsService: AppealsService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async commit<T extends AppealEventType>(actor: Actor, appeal: AppealRow, version: number, step: TransitionStep<T>): Promise<AppealDto> {
    const to = step.notifyTo === 'applicant' ? await this.recipientsOf(appeal) : (step.notifyTo ?? []);
    const now = this.clock.now();
    // The status is the one the transition table gives (written whenever the rule names one).
    const status = step.transition === null ? undefined : statusAfter(step.transition);
    const changes: StateChanges = status ? { ...step.changes, status } : step.changes;
    await this.db.transaction(async (tx) => {
      if (!(await this.appeals.compareAndSet(tx, appeal.id, version, changes, now))) throw staleVersion();
      if (status && status !== 'answered' && !WORKING_STATUSES.includes(status)) {
        // appeals-rules.md 15: closed without an answer, it answers no follow-up merged into it.
        for (const followUpId of await this.appeals.releaseFollowUps(tx, appeal.id, now)) {
          await this.events.append(tx, followUpId, {
            type: 'merge_released',
            actorId: actor.id,
            actorRole: actor.role,
            occurredAt: now,
            data: { fromAppealId: appeal.id, fromStatus: status },
          });
        }
      }
      const extra = await step.also?.(tx);
      // The step's data and what its writes added are one payload of the step's type.
      const data = { ...step.event.data, ...(extra ?? {}) } as AppealEventPayloads[T];
      const event = await this.events.append(tx, appeal.id, {
        ...({ type: step.event.type, data } as AppealEvent<T>),
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: now,
      });
      // appeals-rules.md 16: the applicant is told of every status change through the chosen channel.
      if (to.length > 0 && !appeal.anonymous) {
        await this.outbox.write(
          tx,
          to.map((recipient) => ({
            topic: MAIL_TOPIC,
            dedupeKey: appealMailDedupeKey(APPEAL_NOTICE_TEMPLATE, appeal.id, event.seq, recipient.suffix),
            payload: { template: APPEAL_NOTICE_TEMPLATE, to: recipient.to, appealId: appeal.id, seq: event.seq },
          })),
        );
      }
    });
    const fresh = (await this.appeals.findById(appeal.id)) as AppealRow;
    return toAppealDto(fresh, await this.appealsService.identityHidden(actor, fresh));
  }

  /** The e-mails that receive the case's notices: the applicant's and the representative's (appeals-rules.md 1, 16). */
  async recipientsOf(appeal: AppealRow): Promise<MailRecipient[]> {
    if (appeal.anonymous) return [];
    return mailRecipients(await this.appeals.partiesOf(appeal.id));
  }
}

export function staleVersion(): DomainError {
  return new DomainError('VERSION_CONFLICT', 'The appeal was changed by someone else; reload it and try again.');
}
