import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where global setup leaves the run's database and queue prefix for the test files. */
export const TEST_ENV_FILE = join(__dirname, '..', '..', 'test-output', 'test-env.json');

export interface TestEnv {
  databaseUrl: string;
  adminDatabaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
}

/** What global setup prepared for the whole run: a migrated template database and one copy per jest worker. */
export interface TestRun extends TestEnv {
  workers: number;
}

export function readTestRun(): TestRun {
  if (!existsSync(TEST_ENV_FILE)) throw new Error('test environment missing: run through jest (global setup)');
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestRun;
}

/** The database of one worker: the template's name with the worker's number. */
export function workerDatabaseUrl(templateUrl: string, worker: number): string {
  const url = new URL(templateUrl);
  url.pathname = `${url.pathname}_w${worker}`;
  return url.toString();
}

/**
 * This test file's database and queue prefix. Suites in different jest workers run at once, so
 * each worker has its own database (a copy of the migrated template) and its own queue prefix:
 * suites never see each other's rows, jobs or rate-limit counters across workers.
 */
export function readTestEnv(): TestEnv {
  const run = readTestRun();
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  if (!Number.isInteger(worker) || worker < 1 || worker > run.workers) {
    throw new Error(`jest worker ${process.env.JEST_WORKER_ID} has no database: global setup prepared ${run.workers}`);
  }
  return {
    databaseUrl: workerDatabaseUrl(run.databaseUrl, worker),
    adminDatabaseUrl: run.adminDatabaseUrl,
    redisUrl: run.redisUrl,
    queuePrefix: `${run.queuePrefix}_w${worker}`,
  };
}
