import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { AgenciesService } from '../agencies/agencies.service';
import { Clock } from '../platform/clock/clock';
import { Db, SqlExecutor } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AgencyServicesRow, AssessmentsRepository, PeriodRow, SelfAssessmentRow } from './assessments.repository';
import { CatalogueRepository, EServiceRow } from './catalogue.repository';
import {
  DigitisationShare,
  EvaluationInputError,
  Responsiveness,
  computeResponsiveness,
  digitisationShare,
  responsivenessOptions,
  wilsonInterval,
} from './domain';
import { MethodologyService } from './methodology.service';
import { ResponsivenessRepository, ResponsivenessRow } from './responsiveness.repository';
import { toInstant } from '../platform/clock/instant';

/** The longest period one request may aggregate: five years of days. */
const MAX_PERIOD_DAYS = 5 * 366;

/** The 95 % interval of a rate (sect. 5 fairness); null when its cohort is empty. */
export type Interval = { low: number; high: number } | null;

export interface ResponsivenessView extends Responsiveness {
  /** Open, in the period's due dates, not yet due now: left out of the cohort (sect. 5). */
  readonly pending: number;
  readonly answered: number;
  readonly feedbackCount: number;
  readonly onTimeReviewRateInterval: Interval;
  readonly onTimeReferralRateInterval: Interval;
}

export interface DigitisationView {
  readonly servicesTotal: number | null;
  readonly servicesElectronic: number | null;
  readonly share: number | null;
  readonly percent: number | null;
  readonly colour: DigitisationShare['colour'];
}

export interface MaturityView {
  readonly assessed: number;
  /** Number of the agency's e-services at each maturity level "0".."5" (sect. 2). */
  readonly levels: Record<string, number>;
  /** Corruption-reduction score per assessed e-service, by registry number (sect. 2). */
  readonly corruptionScores: Array<{ registryNumber: string; score: number; band: string }>;
}

export interface LeagueItem {
  readonly agencyId: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly from: string;
  readonly to: string;
  /** Place among agencies with sufficient data, by index (ties share a place); null = not ranked. */
  readonly rank: number | null;
  readonly responsiveness: ResponsivenessView;
  readonly digitisation: DigitisationView;
  readonly maturity: MaturityView;
}

export interface LeagueTable {
  readonly from: string;
  readonly to: string;
  readonly minCohort: number;
  readonly methodologyVersion: string;
  readonly calendarVersion: number;
  readonly computedAt: string;
  /** The evaluation period whose self-assessments and N/M were used, if any. */
  readonly periodId: string | null;
  readonly items: LeagueItem[];
}

export interface IndicatorEvidence {
  /** The answer the appeals data gives; null when the data says nothing (no answers in the period). */
  readonly fromData: boolean | null;
  readonly basis: string;
}

export interface ServiceDetail {
  readonly eServiceId: string;
  readonly registryNumber: string;
  readonly name: string;
  readonly assessment: Omit<SelfAssessmentRow, 'eServiceId' | 'agencyId' | 'registryNumber' | 'updatedAt'> | null;
  /** Self-assessed answer against the data, per evidenced indicator; `disagrees` flags a mismatch. */
  readonly evidence: Record<'4' | '11', { selfAssessed: boolean | null; fromData: boolean | null; disagrees: boolean }>;
  /** Sect. 5: complaints about this e-service received in the period (linked cases not counted twice). */
  readonly complaints: number;
}

export interface AgencyDetail extends LeagueItem {
  readonly evidence: Record<'4' | '11', IndicatorEvidence>;
  readonly services: ServiceDetail[];
  readonly infrastructure: object | null;
  readonly methodologyVersion: string;
  readonly calendarVersion: number;
  readonly periodId: string | null;
}

/** What a supervisor or admin may read: supervisors their subtree, admins everything (null). */
export type Scope = readonly string[] | null;

/**
 * The evaluation's results: the league table (API.md "Evaluation"), an agency's detail with its
 * e-services and the data evidence for indicators 4 and 11, and the content of a published snapshot.
 */
