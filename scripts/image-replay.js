#!/usr/bin/env node
/**
 * Image replay (issue 16; run by .ci/run, not by `npm test`: it takes a few minutes): builds the
 * Docker image's file system without Docker, by reading the Dockerfile and replaying it in a
 * temporary directory, one directory per stage: COPY (from the repository or, with --from, from an
 * earlier stage), RUN (npm ci, nest build, npm prune --omit=dev), ENV. Then it starts the final
 * stage's CMD with the image's environment plus runtime configuration (a fresh database, the local
 * Redis, a generated JWT_SECRET and admin password), waits for GET /health/ready, runs the image's
 * HEALTHCHECK command, stops the app with SIGTERM and expects a clean exit. Any failure exits 1
 * with the reason and the app's last output.
 *
 * Environment: REPLAY_DATABASE_URL (a server where it may create and drop a database; default the
 * local postgres), REPLAY_REDIS_URL (default redis://127.0.0.1:6379), REPLAY_KEEP=1 keeps the
 * temporary directory.
 */
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { isAbsolute, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 25_000;

/** Stops the replay; main() cleans up (database, queue keys, directory), then reports and exits 1. */
class ReplayError extends Error {
  constructor(message, detail) {
    super(message);
    this.detail = detail;
  }
}

function fail(message, detail) {
  throw new ReplayError(message, detail);
}

function step(message) {
  process.stdout.write(`image replay: ${message}\n`);
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line);
      return { keyword: keyword.toUpperCase(), rest: rest.trim() };
    });
}

/** `["a", "b"]` (exec form) or a shell string. */
function command(rest) {
  return rest.startsWith('[') ? JSON.parse(rest) : ['sh', '-c', rest];
}

function parseEnv(rest) {
  const env = {};
  for (const [, key, quoted, bare] of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|(\S*))/g)) env[key] = quoted ?? bare;
  return env;
}

