import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { EServiceEntity } from './entities/e-service.entity';

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

const ROW = { id: true, registryNumber: true, name: true, nameEn: true, agencyId: true, active: true } as const;

/**
 * The e-service catalogue (methodology sect. 1), ordered by registry number as the Cabinet list is.
 * A plain CRUD table: an entity (docs/adr/0002-entities-for-crud-tables.md); the set-wise seed stays SQL.
 */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  /** Natural order of registry numbers: 2.6 before 2.14 before 7.1 (an expression, so SQL). */
  private static readonly ORDER = `string_to_array(s.registry_number, '.')::int[]`;

  async list(
    filter: { agencyIds?: readonly string[]; activeOnly?: boolean } = {},
    executor: SqlExecutor = this.db,
  ): Promise<EServiceRow[]> {
    const query = executor.manager
      .getRepository(EServiceEntity)
      .createQueryBuilder('s')
      .select(Object.keys(ROW).map((key) => `s.${key}`))
      .orderBy(CatalogueRepository.ORDER);
    if (filter.agencyIds) query.andWhere('s.agency_id = ANY(:agencyIds)', { agencyIds: filter.agencyIds });
    if (filter.activeOnly) query.andWhere('s.active');
    return query.getMany();
  }

  async findById(id: string, executor: SqlExecutor = this.db): Promise<EServiceRow | undefined> {
    return (await executor.manager.getRepository(EServiceEntity).findOne({ select: ROW, where: { id } })) ?? undefined;
  }

  /** Returns undefined when the registry number is taken (ON CONFLICT DO NOTHING: the transaction goes on). */
  async insert(tx: SqlExecutor, service: Omit<EServiceRow, 'id' | 'active'>): Promise<EServiceRow | undefined> {
    const result = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(EServiceEntity)
      .values({ registryNumber: service.registryNumber, name: service.name, nameEn: service.nameEn, agencyId: service.agencyId })
      .orIgnore()
      .execute();
    const [row] = result.raw as Array<{ id: string; active: boolean }>;
    return row
      ? {
          id: row.id,
          registryNumber: service.registryNumber,
          name: service.name,
          nameEn: service.nameEn,
          agencyId: service.agencyId,
          active: row.active,
        }
      : undefined;
  }

  async update(
    tx: SqlExecutor,
    id: string,
    changes: Partial<Omit<EServiceRow, 'id' | 'registryNumber'>>,
  ): Promise<EServiceRow | undefined> {
    const { name, nameEn, agencyId, active } = changes;
    // Fields left undefined keep their value; nameEn may be set to null.
    const result = await tx.manager
      .getRepository(EServiceEntity)
      .update({ id }, { name, nameEn, agencyId, active, updatedAt: () => 'now()' });
    return result.affected ? this.findById(id, tx) : undefined;
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
