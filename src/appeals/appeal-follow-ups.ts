import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { Clock } from '../platform/clock/clock';
import { DomainError } from '../platform/errors/domain-error';
import { AppealEventsRepository } from './appeal-events.repository';
import { AppealTransitions, staleVersion } from './appeal-transitions';
import { AppealRow, AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { canSeeIdentity } from './domain/access-policy';
import { assertAction, termClockOf } from './domain/case-actions';
import { WORKING_STATUSES } from './domain/lifecycle';
import { assertTermRunning } from './domain/review-term';
import { AppealDto } from './dto/appeal.dto';

/**
 * Follow-ups (appeals-rules.md 15): never merged at intake; a staff member who may see the
 * applicant's identity merges one into the earlier appeal it follows, and it is answered with it.
 */
@Injectable()
export class AppealFollowUps {
  constructor(
    private readonly appealsService: AppealsService,
    private readonly appeals: AppealsRepository,
    private readonly events: AppealEventsRepository,
    private readonly transitions: AppealTransitions,
    private readonly clock: Clock,
  ) {}

  /**
   * appeals-rules.md 15: staff who may see the applicant's identity merge a follow-up into an
   * earlier open appeal of the same applicant at the same agency that was still within its term
   * when the follow-up arrived: the follow-up is then answered with it. One transaction with an
   * audit event on both cases; the applicant is told. A follow-up whose own term has expired is
   * not merged (TERM_EXPIRED: a late case stays late).
   */
  async merge(actor: Actor, id: string, input: { intoAppealId: string; version: number }): Promise<AppealDto> {
    const followUp = await this.appealsService.loadIdentityVisible(actor, id);
    if (followUp.version !== input.version) throw staleVersion();
    const now = this.clock.now();
    assertAction('merge', actor.role, followUp, now);
    assertTermRunning(termClockOf(followUp, now), 'merging it into another appeal');
    const refuse = (message: string): never => {
      throw DomainError.field('VALIDATION_FAILED', 'intoAppealId', message);
    };
    if (followUp.mergedInto) refuse('This appeal was already merged into another one.');
    if (input.intoAppealId === followUp.id) refuse('An appeal is not merged into itself.');
    if (await this.appeals.hasMergedFollowUps(followUp.id))
      refuse('Other appeals were merged into this one; it stays the appeal they are answered with.');
    const target = await this.appeals.findById(input.intoAppealId);
    const supervised = await this.appealsService.supervisedBy(actor);
    const sameApplicant =
      target !== undefined &&
      // canSeeIdentity includes seeing the case (and never the official the target is about).
      canSeeIdentity(actor, target, supervised) &&
      target.agencyId === followUp.agencyId &&
      followUp.applicantKey !== null &&
      target.applicantKey === followUp.applicantKey;
    if (!target || !sameApplicant)
      refuse('No appeal of the same applicant at this agency has that id (the same account for portal appeals).');
    const into = target as AppealRow;
    if (!WORKING_STATUSES.includes(into.status) || into.mergedInto)
      refuse('The appeal to merge into must still be open and not merged itself.');
    if (into.receivedOn > followUp.receivedOn || into.reviewDueDate < followUp.receivedOn) {
      refuse('A follow-up is merged into an earlier appeal whose term had not ended when the follow-up arrived (appeals-rules.md 15).');
    }
    return this.transitions.commit(actor, followUp, input.version, {
      transition: 'merge',
      changes: { mergedInto: into.id },
      event: { type: 'merged', data: { intoAppealId: into.id, intoRegistrationNumber: into.registrationNumber } },
      notifyTo: 'applicant',
      also: async (tx) => {
        const locked = await this.appeals.lockForUpdate(tx, into.id);
        if (!locked || !WORKING_STATUSES.includes(locked.status) || locked.mergedInto) throw staleVersion();
        if (!(await this.appeals.compareAndSet(tx, into.id, locked.version, {}, now))) throw staleVersion();
        await this.events.append(tx, into.id, {
          type: 'follow_up_merged',
          actorId: actor.id,
          actorRole: actor.role,
          occurredAt: now,
          data: { followUpId: followUp.id, followUpRegistrationNumber: followUp.registrationNumber },
        });
        await this.appeals.linkFollowUp(tx, followUp.id, into.id);
      },
    });
  }
}
