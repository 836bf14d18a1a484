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

export function readTestEnv(): TestEnv {
  if (!existsSync(TEST_ENV_FILE)) throw new Error('test environment missing: run through jest (global setup)');
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv;
}
