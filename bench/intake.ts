/**
 * `npm run bench:intake`: throughput and latency of appeal intake (POST /api/v1/appeals) against a
 * minimal baseline doing the same writes with raw `pg`, in the same run, on the same database.
 *
 *   1. drops and recreates the database `emuraciet_bench`, migrated as `npm start` does;
 *   2. starts the real app (`node dist/src/main.js`, APP_ROLE=api) as a child process, registers
 *      and logs in a pool of citizens, warms up, then drives POST /api/v1/appeals with autocannon;
 *   3. stops it, starts bench/intake-baseline.ts as a child on the same database with the same pool
 *      size, and drives it with the same settings and bodies;
 *   4. prints both rates, the ratio, latencies and PASS/FAIL per target; writes
 *      bench/results/intake.json.
 *
 * Env: BENCH_DURATION (s, default 20), BENCH_CONNECTIONS (32), BENCH_WARMUP (s, 3; 0 = none),
 * BENCH_PRIME (s, 10: load on a fresh database before the app's phase, then an app restart),
 * BENCH_DATABASE_NAME (emuraciet_bench; must contain "bench"), BENCH_WEBHOOK_EVENTS (see subscribeWebhook), BENCH_CITIZENS (32), BENCH_DB_POOL_SIZE (the app's default, 20), BENCH_PG_URL (server, default
 * postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL (redis://127.0.0.1:6379), BENCH_APP_ROLE
 * (api), BENCH_BASELINE_PARTIES (false: the baseline also writes the appeal_parties row),
 * BENCH_CPU_PROF (app | baseline | both: --cpu-prof into bench/results/cpu-prof/), BENCH_APP_ENTRY
 * (another compiled main.js to measure instead of dist/src/main.js, for A/B runs of a change).
 *
 * Exit code: 0 all targets met; 1 the run is broken (any 5xx, connection errors, a server that
 * does not start or accept the probe); 2 the run is valid but a target was missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../src/platform/config/app-config';
import { childEnv, cleanRedis, intEnv, postJson, RESULTS_DIR, ROOT, runBenchMain, startBenchApp } from './support/app';
import { Child, freePort, stopAllChildren, waitForHealthy } from './support/children';
import { coresUsed, CpuGroups, sampleCpu } from './support/cpu';
import { countWrites, databaseName, recreateDatabase, serverSettings, settleDatabase, withClient, WriteCounts } from './support/database';
import { LoadResult, runLoad } from './support/load';
import { resultTable, Targets, verdicts, verdictTable } from './support/report';

const APPEALS_PATH = '/api/v1/appeals';
const TARGETS: Targets = { minAcceptedPerSecond: 1000, minRatio: 0.6, maxP99Ms: 100 };
const CITIZEN_PASSWORD = 'bench-citizen-password-1';
/** CPU used by processes outside the run above which the figures are flagged as disturbed. */
const NOISE_CORES = 0.15;

interface Settings {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  /** Load before the app's measured phase, followed by a restart (see main). */
  primeSeconds: number;
  citizens: number;
  poolSize: number;
  pgServerUrl: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  appRole: string;
  appEntry: string;
  baselineParties: boolean;
  cpuProf: { app: boolean; baseline: boolean };
}

interface PhaseResult {
  server: 'app' | 'baseline';
  warmup: LoadResult | null;
  measured: LoadResult;
  /** Rows committed during the measured phase; can exceed `accepted` by the requests still in flight when it ended. */
  rowsWritten: WriteCounts;
  /** Average cores used per process group during the measured phase. */
  coresUsed: CpuGroups;
}

