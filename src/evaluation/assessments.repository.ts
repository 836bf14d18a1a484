import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor, Tx } from '../platform/database/db';
import { EvaluationPeriodEntity } from './entities/evaluation-period.entity';

export interface PeriodRow {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  publishedAt: Date | null;
}

export interface AgencyServicesRow {
  agencyId: string;
  servicesTotal: number;
  /** null = count the agency's active e-services in the catalogue. */
  servicesElectronic: number | null;
  catalogueCount: number;
}

export interface SelfAssessmentRow {
  eServiceId: string;
  agencyId: string;
  registryNumber: string;
  answers: Record<string, boolean>;
  level: number;
  levelsReached: number[];
  corruptionScore: number;
  corruptionBand: string;
  methodologyVersion: string;
  source: 'api' | 'xlsx';
  updatedAt: Date;
}

export interface StoredAssessment {
  eServiceId: string;
  answers: Record<string, boolean>;
  level: number;
  levelsReached: readonly number[];
  corruptionScore: number;
  corruptionBand: string;
  methodologyVersion: string;
}

export interface SnapshotRow {
  methodologyVersion: string;
  calendarVersion: number;
  minCohort: number;
  computedAt: Date;
  publishedAt: Date;
  content: unknown;
}

const PERIOD_COLUMNS = `p.id, p.name, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn",
  (SELECT s.published_at FROM evaluation_snapshots s WHERE s.period_id = p.id) AS "publishedAt"`;

/**
 * Evaluation periods and what is entered per period: N/M, self-assessments, the expert survey,
 * snapshots. Periods have an entity for their writes (docs/adr/0002-entities-for-crud-tables.md);
 * the reads join the snapshots and the per-period tables stay SQL beside the aggregates.
 */
@Injectable()
export class AssessmentsRepository {
  constructor(private readonly db: Db) {}

  async insertPeriod(
    tx: SqlExecutor,
    period: { name: string; startsOn: string; endsOn: string; createdBy: string },
  ): Promise<PeriodRow | undefined> {
    // ON CONFLICT DO NOTHING: a period of the same dates refuses it without aborting the transaction.
    const result = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(EvaluationPeriodEntity)
      .values({ name: period.name, startsOn: period.startsOn, endsOn: period.endsOn, createdBy: period.createdBy })
      .orIgnore()
      .execute();
    const [row] = result.raw as Array<{ id: string }>;
    // A new period has no snapshot yet.
    return row ? { id: row.id, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn, publishedAt: null } : undefined;
  }

  async listPeriods(): Promise<PeriodRow[]> {
    return this.db.query<PeriodRow>(`SELECT ${PERIOD_COLUMNS} FROM evaluation_periods p ORDER BY p.starts_on DESC, p.ends_on DESC`);
  }

  async findPeriod(id: string, executor: SqlExecutor = this.db): Promise<PeriodRow | undefined> {
    const [row] = await executor.query<PeriodRow>(`SELECT ${PERIOD_COLUMNS} FROM evaluation_periods p WHERE p.id = $1`, [id]);
    return row;
  }

  /** The period the self-assessments of [from, to] come from: the exact one, else the latest overlapping one. */
  async periodFor(from: string, to: string, executor: SqlExecutor = this.db): Promise<PeriodRow | undefined> {
    const [row] = await executor.query<PeriodRow>(
      `SELECT ${PERIOD_COLUMNS} FROM evaluation_periods p
       WHERE p.starts_on <= $2::date AND p.ends_on >= $1::date
       ORDER BY (p.starts_on = $1::date AND p.ends_on = $2::date) DESC, p.ends_on DESC, p.starts_on DESC LIMIT 1`,
      [from, to],
    );
    return row;
  }

