import { Client } from 'pg';
import { prepareDatabase } from '../../src/platform/database/prepare-database';

/**
 * The bench's own database: dropped and recreated (then migrated exactly as `npm start` does) at
 * the start of each run so that runs start from the same, empty state.
 */
export async function recreateDatabase(databaseUrl: string): Promise<string[]> {
  await dropDatabase(databaseUrl);
  return prepareDatabase(databaseUrl);
}

/** Drops the bench's own database (see databaseName), from the server's `postgres` database. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  // WITH (FORCE) ends sessions a crashed earlier run may have left behind (PostgreSQL 13+).
  await withClient(admin.toString(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  // Only ever drop a database that is plainly the bench's own.
  if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name)) throw new Error(`refusing to drop "${name}": not a bench database`);
  return name;
}

export interface WriteCounts {
  appeals: number;
  events: number;
  outbox: number;
}

/** Small SQL helpers on one short-lived connection. */
export async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function countWrites(databaseUrl: string): Promise<WriteCounts> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ appeals: string; events: string; outbox: string }>(
      `SELECT (SELECT count(*) FROM appeals) AS appeals, (SELECT count(*) FROM appeal_events) AS events,
              (SELECT count(*) FROM outbox) AS outbox`,
    );
    return { appeals: Number(rows[0].appeals), events: Number(rows[0].events), outbox: Number(rows[0].outbox) };
  });
}

/** Before a measured phase: flush dirty pages and refresh statistics, so no phase pays for the previous one's writes. */
export function settleDatabase(databaseUrl: string): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query('CHECKPOINT');
    // The whole (small) database, so the statement does not need to follow the table layout.
    await client.query('VACUUM ANALYZE');
  });
}

export async function serverSettings(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  });
}

/**
 * VACUUM ANALYZE as the database owner: the app's own connections run as the restricted role
 * (DATABASE_APP_ROLE), for which PostgreSQL skips the tables with only a warning.
 */
export function vacuumAnalyze(databaseUrl: string, tables: readonly string[]): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query(`VACUUM ANALYZE ${tables.join(', ')}`);
  });
}
