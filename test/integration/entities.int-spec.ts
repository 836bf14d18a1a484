import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from '../../src/agencies/entities/agency.entity';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { Db } from '../../src/platform/database/db';
import { readTestEnv } from '../setup/test-env';
import { startTestApp, TestApp } from '../support/test-app';

/** The tables that have entities (docs/adr/0002-entities-for-crud-tables.md); the rest stay raw SQL. */
const ENTITY_TABLES = [
  'agencies',
  'answer_templates',
  'calendar_feeds',
  'calendar_years',
  'e_services',
  'evaluation_periods',
  'user_identities',
  'user_sessions',
  'user_tokens',
  'users',
  'webhook_subscriptions',
];

/** An entity that disagrees with the migration (title nullable): the check must see it. */
@Entity({ name: 'answer_templates' })
class DriftedAnswerTemplate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'answer_templates_pkey' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  title!: string | null;
}

/**
 * Entities describe the tables the hand-written migrations made; they never create or alter one
 * (`synchronize` stays false). TypeORM's schema builder, asked what it would change to make the
 * migrated database fit the entities, must answer "nothing": a column, index, check or foreign key
 * that differs shows here, not as a surprise in a query.
 */
describe('entities match the migrated schema (ADR 0002)', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => t.close());

  it('registers an entity for each plain CRUD table, and never synchronizes', () => {
    const tables = dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort();
    expect(tables).toEqual(ENTITY_TABLES);
    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrationsRun).toBe(false);
  });

  it('needs no schema change: the builder has no up queries for the entities', async () => {
    const log = await dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reports an entity that disagrees with its migration', async () => {
    const drifted = new DataSource({ ...dataSourceOptions(readTestEnv().databaseUrl, 1), entities: [DriftedAnswerTemplate] });
    await drifted.initialize();
    try {
      const log = await drifted.driver.createSchemaBuilder().log();
      const queries = log.upQueries.map((query) => query.query);
      expect(queries).toContain('ALTER TABLE "answer_templates" ALTER COLUMN "title" DROP NOT NULL');
    } finally {
      await drifted.destroy();
    }
  });

  describe('the transaction manager (Tx.manager)', () => {
    const agency = () => ({ code: `ORM-${randomUUID().slice(0, 8)}`, name: 'Entity test agency', nameEn: null, parentId: null });

    it('writes on the transaction: a raw statement beside it sees the row, and a rollback drops it', async () => {
      const db = t.app.get(Db);
      const row = agency();
      await expect(
        db.transaction(async (tx) => {
          await tx.manager.getRepository(AgencyEntity).insert(row);
          const [seen] = await tx.query<{ code: string }>(`SELECT code FROM agencies WHERE code = $1`, [row.code]);
          expect(seen?.code).toBe(row.code);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await db.manager.getRepository(AgencyEntity).findOneBy({ code: row.code })).toBeNull();
    });

    it('commits with the raw statements of the same transaction', async () => {
      const db = t.app.get(Db);
      const row = agency();
      const id = await db.transaction(async (tx) => {
        const { identifiers } = await tx.manager.getRepository(AgencyEntity).insert(row);
        await tx.query(`UPDATE agencies SET name_en = 'Committed' WHERE code = $1`, [row.code]);
        return identifiers[0].id as string;
      });
      const stored = await db.manager.getRepository(AgencyEntity).findOneByOrFail({ id });
      expect(stored).toMatchObject({ code: row.code, nameEn: 'Committed', parentId: null });
    });
  });
});
