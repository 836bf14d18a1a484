import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { APPEAL_TYPES, CHANNELS } from '../appeals/domain/appeal-types';
import { Actor } from '../auth/actor';
import { Clock } from '../platform/clock/clock';
import { toInstant } from '../platform/clock/instant';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AppealStatisticsRepository } from './appeal-statistics.repository';
import {
  assembleStatistics,
  Breakdown,
  monthBounds,
  monthRange,
  MonthAgencyStatistics,
  OnTimeRow,
  OUTCOMES,
} from './domain/appeal-statistics';
import { ResponsivenessRepository } from './responsiveness.repository';
import { csvTable, xlsxTable } from './spreadsheet';

export interface StatisticsQuery {
  /** YYYY-MM, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly agencyId?: string;
}

export interface StatisticsItem extends MonthAgencyStatistics {
  readonly agencyCode: string;
  readonly agencyName: string;
}

/** appeals-rules.md 18: the statistics an agency keeps, for the months and agencies asked. */
export interface AppealStatistics {
  readonly from: string;
  readonly to: string;
  readonly months: string[];
  /** The agencies the figures cover (the viewer's scope, or the one asked for). */
  readonly agencies: Array<{ id: string; code: string; name: string; nameEn: string | null }>;
  readonly computedAt: string;
  readonly items: StatisticsItem[];
  readonly totals: Breakdown;
}

export interface StatisticsFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer | string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns of the CSV and the XLSX, one row per month and agency. */
export const STATISTICS_COLUMNS = [
  'month',
  'agencyCode',
  'agencyName',
  'received',
  ...APPEAL_TYPES.map((t) => `type_${t}`),
  ...CHANNELS.map((c) => `channel_${c}`),
  ...OUTCOMES.map((o) => `outcome_${o}`),
  'reviewCohort',
  'reviewedOnTime',
  'onTimeReviewRate',
  'referralCohort',
  'referredOnTime',
  'onTimeReferralRate',
] as const;

/**
 * Who sees which agencies' statistics: admins every agency, supervisors the agencies under them
 * (appeals-rules.md 17), registrars and officials their own agency. Citizens none.
 */
@Injectable()
export class AppealStatisticsService {
  constructor(
    private readonly counts: AppealStatisticsRepository,
    private readonly responsiveness: ResponsivenessRepository,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The agencies the actor may report on; null = every agency. */
  async scopeOf(actor: Actor): Promise<readonly string[] | null> {
    if (actor.role === 'admin') return null;
    if (actor.role === 'supervisor' && actor.agencyId) return this.agencies.subtree(actor.agencyId);
    if ((actor.role === 'registrar' || actor.role === 'official') && actor.agencyId) return [actor.agencyId];
    throw new DomainError('FORBIDDEN', 'Appeal statistics are for agency staff, supervisors and admins.');
  }

  /** The agencies a filter form may offer: the actor's scope, by name. */
  async agenciesOf(actor: Actor): Promise<AppealStatistics['agencies']> {
    const scope = await this.scopeOf(actor);
    const all = await this.agencies.list();
    return all
      .filter((a) => scope === null || scope.includes(a.id))
      .map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn }))
      .sort((a, b) => a.name.localeCompare(b.name, 'az'));
  }

  async compute(actor: Actor, query: StatisticsQuery): Promise<AppealStatistics> {
    const range = monthRange(query.from, query.to);
    if ('error' in range) throw DomainError.field('VALIDATION_FAILED', range.field, range.error);
    const inScope = await this.agenciesOf(actor);
    let agencies = inScope;
    if (query.agencyId) {
      // Outside the actor's scope is answered as unknown: nobody learns which agencies exist above them.
      agencies = inScope.filter((a) => a.id === query.agencyId);
      if (agencies.length === 0) throw new DomainError('AGENCY_NOT_FOUND', 'The agency was not found.');
    }
    const agencyIds = agencies.map((a) => a.id);
    const { months } = range;
    const now = this.clock.now();
    const { counts, onTime } = await this.db.transaction(async (tx) => {
      // One snapshot: counts and on-time figures describe the same moment.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const counts = await this.counts.counts(
        { from: monthBounds(months[0]).first, to: monthBounds(months[months.length - 1]).last, agencyIds },
        tx,
      );
      const onTime: OnTimeRow[] = [];
      for (const month of months) {
        // Sect. 5's cohorts month by month, through the league table's own query (one home per rule):
        // the due cohort by the month of the deadline, referrals by the month they were sent.
        const { first, last } = monthBounds(month);
        const rows = await this.responsiveness.aggregate({ from: first, to: last, now, agencyIds }, tx);
        for (const r of rows) {
          onTime.push({
            month,
            agencyId: r.agencyId,
            reviewCohort: Number(r.dueClosed) + Number(r.openLate),
            reviewedOnTime: Number(r.onTime),
            referralCohort: Number(r.referralCohort),
            referredOnTime: Number(r.referredOnTime),
          });
        }
      }
      return { counts, onTime };
    });
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const { items, totals } = assembleStatistics(
      months,
      agencies.map((a) => a.id),
      counts,
      onTime,
    );
    return {
      from: query.from,
      to: query.to,
      months,
      agencies,
      computedAt: toInstant(now),
      items: items.map((item) => ({
        ...item,
        agencyCode: byId.get(item.agencyId)?.code ?? '',
        agencyName: byId.get(item.agencyId)?.name ?? '',
      })),
      totals,
    };
  }

  /** CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads Azerbaijani letters) or XLSX. */
  async file(actor: Actor, query: StatisticsQuery & { format: 'csv' | 'xlsx' }): Promise<StatisticsFile> {
    const stats = await this.compute(actor, query);
    const rows = stats.items.map(toRecord);
    const fileName = `appeal-statistics-${stats.from}-${stats.to}.${query.format}`;
    if (query.format === 'csv') {
      return { fileName, contentType: 'text/csv; charset=utf-8', content: `\uFEFF${csvTable(STATISTICS_COLUMNS, rows)}` };
    }
    return { fileName, contentType: XLSX_TYPE, content: await xlsxTable('Statistika', STATISTICS_COLUMNS, rows) };
  }
}

function toRecord(item: StatisticsItem): Array<string | number | null> {
  return [
    item.month,
    item.agencyCode,
    item.agencyName,
    item.received,
    ...APPEAL_TYPES.map((t) => item.byType[t]),
    ...CHANNELS.map((c) => item.byChannel[c]),
    ...OUTCOMES.map((o) => item.byOutcome[o]),
    item.reviewCohort,
    item.reviewedOnTime,
    item.onTimeReviewRate,
    item.referralCohort,
    item.referredOnTime,
    item.onTimeReferralRate,
  ];
}
