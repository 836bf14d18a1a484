import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgenciesService } from '../agencies/agencies.service';
import { AppealsService } from '../appeals/appeals.service';
import { AttachmentsService } from '../appeals/attachments.service';
import { AppealDetailDto, AppealDto } from '../appeals/dto/appeal.dto';
import { Actor } from '../auth/actor';
import { CalendarService } from '../calendar/calendar.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { UsersService } from '../users/users.service';
import { CaseExtras } from './pages/appeal.view';

/**
 * Reads for the case pages, all through the services the API uses (the same access checks): the
 * case, the names the page shows instead of ids, and the deadline ledger's skipped days.
 */
@Injectable()
export class WebCases {
  constructor(
    readonly appeals: AppealsService,
    private readonly attachments: AttachmentsService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async load(actor: Actor, id: string): Promise<{ appeal: AppealDetailDto; extras: CaseExtras }> {
    const appeal = await this.appeals.get(actor, id);
    const [agencyName, answer, executor] = await Promise.all([
      this.agencyNames(),
      appeal.status === 'answered' ? this.appeals.answerOf(actor, id) : Promise.resolve(undefined),
      appeal.executorId ? this.users.get(appeal.executorId).catch(() => undefined) : Promise.resolve(undefined),
    ]);
    const review = appeal.deadlines.review;
    return {
      appeal,
      extras: {
        agencyName,
        // Only the name: the executor is shown to the applicant (appeals-rules.md 16), their e-mail is not.
        executorName: executor?.fullName ?? null,
        skippedDays: review.workingDays === null ? [] : this.calendar.skippedDays(appeal.receivedOn, review.dueDate),
        workedWeekendDays: review.workingDays === null ? [] : this.calendar.workedWeekendDays(appeal.receivedOn, review.dueDate),
        answer,
      },
    };
  }

  async agencyNames(): Promise<(id: string | null) => string> {
    const names = new Map((await this.agencies.list()).map((a) => [a.id, a.name]));
    return (id) => (id ? (names.get(id) ?? id) : '—');
  }

  /** Working days left of a listed case's review term, for the due-soon marker; null for 24-hour terms. */
  workingDaysLeft(appeal: AppealDto): number | null {
    if (appeal.reviewTermWorkingDays === null) return null;
    return this.calendar.ledger(appeal.receivedOn, appeal.reviewDueDate, bakuDateOf(this.clock.now())).workingDaysLeft;
  }

  now(): Date {
    return this.clock.now();
  }

  /** A document of a case, through the same check as the API's download. */
  async sendAttachment(actor: Actor, appealId: string, attachmentId: string, reply: FastifyReply): Promise<void> {
    const file = await this.attachments.download(actor, appealId, attachmentId);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }
}
