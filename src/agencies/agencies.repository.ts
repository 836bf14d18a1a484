import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { AgencyNode } from './domain/agency-tree';

export interface AgencySeed {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly parent: string | null;
}

@Injectable()
export class AgenciesRepository {
  constructor(private readonly db: Db) {}

  async listAll(): Promise<AgencyNode[]> {
    return this.db.query<AgencyNode>(`SELECT id, code, name, name_en AS "nameEn", parent_id AS "parentId" FROM agencies ORDER BY code`);
  }

  async insert(
    executor: SqlExecutor,
    agency: { code: string; name: string; nameEn: string | null; parentId: string | null },
  ): Promise<AgencyNode | null> {
    const [row] = await executor.query<AgencyNode>(
      `INSERT INTO agencies (code, name, name_en, parent_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING
       RETURNING id, code, name, name_en AS "nameEn", parent_id AS "parentId"`,
      [agency.code, agency.name, agency.nameEn, agency.parentId],
    );
    return row ?? null;
  }

  /** Reference data: insert or update by code, parents first (the seed lists them first). */
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