function readSettings(): Settings {
  const pgServerUrl = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
  const prof = (process.env.BENCH_CPU_PROF ?? '').toLowerCase();
  return {
    durationSeconds: intEnv('BENCH_DURATION', 20, 1),
    connections: intEnv('BENCH_CONNECTIONS', 32, 1),
    warmupSeconds: intEnv('BENCH_WARMUP', 3, 0),
    primeSeconds: intEnv('BENCH_PRIME', 10, 0),
    citizens: intEnv('BENCH_CITIZENS', 32, 1),
    // The app's own default (DB_POOL_SIZE), so the baseline gets the same number of connections.
    poolSize: intEnv('BENCH_DB_POOL_SIZE', loadConfig({}).dbPoolSize, 1),
    pgServerUrl,
    // BENCH_DATABASE_NAME: another bench database, so runs on a shared machine do not drop each other's.
    databaseUrl: `${pgServerUrl}/${process.env.BENCH_DATABASE_NAME ?? 'emuraciet_bench'}`,
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `emb_${process.pid}`,
    appRole: process.env.BENCH_APP_ROLE ?? 'api',
    appEntry: resolve(process.env.BENCH_APP_ENTRY ?? join(ROOT, 'dist', 'src', 'main.js')),
    baselineParties: ['1', 'true', 'yes'].includes((process.env.BENCH_BASELINE_PARTIES ?? '').toLowerCase()),
    cpuProf: { app: prof === '1' || prof === 'app' || prof === 'both', baseline: prof === 'baseline' || prof === 'both' },
  };
}

/**
 * A realistic citizen complaint through the portal (cf. test/e2e/intake.e2e-spec.ts). The applicant's
 * e-mail is the citizen's own: a portal appeal may name no other (issue 13).
 */
function complaint(agencyId: string, email: string): object {
  return {
    type: 'complaint',
    agencyId,
    subject: 'Elektron vergi bəyannaməsinin qəbul edilməməsi',
    text:
      'Hörmətli Nazirlik, 2026-cı ilin aprel ayında elektron vergi bəyannaməmi e-taxes.gov.az portalı vasitəsilə ' +
      'təqdim etmişəm, lakin üç həftədir bəyannamə "gözləmədə" statusunda qalır və heç bir cavab verilmir. ' +
      'Qaynar xəttə dəfələrlə zəng etsəm də, məsələ həll olunmayıb. Bu səbəbdən gecikmə faizinin hesablanacağından ' +
      'narahatam. Xahiş edirəm bəyannamənin qəbul edilməsini təmin edəsiniz və gecikməyə görə faiz hesablanmamasını ' +
      'nəzərə alasınız. Bəyannamənin nömrəsi və təqdimetmə tarixi barədə məlumatı tələb olunarsa təqdim edə bilərəm.',
    applicant: {
      kind: 'natural',
      fullName: 'Əliyev Vüqar Rəşid oğlu',
      address: 'Bakı şəhəri, Nizami küçəsi 10, mənzil 5',
      email,
      phone: '+994 50 123 45 67',
    },
  };
}

/** Registers and logs in `count` citizens through the public API; a few at a time (argon2 is CPU-bound). */
async function createCitizens(baseUrl: string, count: number): Promise<Array<{ email: string; token: string }>> {
  const citizens = new Array<{ email: string; token: string }>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const email = `bench-citizen-${i}-${process.pid}@example.org`;
      const registered = await postJson(`${baseUrl}/api/v1/auth/register`, {
        email,
        password: CITIZEN_PASSWORD,
        fullName: `Bench Citizen ${i}`,
      });
      if (registered.status !== 201) throw new Error(`register ${email}: HTTP ${registered.status} ${JSON.stringify(registered.body)}`);
      const login = await postJson(`${baseUrl}/api/v1/auth/login`, { email, password: CITIZEN_PASSWORD });
      if (login.status !== 200) throw new Error(`login ${email}: HTTP ${login.status} ${JSON.stringify(login.body)}`);
      citizens[i] = { email, token: (login.body as { accessToken: string }).accessToken };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return citizens;
}

