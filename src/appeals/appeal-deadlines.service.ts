import { Injectable, OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { AppealIdRange, DeadlineRecomputation, RecomputeInput } from '../calendar/deadline-recomputation.port';
import { Db } from '../platform/database/db';
import { OutboxService } from '../platform/outbox/outbox.service';
import { AppealDeadlinesRepository } from './appeal-deadlines.repository';

/**
 * The appeals' side of a calendar change (working-days-az.md "recompute open cases"): appeals own
 * appeal_state, appeal_events and their notices, so the calendar reaches them only through this
 * port, bound to CalendarService at start.
 */
@Injectable()
export class AppealDeadlinesService implements DeadlineRecomputation, OnModuleInit {
  constructor(
    private readonly repository: AppealDeadlinesRepository,
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    this.calendar.bindDeadlineRecomputation(this);
  }

  async recomputeSlice(input: RecomputeInput, range: AppealIdRange): Promise<number> {
    const result = await retryOnce(() =>
      this.db.transaction(async (tx) => {
        const recomputed = await this.repository.recomputeOpenAppeals(tx, input, range);
        this.outbox.handOff(tx, recomputed.outbox);
        return recomputed;
      }),
    );
    return result.moved;
  }
}

/**
 * The set-wise recomputation reads each appeal's audit-chain head from its statement snapshot; an
 * event appended concurrently to the same appeal makes the insert collide on (appeal_id, seq).
 * The whole transaction is then simply run again.
 */
async function retryOnce<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    return work();
  }
}
