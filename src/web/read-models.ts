import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { Colour, computeResponsiveness, DEFAULT_RESPONSIVENESS_OPTIONS, Responsiveness } from '../evaluation/domain';
import { bakuDateOf, Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';

/*
 * The two ports through which the supervisor dashboard and the public league table read the
 * evaluation and the alerts, and what stands behind them until the evaluation service (issue 6)
 * and the deadline alerts (issue 5) are merged. Swapping in the real services means replacing the
 * two `useClass` lines in web.module.ts; the pages depend only on the shapes below, which follow
 * API.md "Evaluation" and "Alerts".
 */

export interface Period {
  /** YYYY-MM-DD, Asia/Baku, inclusive. */
  readonly from: string;
  readonly to: string;
}

/** API.md `digitisation` (methodology sect. 3). */
export interface DigitisationView {
  readonly servicesTotal: number;
  readonly servicesElectronic: number;
  readonly share: number | null;
  readonly colour: Colour | null;
}

/** One dashboard row (methodology sect. 3: N, M, share, colour, maturity levels, corruption scores; sect. 5). */
export interface AgencyEvaluation {
  readonly agencyId: string;
  readonly agencyName: string;
  readonly from: string;
  readonly to: string;
  readonly responsiveness: Responsiveness;
  /** null until the e-service catalogue and self-assessments exist (issue 6). */
  readonly digitisation: DigitisationView | null;
  /** Number of the agency's e-services at each maturity level 0..5. */
  readonly maturityLevels: readonly number[] | null;
  /** Mean corruption-reduction score of its e-services (0..11) and its band. */
  readonly corruption: { readonly meanScore: number; readonly band: 'basic' | 'good' | 'excellent' } | null;
}

export interface MonthlyOnTime {
  /** YYYY-MM */
  readonly month: string;
  readonly dueCohort: number;
  readonly onTime: number;
  readonly rate: number | null;
}

export abstract class EvaluationReadModel {
  /** Every agency (or those given), in no particular order. */
  abstract agencies(period: Period, options?: { agencyIds?: readonly string[]; minCohort?: number }): Promise<AgencyEvaluation[]>;
  /** On-time review rate by month of the review deadline, the last `months` months up to today. */
  abstract monthlyOnTime(agencyIds: readonly string[] | undefined, months: number): Promise<MonthlyOnTime[]>;
}

/** API.md "Alerts" item. */
export interface AlertView {
  readonly id: string;
  readonly appealId: string;
  readonly registrationNumber: string;
  readonly kind: string;
  readonly agencyId: string;
  readonly dueAt: string;
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
}

export abstract class AlertsReadModel {
  /** False while no alert service exists: the dashboard says so instead of showing an empty list. */
  abstract readonly available: boolean;
  /** The alerts of the agencies the supervisor oversees. */
  abstract list(actor: Actor): Promise<AlertView[]>;
  abstract acknowledge(actor: Actor, id: string): Promise<void>;
}

/** Until issue 5 is merged there are no alerts to show. */
@Injectable()
export class NoAlertsReadModel extends AlertsReadModel {
  readonly available = false;

  list(): Promise<AlertView[]> {
    return Promise.resolve([]);
  }

  acknowledge(): Promise<void> {
    return Promise.resolve();
  }
}

const CLOSED = `s.status IN ('answered', 'left_without_consideration')`;
/** Methodology sect. 5: the due cohort counts closed appeals and open ones already late; a referred case is judged by its referral. */
const IN_DUE_COHORT = `s.status <> 'referred' AND (${CLOSED} OR s.review_due_at < $4)`;
const ON_TIME = `${CLOSED} AND s.closed_at <= s.review_due_at`;
const BAKU_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Baku')::date`;

interface CohortRow {
  agencyId: string;
  dueCohort: number;
  onTime: number;
  extended: number;
}

/**
 * Responsiveness from the appeals data alone (methodology sect. 5), through the methodology's own
 * pure `computeResponsiveness`; digitisation, maturity and corruption stay null (no e-service data
 * on this branch). Aggregates only: no row of this model names a person.
 */
@Injectable()
export class SqlEvaluationReadModel extends EvaluationReadModel {
  constructor(
    private readonly db: Db,
    private readonly agencyService: AgenciesService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async agencies(period: Period, options: { agencyIds?: readonly string[]; minCohort?: number } = {}): Promise<AgencyEvaluation[]> {
    const ids = options.agencyIds ? [...options.agencyIds] : null;
    const now = this.clock.now();
    // $1, $2: the period; $3: the agencies (null: all); $4: now, where a query needs it.
    const params = [period.from, period.to, ids];
    const agencyFilter = (column: string) => `($3::uuid[] IS NULL OR ${column} = ANY($3::uuid[]))`;
    const [cohorts, referrals, feedback, timing, overdue, agencies] = await Promise.all([
      this.db.query<CohortRow>(
        `SELECT s.agency_id AS "agencyId",
                count(*) FILTER (WHERE ${IN_DUE_COHORT})::int AS "dueCohort",
                count(*) FILTER (WHERE ${ON_TIME})::int AS "onTime",
                count(*) FILTER (WHERE ${IN_DUE_COHORT} AND s.extension_working_days > 0)::int AS extended
         FROM appeal_state s
         WHERE s.review_due_date BETWEEN $1 AND $2 AND ${agencyFilter('s.agency_id')}
         GROUP BY s.agency_id`,
        [...params, now],
      ),
      // Art. 7.10: referrals and copies alike must leave within 3 working days; lateness counts against the sender.
      this.db.query<{ agencyId: string; total: number; onTime: number }>(
        `SELECT r.from_agency_id AS "agencyId", count(*)::int AS total, count(*) FILTER (WHERE r.on_time)::int AS "onTime"
         FROM appeal_referrals r
         WHERE r.referred_on BETWEEN $1 AND $2 AND ${agencyFilter('r.from_agency_id')}
         GROUP BY r.from_agency_id`,
        params,
      ),
      this.db.query<{ agencyId: string; total: number; satisfied: number }>(
        `SELECT s.agency_id AS "agencyId", count(*)::int AS total, count(*) FILTER (WHERE f.satisfied)::int AS satisfied
         FROM appeal_feedback f JOIN appeal_state s ON s.appeal_id = f.appeal_id
         WHERE ${BAKU_DAY('s.closed_at')} BETWEEN $1 AND $2 AND ${agencyFilter('s.agency_id')}
         GROUP BY s.agency_id`,
        params,
      ),
      // Working days from the receipt (day 0) to the answer, through the calendar mirror's ordinals;
      // percentile_disc is the nearest-rank percentile the methodology's `percentile` uses.
      this.db.query<{ agencyId: string; median: number | null; p90: number | null }>(
        `SELECT s.agency_id AS "agencyId",
                percentile_disc(0.5) WITHIN GROUP (ORDER BY a.ordinal - r.ordinal) AS median,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY a.ordinal - r.ordinal) AS p90
         FROM appeal_state s
         JOIN appeal_answers x ON x.appeal_id = s.appeal_id
         JOIN calendar_days r ON r.day = s.review_term_from
         JOIN calendar_days a ON a.day = ${BAKU_DAY('x.dispatched_at')}
         WHERE ${BAKU_DAY('x.dispatched_at')} BETWEEN $1 AND $2 AND ${agencyFilter('s.agency_id')}
         GROUP BY s.agency_id`,
        params,
      ),
      this.db.query<{ agencyId: string; total: number }>(
        `SELECT s.agency_id AS "agencyId", count(*)::int AS total
         FROM appeal_state s
         WHERE s.status IN ('registered', 'in_review') AND s.review_due_at < $1 AND ($2::uuid[] IS NULL OR s.agency_id = ANY($2::uuid[]))
         GROUP BY s.agency_id`,
        [now, ids],
      ),
      this.agencyService.list(),
    ]);
    const byAgency = <T extends { agencyId: string }>(rows: T[]) => new Map(rows.map((row) => [row.agencyId, row]));
    const [c, r, f, w, o] = [byAgency(cohorts), byAgency(referrals), byAgency(feedback), byAgency(timing), byAgency(overdue)];
    const wanted = ids ? new Set(ids) : null;
    const computeOptions = { ...DEFAULT_RESPONSIVENESS_OPTIONS, minCohort: options.minCohort ?? DEFAULT_RESPONSIVENESS_OPTIONS.minCohort };
    return agencies
      .filter((agency) => !wanted || wanted.has(agency.id))
      .map((agency) => {
        const median = w.get(agency.id)?.median ?? null;
        const p90 = w.get(agency.id)?.p90 ?? null;
        const responsiveness = computeResponsiveness(
          {
            dueCohort: c.get(agency.id)?.dueCohort ?? 0,
            onTime: c.get(agency.id)?.onTime ?? 0,
            extended: c.get(agency.id)?.extended ?? 0,
            referralCohort: r.get(agency.id)?.total ?? 0,
            referredOnTime: r.get(agency.id)?.onTime ?? 0,
            openOverdue: o.get(agency.id)?.total ?? 0,
            feedbackCount: f.get(agency.id)?.total ?? 0,
            satisfiedCount: f.get(agency.id)?.satisfied ?? 0,
            medianWorkingDaysToAnswer: median === null ? null : Number(median),
            p90WorkingDaysToAnswer: p90 === null ? null : Number(p90),
          },
          computeOptions,
        );
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          from: period.from,
          to: period.to,
          responsiveness,
          digitisation: null,
          maturityLevels: null,
          corruption: null,
        };
      });
  }

  async monthlyOnTime(agencyIds: readonly string[] | undefined, months: number): Promise<MonthlyOnTime[]> {
    const now = this.clock.now();
    const today = bakuDateOf(now);
    const first = monthStart(today, months - 1);
    const rows = await this.db.query<{ month: string; dueCohort: number; onTime: number }>(
      `SELECT to_char(s.review_due_date, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE ${IN_DUE_COHORT})::int AS "dueCohort",
              count(*) FILTER (WHERE ${ON_TIME})::int AS "onTime"
       FROM appeal_state s
       WHERE s.review_due_date BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR s.agency_id = ANY($3::uuid[]))
       GROUP BY 1`,
      [first, today, agencyIds ? [...agencyIds] : null, now],
    );
    const found = new Map(rows.map((row) => [row.month, row]));
    return Array.from({ length: months }, (_, i) => {
      const month = monthStart(today, months - 1 - i).slice(0, 7);
      const row = found.get(month);
      const dueCohort = row?.dueCohort ?? 0;
      const onTime = row?.onTime ?? 0;
      return { month, dueCohort, onTime, rate: dueCohort === 0 ? null : onTime / dueCohort };
    });
  }
}

/** The first day of the month `back` months before the month of `date` (YYYY-MM-DD). */
export function monthStart(date: string, back: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
