import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { COUNTS } from './queries/appeal-statistics.queries';

/** One month, agency, type and channel: appeals received then and the outcome each has now. */
export interface AppealCountRow {
  /** YYYY-MM of the receipt date (Asia/Baku). */
  readonly month: string;
  readonly agencyId: string;
  readonly type: string;
  readonly channel: string;
  readonly received: number;
  readonly answered: number;
  readonly referred: number;
  readonly leftWithoutConsideration: number;
  readonly open: number;
}

/** The rule 18 counts by SQL aggregation (reporting reads the case tables, never writes them). */
@Injectable()
export class AppealStatisticsRepository {
  constructor(private readonly db: Db) {}

  async counts(
    query: { from: string; to: string; agencyIds: readonly string[] | null },
    executor: SqlExecutor = this.db,
  ): Promise<AppealCountRow[]> {
    return executor.query<AppealCountRow>(COUNTS.text, COUNTS.values(query));
  }
}