@Injectable()
export class EvaluationResultsService {
  constructor(
    private readonly responsiveness: ResponsivenessRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly agencies: AgenciesService,
    private readonly methodology: MethodologyService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * One period's review cohort (closed or open past due) and how many of it were on time, from the
   * evaluation's own summary: the dashboard's trend counts cases as the league table does (sect. 5).
   */
  async onTimeCounts(query: {
    from: string;
    to: string;
    now: Date;
    agencyIds: readonly string[] | null;
  }): Promise<{ dueCohort: number; onTime: number }> {
    const rows = await this.responsiveness.aggregate({ ...query, agencyIds: query.agencyIds ? [...query.agencyIds] : null });
    const dueCohort = rows.reduce((sum, r) => sum + Number(r.dueClosed) + Number(r.openLate), 0);
    const onTime = rows.reduce((sum, r) => sum + Number(r.onTime), 0);
    return { dueCohort, onTime };
  }

  async scopeOf(actor: Actor): Promise<Scope> {
    if (actor.role === 'admin') return null;
    if (actor.role === 'supervisor' && actor.agencyId) return this.agencies.subtree(actor.agencyId);
    throw new DomainError('FORBIDDEN', 'Evaluation results are for supervisors and admins.');
  }

  async league(actor: Actor, query: { from: string; to: string; minCohort?: number }): Promise<LeagueTable> {
    checkPeriod(query.from, query.to);
    return this.compute({ ...query, scope: await this.scopeOf(actor) });
  }

  async agencyDetail(actor: Actor, agencyId: string, query: { from: string; to: string; minCohort?: number }): Promise<AgencyDetail> {
    checkPeriod(query.from, query.to);
    const scope = await this.scopeOf(actor);
    if (scope !== null && !scope.includes(agencyId)) throw new DomainError('AGENCY_NOT_FOUND', 'The agency was not found.');
    await this.agencies.get(agencyId);
    const [detail] = await this.details({ ...query, scope: [agencyId] });
    return detail;
  }

  /**
   * Every figure of [from, to] for the agencies in scope, read in one REPEATABLE READ snapshot so
   * counts, open cases and self-assessments agree with each other.
   */
  async compute(query: { from: string; to: string; minCohort?: number; scope: Scope }, executor?: SqlExecutor): Promise<LeagueTable> {
    const run = async (tx: SqlExecutor): Promise<LeagueTable> => {
      const methodology = this.methodology.current;
      const options = responsivenessOptions(methodology, query.minCohort);
      const now = this.clock.now();
      const period = await this.assessments.periodFor(query.from, query.to, tx);
      // One after another: they share one connection, which runs one query at a time anyway (and
      // pg 9 refuses overlapping queries on a client).
      const rows = await this.responsiveness.aggregate({ from: query.from, to: query.to, now, agencyIds: query.scope }, tx);
      const calendarVersion = await this.responsiveness.calendarVersion(tx);
      const services = period ? await this.assessments.agencyServices(period.id, tx) : [];
      const assessed = period ? await this.assessments.selfAssessments(period.id, query.scope, tx) : [];
      const servicesByAgency = new Map(services.map((s) => [s.agencyId, s]));
      const agencies = new Map((await this.agencies.list()).map((a) => [a.id, a]));
      const items = rows
        .filter((row) => agencies.has(row.agencyId))
        .map((row) => {
          const agency = agencies.get(row.agencyId)!;
          return {
            agencyId: row.agencyId,
            agencyCode: agency.code,
            agencyName: agency.name,
            from: query.from,
            to: query.to,
            rank: null as number | null,
            responsiveness: responsivenessView(row, options),
            digitisation: digitisationView(servicesByAgency.get(row.agencyId), methodology.colourThresholds),
            maturity: maturityView(assessed.filter((a) => a.agencyId === row.agencyId)),
          };
        });
      return {
        from: query.from,
        to: query.to,
        minCohort: options.minCohort,
        methodologyVersion: methodology.version,
        calendarVersion,
        computedAt: toInstant(now),
        periodId: period?.id ?? null,
        items: ranked(items),
      };
    };
    if (executor) return run(executor);
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return run(tx);
    });
  }

  /** League rows with their e-services, evidence and the period's infrastructure index. */
  async details(query: { from: string; to: string; minCohort?: number; scope: Scope }, executor?: SqlExecutor): Promise<AgencyDetail[]> {
    const run = async (tx: SqlExecutor): Promise<AgencyDetail[]> => {
      const league = await this.compute(query, tx);
      const period = league.periodId ? await this.assessments.findPeriod(league.periodId, tx) : undefined;
      // Sequential, as in compute(): one connection.
      const catalogue = await this.catalogue.list({ agencyIds: query.scope ?? undefined }, tx);
      const assessed = period ? await this.assessments.selfAssessments(period.id, query.scope, tx) : [];
      const notified = await this.responsiveness.notificationEvidence({ from: query.from, to: query.to, agencyIds: query.scope }, tx);
      const infrastructure = period ? await this.assessments.infrastructure(period.id, tx) : undefined;
      const complaints = await this.responsiveness.complaintsByService({ from: query.from, to: query.to }, tx);
      const notifiedBy = new Map(notified.map((n) => [n.agencyId, n]));
      const assessedBy = new Map(assessed.map((a) => [a.eServiceId, a]));
      return league.items.map((item) => {
        const evidence = evidenceFor(item.responsiveness, notifiedBy.get(item.agencyId));
        return {
          ...item,
          methodologyVersion: league.methodologyVersion,
          calendarVersion: league.calendarVersion,
          periodId: league.periodId,
          evidence,
          services: catalogue
            .filter((s) => s.agencyId === item.agencyId && (s.active || assessedBy.has(s.id)))
            .map((s) => serviceDetail(s, assessedBy.get(s.id), evidence, complaints.get(s.id) ?? 0)),
          infrastructure: infrastructure?.result ?? null,
        };
      });
    };
    if (executor) return run(executor);
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return run(tx);
    });
  }

  /** A period's results: the published snapshot, or the draft computed now with the same inputs. */
  async periodResults(actor: Actor, periodId: string, view: 'published' | 'draft'): Promise<PeriodResults> {
    const scope = await this.scopeOf(actor);
    const period = await this.period(periodId);
    if (view === 'draft') {
      const items = await this.details({ from: period.startsOn, to: period.endsOn, scope });
      return { period, status: 'draft', methodologyVersion: this.methodology.current.version, items };
    }
    return this.published(period, (items) => (scope === null ? items : items.filter((i) => scope.includes(i.agencyId))));
  }

  /**
   * The public, anonymised view of a published period (no auth): agencies only, no self-assessment
   * answers, and every figure over fewer cases than minCohort withheld, so that no rate can point
   * at the handful of people behind it.
   */
  async publicPeriod(periodId: string): Promise<PeriodResults> {
    return this.published(await this.period(periodId), (items, minCohort) => items.map((item) => anonymised(item, minCohort)));
  }

  /** The frozen snapshot of a published period, its items passed through `view`; 404 before publishing. */
  private async published(
    period: PeriodRow,
    view: (items: AgencyDetail[], minCohort: number) => ReadonlyArray<AgencyDetail | PublicItem>,
  ): Promise<PeriodResults> {
    const snapshot = await this.assessments.snapshot(period.id);
    if (!snapshot) throw new DomainError('NOT_FOUND', 'This period is not published yet.');
    return {
      period,
      status: 'published',
      methodologyVersion: snapshot.methodologyVersion,
      calendarVersion: snapshot.calendarVersion,
      publishedAt: toInstant(snapshot.publishedAt),
      items: view((snapshot.content as { items: AgencyDetail[] }).items, snapshot.minCohort),
    };
  }

  async publishedPeriods(): Promise<PeriodRow[]> {
    return (await this.assessments.listPeriods()).filter((p) => p.publishedAt !== null);
  }

  /** The period row, or 404. */
  async period(id: string, executor?: SqlExecutor): Promise<PeriodRow> {
    const period = await this.assessments.findPeriod(id, executor);
    if (!period) throw new DomainError('NOT_FOUND', 'The evaluation period was not found.');
    return period;
  }
}

