import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { prepareDatabase } from '../../src/platform/database/prepare-database';
import { TEST_ENV_FILE, TestRun, workerDatabaseUrl } from './test-env';

/**
 * Integration and e2e suites run against the real PostgreSQL and Redis of this machine (no mocks,
 * no containers): a fresh database per run, migrated like production, copied once per jest worker
 * (suites of different workers run at the same time), and a queue prefix of its own.
 */
const STALE_AFTER_MS = 3 * 3_600_000;

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = new URL(base);
  databaseUrl.pathname = `/emuraciet_test_${runId}`;

  await assertReachable(base, redisUrl);
  await prepareDatabase(databaseUrl.toString());
  const workers = Math.max(1, globalConfig.maxWorkers);
  await copyPerWorker(base, databaseUrl.toString(), workers);

  const env: TestRun = { databaseUrl: databaseUrl.toString(), adminDatabaseUrl: base, redisUrl, queuePrefix: `emt_${runId}`, workers };
  mkdirSync(dirname(TEST_ENV_FILE), { recursive: true });
  writeFileSync(TEST_ENV_FILE, JSON.stringify(env));
}

/** Copies of a template are cheap (file-level) but must be made one at a time. */
async function copyPerWorker(adminUrl: string, templateUrl: string, workers: number): Promise<void> {
  const name = (url: string) => new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let worker = 1; worker <= workers; worker++) {
      await client.query(`CREATE DATABASE "${name(workerDatabaseUrl(templateUrl, worker))}" TEMPLATE "${name(templateUrl)}"`);
    }
  } finally {
    await client.end();
  }
}

async function assertReachable(databaseUrl: string, redisUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    // Test databases of crashed runs (older than a few hours) are dropped so they never pile up;
    // a younger one may belong to a run still going on in parallel.
    const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'emuraciet\\_test\\_%'`);
    for (const { datname } of stale.rows) {
      const startedAt = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(startedAt) && Date.now() - startedAt > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(databaseUrl).host}: start it (see README "Tests"). ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3_000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${redisUrl}: start it (see README "Tests"). ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
}