  async upsertAgencyServices(
    tx: SqlExecutor,
    row: { periodId: string; agencyId: string; servicesTotal: number; servicesElectronic: number | null; updatedBy: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO evaluation_agency_services (period_id, agency_id, services_total, services_electronic, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (period_id, agency_id) DO UPDATE SET services_total = EXCLUDED.services_total,
         services_electronic = EXCLUDED.services_electronic, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [row.periodId, row.agencyId, row.servicesTotal, row.servicesElectronic, row.updatedBy],
    );
  }

  /** N and M of every agency of the period that has them, with the catalogue's count of its active e-services. */
  async agencyServices(periodId: string, executor: SqlExecutor = this.db): Promise<AgencyServicesRow[]> {
    return executor.query<AgencyServicesRow>(
      `SELECT x.agency_id AS "agencyId", x.services_total AS "servicesTotal", x.services_electronic AS "servicesElectronic",
              (SELECT count(*)::int FROM e_services e WHERE e.agency_id = x.agency_id AND e.active) AS "catalogueCount"
       FROM evaluation_agency_services x WHERE x.period_id = $1`,
      [periodId],
    );
  }

  /** Several assessments in one transaction: an import writes all of its rows or none. */
  async upsertSelfAssessments(
    tx: SqlExecutor,
    periodId: string,
    rows: readonly StoredAssessment[],
    source: 'api' | 'xlsx',
    updatedBy: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO evaluation_self_assessments (period_id, e_service_id, answers, level, levels_reached, corruption_score,
         corruption_band, methodology_version, source, updated_by)
       SELECT $1, r."eServiceId", r.answers, r.level, ARRAY(SELECT jsonb_array_elements_text(r."levelsReached")::smallint),
              r."corruptionScore", r."corruptionBand", r."methodologyVersion", $3, $4
       FROM jsonb_to_recordset($2::jsonb) AS r("eServiceId" uuid, answers jsonb, level smallint, "levelsReached" jsonb,
         "corruptionScore" smallint, "corruptionBand" text, "methodologyVersion" text)
       ON CONFLICT (period_id, e_service_id) DO UPDATE SET answers = EXCLUDED.answers, level = EXCLUDED.level,
         levels_reached = EXCLUDED.levels_reached, corruption_score = EXCLUDED.corruption_score,
         corruption_band = EXCLUDED.corruption_band, methodology_version = EXCLUDED.methodology_version,
         source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [periodId, JSON.stringify(rows), source, updatedBy],
    );
  }

  async selfAssessments(
    periodId: string,
    agencyIds: readonly string[] | null,
    executor: SqlExecutor = this.db,
  ): Promise<SelfAssessmentRow[]> {
    return executor.query<SelfAssessmentRow>(
      `SELECT a.e_service_id AS "eServiceId", e.agency_id AS "agencyId", e.registry_number AS "registryNumber", a.answers,
              a.level, a.levels_reached::int[] AS "levelsReached", a.corruption_score AS "corruptionScore",
              a.corruption_band AS "corruptionBand", a.methodology_version AS "methodologyVersion", a.source, a.updated_at AS "updatedAt"
       FROM evaluation_self_assessments a JOIN e_services e ON e.id = a.e_service_id
       WHERE a.period_id = $1 AND ($2::uuid[] IS NULL OR e.agency_id = ANY($2::uuid[]))
       ORDER BY string_to_array(e.registry_number, '.')::int[]`,
      [periodId, agencyIds],
    );
  }

  async upsertInfrastructure(
    tx: SqlExecutor,
    row: { periodId: string; answers: object; result: object; methodologyVersion: string; updatedBy: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO evaluation_infrastructure_surveys (period_id, answers, result, methodology_version, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (period_id) DO UPDATE SET answers = EXCLUDED.answers, result = EXCLUDED.result,
         methodology_version = EXCLUDED.methodology_version, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [row.periodId, JSON.stringify(row.answers), JSON.stringify(row.result), row.methodologyVersion, row.updatedBy],
    );
  }

  async infrastructure(
    periodId: string,
    executor: SqlExecutor = this.db,
  ): Promise<{ answers: object; result: object; methodologyVersion: string } | undefined> {
    const [row] = await executor.query<{ answers: object; result: object; methodologyVersion: string }>(
      `SELECT answers, result, methodology_version AS "methodologyVersion" FROM evaluation_infrastructure_surveys WHERE period_id = $1`,
      [periodId],
    );
    return row;
  }

  /** Returns false when the period was already published (a snapshot is written once). */
  async insertSnapshot(
    tx: SqlExecutor,
    row: {
      periodId: string;
      methodologyVersion: string;
      calendarVersion: number;
      minCohort: number;
      computedAt: Date;
      publishedBy: string;
      content: unknown;
    },
  ): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO evaluation_snapshots (period_id, methodology_version, calendar_version, min_cohort, computed_at, published_by, published_at, content)
       VALUES ($1, $2, $3, $4, $5, $6, $5, $7) ON CONFLICT (period_id) DO NOTHING RETURNING 1`,
      [
        row.periodId,
        row.methodologyVersion,
        row.calendarVersion,
        row.minCohort,
        row.computedAt,
        row.publishedBy,
        JSON.stringify(row.content),
      ],
    );
    return inserted.length === 1;
  }

  async snapshot(periodId: string): Promise<SnapshotRow | undefined> {
    const [row] = await this.db.query<SnapshotRow>(
      `SELECT methodology_version AS "methodologyVersion", calendar_version AS "calendarVersion", min_cohort AS "minCohort",
              computed_at AS "computedAt", published_at AS "publishedAt", content
       FROM evaluation_snapshots WHERE period_id = $1`,
      [periodId],
    );
    return row;
  }

  /** Lock a period row: publishing and the snapshot's reads see one state. */
  async lockPeriod(tx: Tx, id: string): Promise<void> {
    await tx.manager
      .getRepository(EvaluationPeriodEntity)
      .findOne({ select: { id: true }, where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
