import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { createDatabaseIfMissing, prepareDatabase } from '../../src/platform/database/prepare-database';
import { readTestEnv } from '../setup/test-env';
import { schemaSnapshot } from '../support/schema-snapshot';

/**
 * The upgrade path (issue 14): a database left at any earlier landed state — every landing ended
 * on one of these migrations — reaches, by `npm start`'s own migration step, exactly the schema of
 * a fresh install. Prefixes of the one migration list stand for those states, because landed
 * migrations never change (migrations.spec checks their checksums).
 */
describe('migrations from every earlier state to head', () => {
  const env = readTestEnv();
  const created: string[] = [];
  const urlOf = (suffix: string) => {
    const url = new URL(env.databaseUrl);
    url.pathname = `${url.pathname}_${suffix}`;
    created.push(url.toString());
    return url.toString();
  };

  afterAll(async () => {
    const admin = new Client({ connectionString: env.adminDatabaseUrl });
    await admin.connect();
    try {
      for (const url of created) await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }, 120_000);

  let head: Record<string, string[]>;
  beforeAll(async () => {
    const fresh = urlOf('fresh');
    await prepareDatabase(fresh);
    head = await schemaSnapshot(fresh);
  }, 120_000);

  it('a fresh install has the tables the app reads', () => {
    expect(head.columns.some((column) => column.startsWith('appeal_state.version integer NOT NULL'))).toBe(true);
    expect(head.functions.length).toBeGreaterThan(5);
  });

  it.each(MIGRATIONS.slice(0, -1).map((migration, index) => [migration.name, index + 1] as const))(
    'from the state after %s',
    async (_name, applied) => {
      const url = urlOf(`up${applied}`);
      await createDatabaseIfMissing(url);
      const earlier = new DataSource({ ...dataSourceOptions(url, 1), migrations: MIGRATIONS.slice(0, applied) });
      await earlier.initialize();
      try {
        expect((await earlier.runMigrations({ transaction: 'each' })).length).toBe(applied);
      } finally {
        await earlier.destroy();
      }
      // The snapshot tells the states apart: what the upgrade brings is missing before it.
      expect(await schemaSnapshot(url)).not.toEqual(head);
      const upgraded = await prepareDatabase(url);
      expect(upgraded).toEqual(MIGRATIONS.slice(applied).map((migration) => new migration().name));
      expect(await schemaSnapshot(url)).toEqual(head);
    },
    120_000,
  );
});
