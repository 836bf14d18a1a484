import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { AgencyNode } from './domain/agency-tree';
import { AgencyEntity } from './entities/agency.entity';

export interface AgencySeed {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly parent: string | null;
}

const NODE = { id: true, code: true, name: true, nameEn: true, parentId: true } as const;

/** Agencies (a plain CRUD table: an entity, docs/adr/0002-entities-for-crud-tables.md); the seed upsert stays SQL. */
@Injectable()
export class AgenciesRepository {
  constructor(private readonly db: Db) {}

  async listAll(): Promise<AgencyNode[]> {
    return this.db.manager.getRepository(AgencyEntity).find({ select: NODE, order: { code: 'ASC' } });
  }

  /** Null when the code is taken (ON CONFLICT DO NOTHING: a refused insert must not abort the transaction). */
  async insert(
    executor: SqlExecutor,
    agency: { code: string; name: string; nameEn: string | null; parentId: string | null },
  ): Promise<AgencyNode | null> {
    // A fresh object: TypeORM writes the generated columns back into what values() is given.
    const result = await executor.manager
      .createQueryBuilder()
      .insert()
      .into(AgencyEntity)
      .values({ code: agency.code, name: agency.name, nameEn: agency.nameEn, parentId: agency.parentId })
      .orIgnore()
      .execute();
    const [row] = result.raw as Array<{ id: string }>;
    return row ? { id: row.id, code: agency.code, name: agency.name, nameEn: agency.nameEn, parentId: agency.parentId } : null;
  }

  /**
   * Reference data: insert or update by code, parents first (the seed lists them first). SQL: an
   * upsert that writes only rows that differ, with the parent found by its code.
   */
  async upsertSeed(seeds: readonly AgencySeed[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const seed of seeds) {
        await tx.query(
          `INSERT INTO agencies (code, name, name_en, parent_id)
           VALUES ($1, $2, $3, (SELECT id FROM agencies WHERE code = $4))
           ON CONFLICT (code) DO UPDATE
             SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, parent_id = EXCLUDED.parent_id
           WHERE (agencies.name, agencies.name_en, agencies.parent_id)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.parent_id)`,
          [seed.code, seed.name, seed.nameEn, seed.parent],
        );
      }
    });
  }
}
