import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Child, freePort, killAllChildren, waitForHealthy } from './children';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}: expected an integer >= ${min}, got "${raw}"`);
  return value;
}

export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // A clean environment: nothing from the caller's shell (SMTP_URL, DB_POOL_SIZE...) leaks in.
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export const BENCH_ADMIN = { email: 'admin@bench.example.org', password: 'bench-admin-password-1' };

export interface BenchAppSettings {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly poolSize: number;
  readonly appRole: string;
  readonly appEntry: string;
  readonly logFile: string;
  readonly nodeArgs?: readonly string[];
}

/** The real app (`node dist/src/main.js`) as a child on a free port, as production runs it. */
export async function startBenchApp(settings: BenchAppSettings): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const env = childEnv({
    NODE_ENV: 'production',
    APP_ROLE: settings.appRole,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    // Access lines are logged at info, one per request: off, as in a production log level.
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(settings.poolSize),
    JWT_SECRET: `bench-jwt-secret-${process.pid}-0123456789abcdef0123456789`,
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Every user registers and logs in from 127.0.0.1: the per-address limits must not bite.
    LOGIN_RATE_LIMIT_MAX: '10000',
    REGISTER_RATE_LIMIT_MAX: '100000',
    // The bench's citizens submit at once (verification is a one-off step, not intake's cost).
    AUTH_REQUIRE_EMAIL_VERIFICATION: 'false',
    // The intake bench's 32 citizens submit hundreds each: the quota is checked, never reached. Its
    // check then walks all of a citizen's appeals of the day, where a real one walks at most 20:
    // the bench overstates what the quota costs.
    APPEALS_PER_CITIZEN_PER_DAY: '1000000',
  });
  const child = Child.start('app', [...(settings.nodeArgs ?? []), settings.appEntry], env, settings.logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(child, `${url}/health`);
  return { child, url };
}

export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body: parsed };
}

/** Removes this run's keys (BullMQ jobs, login counters) and nothing else. */
export async function cleanRedis(redisUrl: string, prefix: string): Promise<number> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/**
 * Runs a bench's `main` and exits with its code; `cleanup` (children, Redis keys, databases) runs
 * after it, after a failure and on SIGINT/SIGTERM, and every child is killed on exit.
 */
export function runBenchMain(name: string, main: () => Promise<number>, cleanup: () => Promise<void>): void {
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`[bench:${name}] ${signal}: stopping children\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  main()
    .then(async (code) => {
      await cleanup();
      process.exit(code);
    })
    .catch(async (error: Error) => {
      process.stderr.write(`\n[bench:${name}] FAILED: ${error.stack ?? error.message}\n`);
      await cleanup();
      process.exit(1);
    });
}