/** Replays the build; returns the final stage's directory, environment, command and health check. */
function replay(work) {
  const stages = new Map();
  let stage;
  for (const { keyword, rest } of instructions(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))) {
    switch (keyword) {
      case 'FROM': {
        const name = /\bAS\s+(\S+)/i.exec(rest)?.[1] ?? `stage${stages.size}`;
        stage = { name, dir: join(work, name), env: {}, cmd: undefined, healthcheck: undefined, workdir: '/' };
        mkdirSync(stage.dir, { recursive: true });
        stages.set(name, stage);
        step(`FROM ${rest}`);
        break;
      }
      case 'WORKDIR':
        stage.workdir = rest;
        break;
      case 'ENV':
        Object.assign(stage.env, parseEnv(rest));
        break;
      case 'COPY': {
        const parts = rest.split(/\s+/);
        const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
        const args = parts.filter((p) => !p.startsWith('--'));
        const dest = args.pop();
        for (const source of args) {
          let src;
          if (from) {
            const origin = stages.get(from);
            if (!origin) fail(`COPY --from=${from}: no such stage`);
            src = join(origin.dir, isAbsolute(source) ? relative(origin.workdir, source) : source);
          } else {
            src = join(ROOT, source);
          }
          if (!existsSync(src)) fail(`COPY ${source}: not found (${src})`);
          // `COPY a b ./` copies files into the directory; `COPY src ./src` names the target.
          const target = dest.endsWith('/') ? join(stage.dir, dest, source.split('/').pop()) : join(stage.dir, dest);
          // Between stages, hard links (cp -al): node_modules is tens of thousands of files, and
          // the earlier stage is never changed after it ends.
          if (from && spawnSync('cp', ['-al', src, target]).status === 0) continue;
          cpSync(src, target, { recursive: true });
        }
        step(`COPY ${rest}`);
        break;
      }
      case 'RUN': {
        step(`RUN ${rest}`);
        const started = Date.now();
        const result = spawnSync('sh', ['-c', rest], {
          cwd: stage.dir,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...stage.env },
          maxBuffer: 64 * 1024 * 1024,
        });
        if (result.status !== 0) fail(`RUN ${rest} exited ${result.status}`, `${result.stdout}\n${result.stderr}`.slice(-4000));
        step(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
        break;
      }
      case 'CMD':
        stage.cmd = command(rest);
        break;
      case 'HEALTHCHECK': {
        const cmd = /\bCMD\s+(.*)$/.exec(rest)?.[1];
        if (cmd) stage.healthcheck = command(cmd);
        break;
      }
      default:
        break; // USER, EXPOSE, LABEL: nothing to replay outside a container
    }
  }
  if (!stage?.cmd) fail('the Dockerfile has no CMD');
  return stage;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const started = Date.now();
  // The repository's own packages (pg, ioredis) for setup and clean-up; the replayed app uses its own.
  const { Client } = require(join(ROOT, 'node_modules', 'pg'));
  const IORedis = require(join(ROOT, 'node_modules', 'ioredis')).default;
  const adminUrl = process.env.REPLAY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REPLAY_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const database = `emuraciet_replay_${runId}`;
  const queuePrefix = `emreplay_${runId}`;
  const work = mkdtempSync(join(tmpdir(), 'emuraciet-image-'));
  let app;
  let output = '';

  const cleanUp = async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).finally(() => admin.end());
    const redis = new IORedis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    if (process.env.REPLAY_KEEP !== '1') rmSync(work, { recursive: true, force: true });
  };

  try {
    step(`building in ${work}`);
    const image = replay(work);
    const port = await freePort();
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${database}`;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? work,
      ...image.env,
      // Runtime configuration, as a deployment gives it (README "Configuration").
      PORT: String(port),
      // The image binds 0.0.0.0 for a container's own interface; on a shared machine, loopback.
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(48).toString('base64'),
      ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    };
    if (env.NODE_ENV !== 'production') fail(`the image sets NODE_ENV=${env.NODE_ENV}, expected production`);
    step(`starting ${image.cmd.join(' ')} on port ${port}`);
    app = spawn(image.cmd[0], image.cmd.slice(1), { cwd: image.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-8000));
    app.stdout.on('data', keep);
    app.stderr.on('data', keep);
    const exited = new Promise((resolve) => app.once('exit', (code, signal) => resolve({ code, signal })));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready;
    while (!ready) {
      if (app.exitCode !== null) fail(`the app exited ${app.exitCode} before it was ready`, output);
      if (Date.now() > deadline) fail(`/health/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`, output);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        if (response.status === 200) ready = await response.json();
      } catch {
        // not listening yet
      }
      if (!ready) await new Promise((r) => setTimeout(r, 500));
    }
    step(`ready: ${JSON.stringify(ready)}`);
    if (image.healthcheck) {
      const check = spawnSync(image.healthcheck[0], image.healthcheck.slice(1), { env, cwd: image.dir, encoding: 'utf8', timeout: 10_000 });
      if (check.status !== 0) fail(`the image's HEALTHCHECK failed (exit ${check.status})`, `${check.stdout}${check.stderr}`);
      step("the image's HEALTHCHECK passes");
    }

    app.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), STOP_TIMEOUT_MS).unref());
    const stopped = await Promise.race([exited, timeout]);
    if (stopped.code !== 0) fail(`the app did not stop cleanly on SIGTERM (${JSON.stringify(stopped)})`, output);
    step(`stopped cleanly; replay took ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await cleanUp().catch((error) => process.stderr.write(`image replay: clean-up: ${error.message}\n`));
  }
}

main().catch((error) => {
  process.stderr.write(`image replay FAILED: ${error.message}\n`);
  const detail = error instanceof ReplayError ? error.detail : error.stack;
  if (detail) process.stderr.write(`${detail}\n`);
  process.exit(1);
});