async function agencyIdOf(baseUrl: string, code: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/agencies`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`GET /api/v1/agencies: HTTP ${response.status}`);
  const { items } = (await response.json()) as { items: Array<{ id: string; code: string }> };
  const agency = items.find((a) => a.code === code);
  if (!agency) throw new Error(`agency ${code} not found among ${items.length} agencies`);
  return agency.id;
}

/** One request before the load: the body must be accepted, else the benchmark would measure errors. */
async function probe(child: Child, baseUrl: string, token: string, body: string): Promise<void> {
  const response = await postJson(`${baseUrl}${APPEALS_PATH}`, body, token);
  if (response.status !== 201) {
    await new Promise((r) => setTimeout(r, 300)); // let the child's log reach the file
    throw new Error(
      `${child.name}: probe POST ${APPEALS_PATH} got HTTP ${response.status}: ${JSON.stringify(response.body)}\n` +
        `last lines of ${child.logFile}:\n${child.tail(15)}`,
    );
  }
}

async function measure(
  server: 'app' | 'baseline',
  child: Child,
  baseUrl: string,
  tokens: readonly string[],
  bodies: readonly string[],
  settings: Settings,
): Promise<PhaseResult> {
  const load = { url: baseUrl, path: APPEALS_PATH, connections: settings.connections, bodies, tokens };
  let warmup: LoadResult | null = null;
  if (settings.warmupSeconds > 0) {
    log(`${server}: warm-up ${settings.warmupSeconds} s (not counted)`);
    warmup = await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
  }
  await settleDatabase(settings.databaseUrl);
  const rowsBefore = await countWrites(settings.databaseUrl);
  log(`${server}: measuring ${settings.durationSeconds} s, ${settings.connections} connections, ${tokens.length} rotating tokens`);
  const named = { [server]: child.process.pid, loadgen: process.pid };
  const cpuBefore = sampleCpu(named, databaseName(settings.databaseUrl));
  const startedAt = process.hrtime.bigint();
  const measured = await runLoad({ ...load, durationSeconds: settings.durationSeconds });
  const cpuAfter = sampleCpu(named, databaseName(settings.databaseUrl));
  if (child.hasExited) throw new Error(`${server} exited during the measurement; log ${child.logFile}:\n${child.tail()}`);
  const elapsed = Number(process.hrtime.bigint() - startedAt) / 1e9;
  // Let the last in-flight transactions commit before counting rows.
  await new Promise((r) => setTimeout(r, 500));
  const rowsAfter = await countWrites(settings.databaseUrl);
  return {
    server,
    warmup,
    measured,
    rowsWritten: {
      appeals: rowsAfter.appeals - rowsBefore.appeals,
      events: rowsAfter.events - rowsBefore.events,
      outbox: rowsAfter.outbox - rowsBefore.outbox,
    },
    coresUsed: coresUsed(cpuBefore, cpuAfter, elapsed),
  };
}

function log(message: string): void {
  process.stdout.write(`[bench:intake] ${message}\n`);
}

function nodeArgs(profile: boolean, name: string): string[] {
  if (!profile) return [];
  const dir = join(RESULTS_DIR, 'cpu-prof');
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`];
}

function startApp(settings: Settings): Promise<{ child: Child; url: string }> {
  return startBenchApp({
    ...settings,
    logFile: join(RESULTS_DIR, 'intake-app.log'),
    nodeArgs: nodeArgs(settings.cpuProf.app, 'app'),
  });
}

