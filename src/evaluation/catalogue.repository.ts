import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';

export interface EServiceRow {
  id: string;
  registryNumber: string;
  name: string;
  nameEn: string | null;
  agencyId: string;
  active: boolean;
}

export interface EServiceSeed {
  readonly registryNumber: string;
  readonly agency: string;
  readonly name: string;
  readonly nameEn?: string;
}

const COLUMNS = `id, registry_number AS "registryNumber", name, name_en AS "nameEn", agency_id AS "agencyId", active`;

/** The e-service catalogue (methodology sect. 1), ordered by registry number as the Cabinet list is. */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  /** Natural order of registry numbers: 2.6 before 2.14 before 7.1. */
  private static readonly ORDER = `string_to_array(registry_number, '.')::int[]`;

  async list(
    filter: { agencyIds?: readonly string[]; activeOnly?: boolean } = {},
    executor: SqlExecutor = this.db,
  ): Promise<EServiceRow[]> {
    return executor.query<EServiceRow>(
      `SELECT ${COLUMNS} FROM e_services
       WHERE ($1::uuid[] IS NULL OR agency_id = ANY($1::uuid[])) AND (NOT $2 OR active)
       ORDER BY ${CatalogueRepository.ORDER}`,
      [filter.agencyIds ?? null, filter.activeOnly ?? false],
    );
  }

  async findById(id: string, executor: SqlExecutor = this.db): Promise<EServiceRow | undefined> {
    const [row] = await executor.query<EServiceRow>(`SELECT ${COLUMNS} FROM e_services WHERE id = $1`, [id]);
    return row;
  }

  /** Returns undefined when the registry number is taken. */
  async insert(tx: SqlExecutor, service: Omit<EServiceRow, 'id' | 'active'>): Promise<EServiceRow | undefined> {
    const [row] = await tx.query<EServiceRow>(
      `INSERT INTO e_services (registry_number, name, name_en, agency_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (registry_number) DO NOTHING RETURNING ${COLUMNS}`,
      [service.registryNumber, service.name, service.nameEn, service.agencyId],
    );
    return row;
  }

  async update(
    tx: SqlExecutor,
    id: string,
    changes: Partial<Omit<EServiceRow, 'id' | 'registryNumber'>>,
  ): Promise<EServiceRow | undefined> {
    const [row] = await tx.query<EServiceRow>(
      `UPDATE e_services SET name = coalesce($2, name), name_en = CASE WHEN $3 THEN $4 ELSE name_en END,
         agency_id = coalesce($5, agency_id), active = coalesce($6, active), updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name ?? null, changes.nameEn !== undefined, changes.nameEn ?? null, changes.agencyId ?? null, changes.active ?? null],
    );
    return row;
  }

  /** Seed rows whose registry number is missing; an admin's edits are never overwritten. */
  async insertMissing(seeds: readonly EServiceSeed[]): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO e_services (registry_number, name, name_en, agency_id)
       SELECT s."registryNumber", s.name, s."nameEn", a.id
       FROM jsonb_to_recordset($1::jsonb) AS s("registryNumber" text, agency text, name text, "nameEn" text)
       JOIN agencies a ON a.code = s.agency
       ON CONFLICT (registry_number) DO NOTHING RETURNING 1`,
      [JSON.stringify(seeds)],
    );
    return rows.length;
  }
}