export interface PeriodResults {
  readonly period: PeriodRow;
  readonly status: 'published' | 'draft';
  readonly methodologyVersion: string;
  readonly calendarVersion?: number;
  readonly publishedAt?: string;
  readonly items: ReadonlyArray<AgencyDetail | PublicItem>;
}

export interface PublicItem {
  readonly agencyId: string;
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly rank: number | null;
  readonly responsiveness: Partial<ResponsivenessView>;
  readonly digitisation: DigitisationView;
  readonly maturity: Pick<MaturityView, 'assessed' | 'levels'>;
  readonly infrastructure: object | null;
}

function anonymised(item: AgencyDetail, minCohort: number): PublicItem {
  const r = item.responsiveness;
  const enough = (n: number) => n >= minCohort && n > 0;
  return {
    agencyId: item.agencyId,
    agencyCode: item.agencyCode,
    agencyName: item.agencyName,
    rank: item.rank,
    responsiveness: {
      dueCohort: r.dueCohort,
      referralCohort: r.referralCohort,
      onTimeReviewRate: enough(r.dueCohort) ? r.onTimeReviewRate : null,
      onTimeReferralRate: enough(r.referralCohort) ? r.onTimeReferralRate : null,
      medianWorkingDaysToAnswer: enough(r.answered) ? r.medianWorkingDaysToAnswer : null,
      p90WorkingDaysToAnswer: enough(r.answered) ? r.p90WorkingDaysToAnswer : null,
      extensionRate: enough(r.dueCohort) ? r.extensionRate : null,
      openOverdue: r.openOverdue,
      satisfactionRate: enough(r.feedbackCount) ? r.satisfactionRate : null,
      index: r.insufficientData ? null : r.index,
      colour: r.insufficientData ? null : r.colour,
      insufficientData: r.insufficientData,
    },
    digitisation: item.digitisation,
    maturity: { assessed: item.maturity.assessed, levels: item.maturity.levels },
    infrastructure: item.infrastructure,
  };
}

