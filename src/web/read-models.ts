import { Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { Actor } from '../auth/actor';
import { Colour, corruptionBandFor, Responsiveness } from '../evaluation/domain';
import { EvaluationResultsService } from '../evaluation/evaluation-results.service';
import { MethodologyService } from '../evaluation/methodology.service';
import { bakuDateOf, Clock } from '../platform/clock/clock';

/*
 * What the supervisor dashboard and the public league table read of the evaluation and the alerts,
 * in the shapes of API.md "Evaluation" and "Alerts", through the evaluation and alerts services.
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
  /** null while the agency has no e-services in the catalogue. */
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

/** The deadline alerts (AlertsService: the same scope and acknowledgement as the API). */
@Injectable()
export class AlertsReadModel {
  constructor(private readonly alerts: AlertsService) {}

  /** The newest page of the supervisor's alerts (the API pages further; the dashboard shows one page). */
  async list(actor: Actor): Promise<AlertView[]> {
    const { items } = await this.alerts.list(actor, { limit: 100 });
    return items.map(({ id, appealId, registrationNumber, kind, agencyId, dueAt, createdAt, acknowledgedAt }) => ({
      id,
      appealId,
      registrationNumber,
      kind,
      agencyId,
      dueAt,
      createdAt,
      acknowledgedAt,
    }));
  }

  async acknowledge(actor: Actor, id: string): Promise<void> {
    await this.alerts.acknowledge(actor, id);
  }
}

/**
 * The dashboard rows from the evaluation itself (EvaluationResultsService: responsiveness from its
 * SQL summary, digitisation, maturity levels and corruption scores of the period's
 * self-assessments), so pages and API show the same figures; plus the monthly on-time trend for
 * the chart. Aggregates only: no row of this model names a person.
 */
@Injectable()
export class EvaluationReadModel {
  constructor(
    private readonly results: EvaluationResultsService,
    private readonly methodology: MethodologyService,
    private readonly clock: Clock,
  ) {}

  /** Every agency (or those given), in no particular order. */
  async agencies(period: Period, options: { agencyIds?: readonly string[]; minCohort?: number } = {}): Promise<AgencyEvaluation[]> {
    const league = await this.results.compute({
      ...period,
      minCohort: options.minCohort,
      scope: options.agencyIds ? [...options.agencyIds] : null,
    });
    const methodology = this.methodology.current;
    return league.items.map((item) => {
      const { servicesTotal, servicesElectronic, share, colour } = item.digitisation;
      const scores = item.maturity.corruptionScores.map((s) => s.score);
      const meanScore = scores.length ? scores.reduce((sum, s) => sum + s, 0) / scores.length : null;
      return {
        agencyId: item.agencyId,
        agencyName: item.agencyName,
        from: item.from,
        to: item.to,
        responsiveness: item.responsiveness,
        digitisation: servicesTotal === null || servicesElectronic === null ? null : { servicesTotal, servicesElectronic, share, colour },
        maturityLevels: item.maturity.assessed > 0 ? [0, 1, 2, 3, 4, 5].map((level) => item.maturity.levels[String(level)] ?? 0) : null,
        corruption: meanScore === null ? null : { meanScore, band: corruptionBandFor(methodology, Math.round(meanScore)) },
      };
    });
  }

  /**
   * The trend chart: each month's due cohort and on-time count from the evaluation's own summary
   * (EvaluationResultsService.onTimeCounts), so chart and table count cases the same way (sect. 5).
   */
  async monthlyOnTime(agencyIds: readonly string[] | undefined, months: number): Promise<MonthlyOnTime[]> {
    const now = this.clock.now();
    const today = bakuDateOf(now);
    return Promise.all(
      Array.from({ length: months }, async (_, i) => {
        const from = monthStart(today, months - 1 - i);
        const to = i === months - 1 ? today : dayBefore(monthStart(today, months - 2 - i));
        const { dueCohort, onTime } = await this.results.onTimeCounts({ from, to, now, agencyIds: agencyIds ?? null });
        return { month: from.slice(0, 7), dueCohort, onTime, rate: dueCohort === 0 ? null : onTime / dueCohort };
      }),
    );
  }
}

/** YYYY-MM-DD of the day before a YYYY-MM-DD date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `back` months before the month of `date` (YYYY-MM-DD). */
export function monthStart(date: string, back: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