async function startBaseline(settings: Settings): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const env = childEnv({
    DATABASE_URL: settings.databaseUrl,
    PORT: String(port),
    DB_POOL_SIZE: String(settings.poolSize),
    BASELINE_PARTIES: String(settings.baselineParties),
  });
  const script = join(ROOT, 'dist', 'bench', 'intake-baseline.js');
  const child = Child.start(
    'baseline',
    [...nodeArgs(settings.cpuProf.baseline, 'baseline'), script],
    env,
    join(RESULTS_DIR, 'intake-baseline.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(child, `${url}/health`);
  return { child, url };
}

function brokenReasons(phase: PhaseResult): string[] {
  const reasons: string[] = [];
  // Every 201 must stand for committed rows (more rows than 201s: requests in flight at the end).
  const rows = phase.rowsWritten;
  if (Math.min(rows.appeals, rows.events, rows.outbox) < phase.measured.accepted) {
    reasons.push(`${phase.server}: ${phase.measured.accepted} appeals accepted but only ${JSON.stringify(rows)} rows committed`);
  }
  for (const [label, r] of [
    ['warm-up', phase.warmup],
    ['measured', phase.measured],
  ] as const) {
    if (!r) continue;
    if (r.serverErrors > 0)
      reasons.push(`${phase.server} ${label}: ${r.serverErrors} responses with 5xx (${JSON.stringify(r.statusCounts)})`);
    if (r.connectionErrors > 0) reasons.push(`${phase.server} ${label}: ${r.connectionErrors} connection errors (${r.timeouts} timeouts)`);
  }
  return reasons;
}

/** What cleanup() needs once main() has read the settings. */
let activeSettings: Settings | undefined;

/**
 * BENCH_WEBHOOK_EVENTS (e.g. `appeal.registered`, or `appeal.answered` for one that intake never
 * matches): a webhook subscription for every agency, so intake (app and baseline alike, as the
 * trigger is in the database) pays the deliveries' fan-out. API role only: nothing is delivered.
 */
async function subscribeWebhook(settings: Settings): Promise<void> {
  const events = process.env.BENCH_WEBHOOK_EVENTS;
  if (!events) return;
  if (settings.appRole !== 'api') throw new Error('BENCH_WEBHOOK_EVENTS needs BENCH_APP_ROLE=api (no worker may try to deliver)');
  await withClient(settings.databaseUrl, (client) =>
    client.query(
      `INSERT INTO webhook_subscriptions (url, events, secret, created_by)
       SELECT 'https://hooks.bench.invalid/h', $1::text[], 'whsec_bench', id FROM users WHERE role = 'admin' LIMIT 1`,
      [events.split(',')],
    ),
  );
  log(`webhook subscription for every agency, events ${events}`);
}

async function main(): Promise<number> {
  const settings = readSettings();
  activeSettings = settings;
  mkdirSync(RESULTS_DIR, { recursive: true });
  log(
    `duration ${settings.durationSeconds} s, ${settings.connections} connections, warm-up ${settings.warmupSeconds} s, ` +
      `${settings.citizens} citizens, DB pool ${settings.poolSize} (app and baseline), queue prefix ${settings.queuePrefix}`,
  );
  log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`);
  const migrations = await recreateDatabase(settings.databaseUrl);
  log(`database ${databaseName(settings.databaseUrl)} recreated (${migrations.length} migrations)`);
  const pg = await serverSettings(settings.databaseUrl);

  // --- the app ---
  log(`starting the app: node ${relative(ROOT, settings.appEntry)}, APP_ROLE=${settings.appRole}, LOG_LEVEL=warn`);
  let app = await startApp(settings);
  const citizens = await createCitizens(app.url, settings.citizens);
  const tokens = citizens.map((c) => c.token);
  log(`${tokens.length} citizens registered and logged in`);
  const agencyId = await agencyIdOf(app.url, 'MTAX');
  const bodies = citizens.map((c) => JSON.stringify(complaint(agencyId, c.email)));
  await probe(app.child, app.url, tokens[0], bodies[0]);
  await subscribeWebhook(settings);
  if (settings.primeSeconds > 0) {
    // Not an empty database: the baseline, started later, meets the app's rows, and PostgreSQL
    // keeps a connection's plans, so an app measured on the tables of its first seconds would be
    // judged on plans for tiny tables. Fill them first, then restart so both start alike.
    log(`app: priming ${settings.primeSeconds} s (not counted), then a restart`);
    await runLoad({
      url: app.url,
      path: APPEALS_PATH,
      connections: settings.connections,
      bodies,
      tokens,
      durationSeconds: settings.primeSeconds,
    });
    await app.child.stop();
    await settleDatabase(settings.databaseUrl);
    app = await startApp(settings);
  }
  const appPhase = await measure('app', app.child, app.url, tokens, bodies, settings);
  await app.child.stop();

  // --- the baseline ---
  log(`starting the baseline: node dist/bench/intake-baseline.js (raw pg, parties row ${settings.baselineParties ? 'on' : 'off'})`);
  const baseline = await startBaseline(settings);
  await probe(baseline.child, baseline.url, tokens[0], bodies[0]);
  const baselinePhase = await measure('baseline', baseline.child, baseline.url, tokens, bodies, settings);
  await baseline.child.stop();

  // --- report ---
  const a = appPhase.measured;
  const b = baselinePhase.measured;
  const list = verdicts(a, b, TARGETS);
  const broken = [...brokenReasons(appPhase), ...brokenReasons(baselinePhase)];
  const ratio = b.acceptedPerSecond > 0 ? a.acceptedPerSecond / b.acceptedPerSecond : 0;
  process.stdout.write(
    [
      '',
      `POST ${APPEALS_PATH}: ${settings.connections} connections, ${settings.durationSeconds} s each, same bodies (each citizen's own e-mail), same database`,
      '',
      resultTable(a, b),
      '',
      verdictTable(list),
      '',
      `status codes  app: ${JSON.stringify(a.statusCounts)}  baseline: ${JSON.stringify(b.statusCounts)}`,
      `rows committed while measuring (appeals/events/outbox)  app: ${appPhase.rowsWritten.appeals}/${appPhase.rowsWritten.events}/${appPhase.rowsWritten.outbox}` +
        `  baseline: ${baselinePhase.rowsWritten.appeals}/${baselinePhase.rowsWritten.events}/${baselinePhase.rowsWritten.outbox}`,
      `cores busy while measuring  app run: ${formatCores(appPhase.coresUsed)}`,
      `                            baseline run: ${formatCores(baselinePhase.coresUsed)}`,
      `CPU per accepted appeal (all cores, other work excluded)  app: ${cpuPerAppeal(appPhase)} ms  baseline: ${cpuPerAppeal(baselinePhase)} ms`,
      '',
      `Scope: the app runs as APP_ROLE=${settings.appRole}. The confirmation mail's outbox row IS written in the intake transaction`,
      'and measured (as is its after-commit hand-off to the BullMQ queue); sending the mail is done by the workers and is not part',
      'of this measurement. The baseline skips auth verification, validation, the working-day calendar, the parties row',
      `(${settings.baselineParties ? 'here included: BENCH_BASELINE_PARTIES' : 'BENCH_BASELINE_PARTIES=true adds it'}) and the queue hand-off.`,
      '',
    ].join('\n'),
  );
  if (a.non2xx > 0 || b.non2xx > 0) log(`WARNING: non-2xx responses: app ${a.non2xx}, baseline ${b.non2xx}`);
  for (const phase of [appPhase, baselinePhase]) {
    const other = (phase.coresUsed.other ?? 0) + (phase.coresUsed['postgres-other-db'] ?? 0);
    if (other > NOISE_CORES) {
      log(
        `WARNING: ${other.toFixed(2)} cores went to other work (other processes, other databases on the same PostgreSQL) ` +
          `during the ${phase.server} run: the machine was shared, compare with care`,
      );
    }
  }

  const failed = list.filter((v) => !v.pass);
  const outcome = broken.length > 0 ? 'broken' : failed.length > 0 ? 'targets-missed' : 'pass';
  const output = {
    benchmark: 'intake',
    finishedAt: new Date().toISOString(),
    outcome,
    settings: {
      durationSeconds: settings.durationSeconds,
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      citizens: settings.citizens,
      dbPoolSize: settings.poolSize,
      appRole: settings.appRole,
      appEntry: settings.appEntry,
      baselineParties: settings.baselineParties,
    },
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, postgres: pg },
    targets: TARGETS,
    app: appPhase,
    baseline: baselinePhase,
    ratio,
    verdicts: list,
    brokenReasons: broken,
  };
  const file = join(RESULTS_DIR, 'intake.json');
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  log(`results written to ${file}`);

  if (broken.length > 0) {
    process.stderr.write(
      `\nBENCHMARK BROKEN (exit 1):\n  - ${broken.join('\n  - ')}\nSee bench/results/intake-app.log and intake-baseline.log.\n`,
    );
    return 1;
  }
  if (failed.length > 0) {
    process.stdout.write(`RESULT: FAIL (${failed.map((v) => v.name).join('; ')}) (exit 2)\n`);
    return 2;
  }
  process.stdout.write('RESULT: PASS\n');
  return 0;
}

