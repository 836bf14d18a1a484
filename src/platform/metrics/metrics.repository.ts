import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

export interface OperationalSnapshot {
  readonly outboxPending: number;
  /** Seconds since the oldest pending outbox row was written; 0 when none waits. */
  readonly outboxOldestPendingSeconds: number;
  /** Unfired deadline timers whose fire time has come. */
  readonly timersDue: number;
  /** Of those, the ones more than TIMER_LATE_AFTER_SECONDS past their fire time. */
  readonly timersLate: number;
  /** Open appeals past their review due instant, by agency code (never anything personal). */
  readonly overdueByAgency: ReadonlyArray<{ agency: string; count: number }>;
  /** Calendar changes whose recomputation of open appeals has not finished (running, or crashed and awaiting resume). */
  readonly calendarRecomputePending: number;
  /** Appeals whose deadlines the latest finished recomputation moved; 0 before any. */
  readonly calendarLastMovedAppeals: number;
}

/** A timer this late has missed its alert's moment: the scheduler or the workers are behind. */
export const TIMER_LATE_AFTER_SECONDS = 60;

/**
 * The operators' read-only view of the queues kept in PostgreSQL (outbox, deadline timers) and of
 * the open caseload. Each query runs on a partial index (outbox_pending_idx,
 * deadline_timers_unfired_idx, appeal_state_open_due_idx), so a scrape stays cheap as tables grow.
 */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  async snapshot(now: Date): Promise<OperationalSnapshot> {
    const [[outbox], [timers], overdue, [calendar]] = await Promise.all([
      this.db.query<{ pending: number; oldest: number }>(
        `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM $1::timestamptz - min(created_at)), 0)::float8 AS oldest
         FROM outbox WHERE status = 'pending'`,
        [now],
      ),
      this.db.query<{ due: number; late: number }>(
        `SELECT count(*)::int AS due, (count(*) FILTER (WHERE fire_at < $1::timestamptz - make_interval(secs => $2)))::int AS late
         FROM deadline_timers WHERE fired_at IS NULL AND fire_at <= $1`,
        [now, TIMER_LATE_AFTER_SECONDS],
      ),
      // appeals-rules.md 9: overdue = open (registered, in review) past the review due instant; merged follow-ups have no term of their own.
      this.db.query<{ agency: string; count: number }>(
        `SELECT g.code AS agency, count(*)::int AS count
         FROM appeal_state s JOIN agencies g ON g.id = s.agency_id
         WHERE s.status = ANY (appeal_working_statuses()) AND s.review_due_at < $1 AND s.merged_into IS NULL
         GROUP BY g.code`,
        [now],
      ),
      // Pending on calendar_changes_pending_idx; the last finished change by its primary key, read backwards.
      this.db.query<{ pending: number; moved: number }>(
        `SELECT (SELECT count(*)::int FROM calendar_changes WHERE recompute IS NOT NULL AND recomputed_at IS NULL) AS pending,
                coalesce((SELECT moved_appeals FROM calendar_changes WHERE recomputed_at IS NOT NULL ORDER BY version DESC LIMIT 1), 0)::int AS moved`,
      ),
    ]);
    return {
      outboxPending: outbox.pending,
      outboxOldestPendingSeconds: Math.max(0, outbox.oldest),
      timersDue: timers.due,
      timersLate: timers.late,
      overdueByAgency: overdue,
      calendarRecomputePending: calendar.pending,
      calendarLastMovedAppeals: calendar.moved,
    };
  }
}