export function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw DomainError.field('VALIDATION_FAILED', 'to', 'to must not be before from.');
  if (days > MAX_PERIOD_DAYS) throw DomainError.field('VALIDATION_FAILED', 'to', 'A period may span at most five years.');
}

function responsivenessView(row: ResponsivenessRow, options: ReturnType<typeof responsivenessOptions>): ResponsivenessView {
  const dueCohort = row.dueClosed + row.openLate;
  const computed = computeResponsiveness(
    {
      dueCohort,
      onTime: row.onTime,
      referralCohort: row.referralCohort,
      referredOnTime: row.referredOnTime,
      extended: row.extended,
      openOverdue: row.openOverdue,
      feedbackCount: row.feedbackCount,
      satisfiedCount: row.satisfiedCount,
      medianWorkingDaysToAnswer: row.medianWorkingDaysToAnswer,
      p90WorkingDaysToAnswer: row.p90WorkingDaysToAnswer,
    },
    options,
  );
  return {
    ...computed,
    pending: row.pending,
    answered: row.answered,
    feedbackCount: row.feedbackCount,
    onTimeReviewRateInterval: dueCohort === 0 ? null : wilsonInterval(row.onTime, dueCohort),
    onTimeReferralRateInterval: row.referralCohort === 0 ? null : wilsonInterval(row.referredOnTime, row.referralCohort),
  };
}