/**
 * CPU milliseconds per accepted appeal over all cores, other work on the machine left out: the
 * cost that bounds throughput once the cores are full.
 */
function cpuPerAppeal(phase: PhaseResult): string {
  const rate = phase.measured.acceptedPerSecond;
  const c = phase.coresUsed;
  const own = (c.machine ?? 0) - (c.other ?? 0) - (c['postgres-other-db'] ?? 0);
  return rate > 0 ? ((own * 1000) / rate).toFixed(2) : 'n/a';
}

function formatCores(groups: CpuGroups): string {
  const parts = Object.entries(groups)
    .filter(([name]) => name !== 'machine')
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`);
  return `machine ${(groups.machine ?? 0).toFixed(2)} of ${os.cpus().length} (${parts.join(', ')})`;
}

let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopAllChildren().catch(() => undefined);
  const settings = activeSettings;
  if (!settings) return;
  try {
    const removed = await cleanRedis(settings.redisUrl, settings.queuePrefix);
    log(`removed ${removed} Redis keys ${settings.queuePrefix}:*`);
  } catch (error) {
    process.stderr.write(`[bench:intake] could not clean Redis keys ${settings.queuePrefix}:*: ${(error as Error).message}\n`);
  }
}

runBenchMain('intake', main, cleanup);
