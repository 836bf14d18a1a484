import { Injectable } from '@nestjs/common';
import { APPEAL_NOTICE_TEMPLATE } from '../notifications/templates/appeal-notice';
import { Db, SqlExecutor } from '../platform/database/db';
import { AGGREGATE, AGGREGATE_DIRECT, NOTIFICATION_EVIDENCE } from './queries/responsiveness.queries';

/** Aggregated figures of one agency for one period (methodology sect. 5), straight from SQL. */
export interface ResponsivenessRow {
  agencyId: string;
  dueClosed: number;
  openLate: number;
  onTime: number;
  extended: number;
  pending: number;
  referralCohort: number;
  referredOnTime: number;
  answered: number;
  medianWorkingDaysToAnswer: number | null;
  p90WorkingDaysToAnswer: number | null;
  openOverdue: number;
  feedbackCount: number;
  satisfiedCount: number;
}

export interface ResponsivenessQuery {
  readonly from: string;
  readonly to: string;
  /** "Now" of the computation: open cases past their deadline by then are late, the rest pending. */
  readonly now: Date;
  /** null = every agency. */
  readonly agencyIds: readonly string[] | null;
}

/**
 * Sect. 5 by SQL aggregation, never loading cases: the summary counts (maintained by the
 * migration's triggers) for closed cases and referrals, the open cases live.
 */
@Injectable()
export class ResponsivenessRepository {
  constructor(private readonly db: Db) {}

  /** The league table's figures for every agency asked for (methodology sect. 5). */
  async aggregate(query: ResponsivenessQuery, executor: SqlExecutor = this.db): Promise<ResponsivenessRow[]> {
    // Unnamed: planned with each call's values (a generic plan could not use the partial index of open cases).
    return executor.query<ResponsivenessRow>(AGGREGATE.text, AGGREGATE.values(query));
  }

  /**
   * The same figures by a plain GROUP BY over every case, without the summary: the reference the
   * tests hold the summary to, and the benchmark's baseline.
   */
  async aggregateDirect(query: ResponsivenessQuery, executor: SqlExecutor = this.db): Promise<ResponsivenessRow[]> {
    return executor.query<ResponsivenessRow>(AGGREGATE_DIRECT.text, AGGREGATE_DIRECT.values(query));
  }

  /**
   * Evidence for indicator 11 (sect. 5): of each agency's answers in the period, those whose
   * applicant was told through the chosen channel: the answer's notice e-mail was delivered, or the
   * answer went by post (the letter is the channel chosen).
   */
  async notificationEvidence(
    query: { from: string; to: string; agencyIds: readonly string[] | null },
    executor: SqlExecutor = this.db,
  ): Promise<Array<{ agencyId: string; answered: number; notified: number }>> {
    return executor.query(NOTIFICATION_EVIDENCE.text, NOTIFICATION_EVIDENCE.values({ ...query, template: APPEAL_NOTICE_TEMPLATE }));
  }

  /**
   * Sect. 5: complaints about each e-service received in the period, at any agency (the service's
   * row carries them wherever the complaint was filed).
   */
  async complaintsByService(query: { from: string; to: string }, executor: SqlExecutor = this.db): Promise<Map<string, number>> {
    const rows = await executor.query<{ eServiceId: string; complaints: number }>(
      `SELECT e_service_id AS "eServiceId", count(*)::int AS complaints
       FROM appeals
       WHERE e_service_id IS NOT NULL AND type = 'complaint' AND link_kind IS NULL AND received_on BETWEEN $1::date AND $2::date
       GROUP BY e_service_id`,
      [query.from, query.to],
    );
    return new Map(rows.map((r) => [r.eServiceId, r.complaints]));
  }

  /** Calendar version of the SQL mirror the working days were counted with. */
  async calendarVersion(executor: SqlExecutor = this.db): Promise<number> {
    const [row] = await executor.query<{ version: number }>(`SELECT version FROM calendar_mirror`);
    return row?.version ?? 0;
  }
}