function digitisationView(row: AgencyServicesRow | undefined, thresholds: Parameters<typeof digitisationShare>[2]): DigitisationView {
  if (!row) return { servicesTotal: null, servicesElectronic: null, share: null, percent: null, colour: null };
  const electronic = row.servicesElectronic ?? row.catalogueCount;
  try {
    const d = digitisationShare(row.servicesTotal, electronic, thresholds);
    return {
      servicesTotal: d.servicesTotal,
      servicesElectronic: d.servicesElectronic,
      share: d.share,
      percent: d.percent,
      colour: d.colour,
    };
  } catch (error) {
    // M from the catalogue can outgrow an N entered earlier: show the counts, no share, until N is fixed.
    if (error instanceof EvaluationInputError) {
      return { servicesTotal: row.servicesTotal, servicesElectronic: electronic, share: null, percent: null, colour: null };
    }
    throw error;
  }
}

function maturityView(assessed: readonly SelfAssessmentRow[]): MaturityView {
  const levels: Record<string, number> = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const a of assessed) levels[String(a.level)] += 1;
  return {
    assessed: assessed.length,
    levels,
    corruptionScores: assessed.map((a) => ({ registryNumber: a.registryNumber, score: a.corruptionScore, band: a.corruptionBand })),
  };
}

/** Sect. 5 fairness: only agencies with sufficient data are ranked, by index, ties sharing a place. */
function ranked<T extends { rank: number | null; agencyName: string; responsiveness: Responsiveness }>(items: T[]): T[] {
  const rankable = items
    .filter((i) => !i.responsiveness.insufficientData && i.responsiveness.index !== null)
    .sort((a, b) => (b.responsiveness.index as number) - (a.responsiveness.index as number) || a.agencyName.localeCompare(b.agencyName));
  rankable.forEach((item, i) => {
    const previous = rankable[i - 1];
    item.rank = previous && previous.responsiveness.index === item.responsiveness.index ? previous.rank : i + 1;
  });
  const rest = items.filter((i) => !rankable.includes(i)).sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'az'));
  return [...rankable, ...rest];
}

/**
 * Sect. 5 "Evidence for indicators": 4 (feedback possible) is "yes" when the agency answered
 * appeals in this system in the period (each answer offers the applicant a feedback); 11 (status
 * notifications) is "yes" only when every applicant answered in the period was actually told
 * through the chosen channel. No answers in the period: the data says nothing (null).
 */
function evidenceFor(
  responsiveness: ResponsivenessView,
  notified: { answered: number; notified: number } | undefined,
): Record<'4' | '11', IndicatorEvidence> {
  const answered = notified?.answered ?? 0;
  return {
    '4': {
      fromData: responsiveness.answered > 0 ? true : null,
      basis: `${responsiveness.answered} answers in the period, each inviting feedback; ${responsiveness.feedbackCount} feedbacks received`,
    },
    '11': {
      fromData: answered === 0 ? null : notified!.notified === answered,
      basis: `${notified?.notified ?? 0} of ${answered} applicants answered in the period were notified through their channel`,
    },
  };
}

function serviceDetail(
  service: EServiceRow,
  assessment: SelfAssessmentRow | undefined,
  evidence: Record<'4' | '11', IndicatorEvidence>,
  complaints: number,
): ServiceDetail {
  const compare = (n: '4' | '11') => {
    const selfAssessed = assessment ? (assessment.answers[n] ?? null) : null;
    const fromData = evidence[n].fromData;
    return { selfAssessed, fromData, disagrees: selfAssessed !== null && fromData !== null && selfAssessed !== fromData };
  };
  return {
    eServiceId: service.id,
    registryNumber: service.registryNumber,
    name: service.name,
    assessment: assessment
      ? {
          answers: assessment.answers,
          level: assessment.level,
          levelsReached: assessment.levelsReached,
          corruptionScore: assessment.corruptionScore,
          corruptionBand: assessment.corruptionBand,
          methodologyVersion: assessment.methodologyVersion,
          source: assessment.source,
        }
      : null,
    evidence: { '4': compare('4'), '11': compare('11') },
    complaints,
  };
}
