import { Injectable } from '@nestjs/common';
import { AppealIdRange, RecomputeInput } from '../calendar/deadline-recomputation.port';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { APPEAL_NOTICE_TEMPLATE } from '../notifications/templates/appeal-notice';
import { Tx } from '../platform/database/db';
import { OutboxRef } from '../platform/outbox/outbox.service';
import { RECOMPUTE_OPEN_APPEALS } from './queries/appeal-deadlines.queries';

/** The set-wise recomputation of appeals' deadlines after a calendar change (measured: raw SQL). */
@Injectable()
export class AppealDeadlinesRepository {
  /**
   * Recomputes, in one statement (queries/appeal-deadlines.queries.ts), the deadlines of every open
   * appeal of the slice whose term spans a changed date, and appends a hash-chained `deadline_moved`
   * event (old, new, calendar version) to each appeal whose deadline moved. Uses the SQL mirror,
   * which must already hold the new calendar.
   */
  async recomputeOpenAppeals(tx: Tx, input: RecomputeInput, range: AppealIdRange): Promise<RecomputeResult> {
    const [row] = await tx.query<{ moved: number; updated: number; outbox: OutboxRef[] }>(
      RECOMPUTE_OPEN_APPEALS.text,
      RECOMPUTE_OPEN_APPEALS.values({ ...input, ...range, mailTopic: MAIL_TOPIC, template: APPEAL_NOTICE_TEMPLATE }),
    );
    return { moved: row.moved, outbox: row.outbox };
  }
}

export interface RecomputeResult {
  readonly moved: number;
  /** The applicants' notices written with the moved deadlines, to hand to the queue after commit. */
  readonly outbox: readonly OutboxRef[];
}
