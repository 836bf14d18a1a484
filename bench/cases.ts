/**
 * `npm run bench:cases`: the officials' list and full-text search with 1,000,000 appeals in the
 * database, through the real app, against a raw-SQL baseline running the same query in the same run.
 *
 *   1. drops and recreates the database `emuraciet_bench_cases`, migrated as `npm start` does;
 *      starts the app (APP_ROLE=api) once so it loads the agencies, creates one official per
 *      agency measured, then seeds BENCH_APPEALS appeals with SQL: agencies Zipf-distributed (the
 *      largest holds about a quarter), statuses as in a working system (most closed), subjects and
 *      texts from a skewed vocabulary so search words range from rare to common; VACUUM ANALYZE;
 *   2. list: GET /api/v1/appeals?status=... by officials of the largest agencies (their agency,
 *      one status, nearest deadline first, 50 a page), rotating agencies and statuses;
 *   3. search: GET /api/v1/appeals?q=<word> by the same officials, rotating words of different
 *      frequencies;
 *   4. the same two loads against bench/cases-baseline.ts (http + pg, the same SQL);
 *   5. prints rates, latencies, ratios and PASS/FAIL; writes bench/results/cases.json; drops the
 *      database unless BENCH_KEEP_DB=true.
 *
 * Targets (issue 4): p99 under 50 ms for the list and under 150 ms for search, at concurrency 16.
 * Env: BENCH_APPEALS (1000000), BENCH_DURATION (s, 15), BENCH_CONNECTIONS (16), BENCH_WARMUP (3),
 * BENCH_PG_URL, BENCH_REDIS_URL, BENCH_DB_POOL_SIZE (20), BENCH_KEEP_DB, BENCH_REUSE_DB (measure again on the
 * database a BENCH_KEEP_DB run left, without seeding).
 *
 * Exit code: 0 targets met; 1 broken run (5xx, connection errors, no start); 2 a target missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/platform/config/app-config';
import { BENCH_ADMIN, childEnv, cleanRedis, intEnv, postJson, RESULTS_DIR, ROOT, runBenchMain, startBenchApp } from './support/app';
import { Child, freePort, stopAllChildren, waitForHealthy } from './support/children';
import { dropDatabase, recreateDatabase, withClient } from './support/database';
import { LoadResult, runLoad } from './support/load';
import { table } from './support/report';

const TARGET_P99_MS = { list: 50, search: 150 } as const;
const STAFF_PASSWORD = 'bench-official-password-1';
/** The agencies whose officials are measured: the largest ones, where lists are longest. */
const MEASURED_AGENCIES = 4;

/**
 * Azerbaijani words of appeals, and endings that multiply them into a few thousand distinct
 * tokens; drawn with a skew so some are in most appeals and some in a handful.
 */
const STEMS = (
  'vergi bəyannamə pensiya müavinət işıq su qaz yol məktəb xəstəxana həkim polis məhkəmə torpaq mənzil ev ' +
  'kommunal borc cərimə sənəd arayış şəhadətnamə pasport qeydiyyat əmək maaş işsizlik sığorta tələbə imtahan ' +
  'müəllim uşaq bağça nəqliyyat avtobus metro küçə səki park zibil təmir tikinti icazə lisenziya gömrük ' +
  'idxal ixrac sahibkar bank kredit faiz elektrik sayğac hesab ödəniş qəbz şikayət ərizə təklif cavab müddət ' +
  'gecikmə imtina qərar komissiya rayon kənd bələdiyyə icra nümayəndə vətəndaş ailə əlillik veteran ' +
  'şəhid köçkün ünvan telefon internet rabitə poçt ekologiya meşə çay dəniz hava səs-küy təhlükəsizlik yanğın'
).split(' ');
const ENDINGS = [
  '',
  'lar',
  'lər',
  'ın',
  'in',
  'da',
  'də',
  'dan',
  'dən',
  'a',
  'ə',
  'ı',
  'i',
  'ları',
  'ləri',
  'mız',
  'miz',
  'sı',
  'si',
  'la',
];
const VOCABULARY = STEMS.flatMap((stem) => ENDINGS.map((ending) => stem + ending));

interface Settings {
  appeals: number;
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  poolSize: number;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  keepDb: boolean;
  reuseDb: boolean;
}

function readSettings(): Settings {
  const pgServerUrl = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
  return {
    appeals: intEnv('BENCH_APPEALS', 1_000_000, 1000),
    durationSeconds: intEnv('BENCH_DURATION', 15, 1),
    connections: intEnv('BENCH_CONNECTIONS', 16, 1),
    warmupSeconds: intEnv('BENCH_WARMUP', 3, 0),
    poolSize: intEnv('BENCH_DB_POOL_SIZE', loadConfig({}).dbPoolSize, 1),
    databaseUrl: `${pgServerUrl}/emuraciet_bench_cases`,
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `embc_${process.pid}`,
    keepDb: ['1', 'true', 'yes'].includes((process.env.BENCH_KEEP_DB ?? '').toLowerCase()),
    reuseDb: ['1', 'true', 'yes'].includes((process.env.BENCH_REUSE_DB ?? '').toLowerCase()),
  };
}

function log(message: string): void {
  process.stdout.write(`[bench:cases] ${message}\n`);
}

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await postJson(`${baseUrl}/api/v1/auth/login`, { email, password });
  if (response.status !== 200) throw new Error(`login ${email}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { accessToken: string }).accessToken;
}

/** Appeals already in the bench database, or 0 when it does not exist. */
async function seededAppeals(databaseUrl: string): Promise<number> {
  try {
    return await withClient(databaseUrl, async (client) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM appeals`)).rows[0].n),
    );
  } catch {
    return 0;
  }
}

/** Agencies in seeding order (the first gets the most appeals), with the admin's id. */
async function agencies(databaseUrl: string): Promise<{ ids: string[]; adminId: string }> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM agencies ORDER BY code`);
    const admin = await client.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [BENCH_ADMIN.email]);
    return { ids: rows.map((r) => r.id), adminId: admin.rows[0].id };
  });
}

/**
 * 1,000,000 appeals in batches (each its own statement, so progress shows and no transaction is
 * huge): Zipf-distributed over the agencies, received over two years, statuses of a working
 * system, deadlines about three weeks after receipt.
 */
async function seed(client: Client, settings: Settings, agencyIds: string[], adminId: string): Promise<void> {
  const batch = 100_000;
  await client.query(`CREATE SEQUENCE IF NOT EXISTS bench_registration_seq`);
  for (let done = 0; done < settings.appeals; done += batch) {
    const size = Math.min(batch, settings.appeals - done);
    const startedAt = Date.now();
    await client.query(
      `WITH g AS (
         SELECT gen_random_uuid() AS id,
                -- Zipf over agencies: the k-th gets a share proportional to 1/k.
                ($1::uuid[])[1 + least(array_length($1::uuid[], 1) - 1, floor(exp(random() * ln(array_length($1::uuid[], 1) + 1))) - 1)::int] AS agency_id,
                DATE '2025-01-01' + (random() * 690)::int AS received_on,
                random() AS r, i
         FROM generate_series(1, $2::int) i),
       a AS (
         INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on, registered_at,
                              registered_by, applicant_key, agency_id)
         SELECT g.id, 'B-' || nextval('bench_registration_seq'), (ARRAY['proposal', 'application', 'complaint'])[1 + (g.i % 3)],
                (SELECT string_agg(($3::text[])[1 + floor(power(random(), 3) * array_length($3::text[], 1))::int], ' ')
                 FROM generate_series(1, 3 + (g.i % 2))),
                (SELECT string_agg(($3::text[])[1 + floor(power(random(), 3) * array_length($3::text[], 1))::int], ' ')
                 FROM generate_series(1, 24 + (g.i % 7))),
                'portal', 'standard', g.received_on, g.received_on + time '10:00', $4::uuid, 'e:bench-' || (g.i % 50000) || '@example.org',
                g.agency_id
         FROM g
         RETURNING id)
       INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, referral_due_date,
                                 review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash, closed_at)
       SELECT g.id, g.agency_id, s.status, g.received_on, 15, g.received_on + 3, g.received_on + 21,
              (g.received_on + 21 + time '23:59:59') AT TIME ZONE 'Asia/Baku', 1, 1, 'bench',
              CASE WHEN s.status IN ('registered', 'in_review') THEN NULL ELSE (g.received_on + 15 + time '12:00') AT TIME ZONE 'Asia/Baku' END
       FROM g JOIN a ON a.id = g.id,
            LATERAL (SELECT CASE WHEN g.r < 0.70 THEN 'answered' WHEN g.r < 0.75 THEN 'left_without_consideration'
                                 WHEN g.r < 0.80 THEN 'referred' WHEN g.r < 0.92 THEN 'in_review' ELSE 'registered' END AS status) s`,
      [agencyIds, size, VOCABULARY, adminId],
    );
    log(`seeded ${done + size} / ${settings.appeals} appeals (${((Date.now() - startedAt) / 1000).toFixed(1)} s for this batch)`);
  }
  log('VACUUM ANALYZE');
  await client.query('VACUUM ANALYZE appeals');
  await client.query('VACUUM ANALYZE appeal_state');
}

/** Words to search for, from frequent to rare, with how many appeals of the first agency match each. */
async function searchWords(client: Client, agencyId: string): Promise<Array<{ word: string; matches: number }>> {
  const picks = [VOCABULARY[0], VOCABULARY[3], VOCABULARY[40], VOCABULARY[400], VOCABULARY[1200], VOCABULARY[VOCABULARY.length - 5]];
  const words: Array<{ word: string; matches: number }> = [];
  for (const word of picks) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
       WHERE s.agency_id = $1 AND a.search @@ websearch_to_tsquery('simple', $2)`,
      [agencyId, word],
    );
    words.push({ word, matches: Number(rows[0].n) });
  }
  return words;
}

interface Phase {
  readonly name: 'list' | 'search';
  readonly server: 'app' | 'baseline';
  readonly result: LoadResult;
}

async function measure(
  name: Phase['name'],
  server: Phase['server'],
  url: string,
  paths: string[],
  tokens: string[],
  settings: Settings,
): Promise<Phase> {
  const load = { url, path: paths[0], paths, tokens, method: 'GET' as const, okStatus: 200, connections: settings.connections };
  if (settings.warmupSeconds > 0) await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
  log(`${server} ${name}: ${settings.durationSeconds} s, ${settings.connections} connections, ${paths.length} rotating requests`);
  return { name, server, result: await runLoad({ ...load, durationSeconds: settings.durationSeconds }) };
}

let activeSettings: Settings | undefined;

async function main(): Promise<number> {
  const settings = readSettings();
  activeSettings = settings;
  mkdirSync(RESULTS_DIR, { recursive: true });
  log(
    `${settings.appeals} appeals, ${settings.connections} connections, ${settings.durationSeconds} s per phase; ${os.cpus().length} cores, node ${process.version}`,
  );
  // BENCH_REUSE_DB: measure again on the database a BENCH_KEEP_DB run left (seeding takes minutes).
  const reuse = settings.reuseDb && (await seededAppeals(settings.databaseUrl)) >= settings.appeals;
  if (reuse) log('reusing the seeded database');
  else await recreateDatabase(settings.databaseUrl);

  let app = await startBenchApp({
    ...settings,
    appRole: 'api',
    appEntry: join(ROOT, 'dist', 'src', 'main.js'),
    logFile: join(RESULTS_DIR, 'cases-app.log'),
  });
  const { ids: agencyIds, adminId } = await agencies(settings.databaseUrl);
  const measured = agencyIds.slice(0, MEASURED_AGENCIES);
  const adminToken = await login(app.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
  const tokens: string[] = [];
  for (const [i, agencyId] of measured.entries()) {
    const email = `bench-official-${i}@gov.example.org`;
    const created = reuse
      ? null
      : await postJson(
          `${app.url}/api/v1/users`,
          { email, password: STAFF_PASSWORD, fullName: `Bench Official ${i}`, role: 'official', agencyId },
          adminToken,
        );
    if (created && created.status !== 201) throw new Error(`create official: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    tokens.push(await login(app.url, email, STAFF_PASSWORD));
  }
  // The app holds no state the seeding changes, but restart it after seeding so both servers start cold alike.
  await app.child.stop();

  const seedStarted = Date.now();
  const words = await withClient(settings.databaseUrl, async (client) => {
    if (!reuse) await seed(client, settings, agencyIds, adminId);
    return searchWords(client, measured[0]);
  });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const agencySizes = await withClient(settings.databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM appeal_state WHERE agency_id = ANY($1::uuid[]) GROUP BY agency_id ORDER BY 1 DESC`,
      [measured],
    );
    return rows.map((r) => Number(r.n));
  });
  log(`seeded in ${seedSeconds.toFixed(0)} s; appeals of the measured agencies: ${agencySizes.join(', ')}`);
  log(`search words (matches in the largest agency): ${words.map((w) => `${w.word}=${w.matches}`).join(', ')}`);

  const statuses = ['in_review', 'registered'];
  const listApp = measured.flatMap((_, i) =>
    statuses.map((status) => ({ token: tokens[i], path: `/api/v1/appeals?status=${status}&limit=50` })),
  );
  const listBase = measured.flatMap((agencyId) => statuses.map((status) => `/list?agencyId=${agencyId}&status=${status}`));
  const searchApp = measured.flatMap((_, i) =>
    words.map((w) => ({ token: tokens[i], path: `/api/v1/appeals?q=${encodeURIComponent(w.word)}&limit=50` })),
  );
  const searchBase = measured.flatMap((agencyId) => words.map((w) => `/search?agencyId=${agencyId}&q=${encodeURIComponent(w.word)}`));

  app = await startBenchApp({
    ...settings,
    appRole: 'api',
    appEntry: join(ROOT, 'dist', 'src', 'main.js'),
    logFile: join(RESULTS_DIR, 'cases-app.log'),
  });
  // Each request carries its own official's token: the i-th path goes with the i-th token.
  const phases: Phase[] = [
    await measure(
      'list',
      'app',
      app.url,
      listApp.map((r) => r.path),
      listApp.map((r) => r.token),
      settings,
    ),
    await measure(
      'search',
      'app',
      app.url,
      searchApp.map((r) => r.path),
      searchApp.map((r) => r.token),
      settings,
    ),
  ];
  await app.child.stop();

  const port = await freePort();
  const baseline = Child.start(
    'baseline',
    [join(ROOT, 'dist', 'bench', 'cases-baseline.js')],
    childEnv({ DATABASE_URL: settings.databaseUrl, PORT: String(port), DB_POOL_SIZE: String(settings.poolSize) }),
    join(RESULTS_DIR, 'cases-baseline.log'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseline, `${baseUrl}/health`);
  phases.push(await measure('list', 'baseline', baseUrl, listBase, ['none'], settings));
  phases.push(await measure('search', 'baseline', baseUrl, searchBase, ['none'], settings));
  await baseline.stop();

  return report(settings, phases, { seedSeconds, agencySizes, words });
}

function report(
  settings: Settings,
  phases: Phase[],
  facts: { seedSeconds: number; agencySizes: number[]; words: Array<{ word: string; matches: number }> },
): number {
  const find = (name: Phase['name'], server: Phase['server']) =>
    phases.find((p) => p.name === name && p.server === server)?.result as LoadResult;
  const rows: string[][] = [['', 'list app', 'list baseline', 'search app', 'search baseline']];
  const cells = (f: (r: LoadResult) => string) => [
    f(find('list', 'app')),
    f(find('list', 'baseline')),
    f(find('search', 'app')),
    f(find('search', 'baseline')),
  ];
  rows.push(['requests/s (200)', ...cells((r) => r.acceptedPerSecond.toFixed(0))]);
  rows.push(['latency p50 ms', ...cells((r) => `${r.latencyMs.p50}`)]);
  rows.push(['latency p90 ms', ...cells((r) => `${r.latencyMs.p90}`)]);
  rows.push(['latency p99 ms', ...cells((r) => `${r.latencyMs.p99}`)]);
  rows.push(['latency max ms', ...cells((r) => `${r.latencyMs.max}`)]);
  rows.push(['non-2xx / errors', ...cells((r) => `${r.non2xx} / ${r.connectionErrors}`)]);
  const ratio = (name: Phase['name']) => find(name, 'app').acceptedPerSecond / Math.max(1e-9, find(name, 'baseline').acceptedPerSecond);
  const verdicts = (['list', 'search'] as const).map((name) => ({
    name: `${name} p99 (app)`,
    target: `< ${TARGET_P99_MS[name]} ms`,
    actual: `${find(name, 'app').latencyMs.p99} ms`,
    pass: find(name, 'app').latencyMs.p99 < TARGET_P99_MS[name],
  }));
  const broken = phases.filter((p) => p.result.serverErrors > 0 || p.result.connectionErrors > 0 || p.result.accepted === 0);
  process.stdout.write(
    [
      '',
      `${settings.appeals} appeals; measured agencies hold ${facts.agencySizes.join(', ')}; c=${settings.connections}, ${settings.durationSeconds} s per phase`,
      '',
      table(rows),
      '',
      `app / baseline throughput: list ${ratio('list').toFixed(2)}, search ${ratio('search').toFixed(2)}`,
      '',
      table([['target', 'required', 'actual', 'result'], ...verdicts.map((v) => [v.name, v.target, v.actual, v.pass ? 'PASS' : 'FAIL'])]),
      '',
    ].join('\n'),
  );
  const file = join(RESULTS_DIR, 'cases.json');
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: 'cases', finishedAt: new Date().toISOString(), settings, facts, phases, ratios: { list: ratio('list'), search: ratio('search') }, verdicts }, null, 2)}\n`,
  );
  log(`results written to ${file}`);
  if (broken.length > 0) {
    process.stderr.write(
      `BENCHMARK BROKEN: ${broken.map((p) => `${p.server} ${p.name} ${JSON.stringify(p.result.statusCounts)}`).join('; ')}\n`,
    );
    return 1;
  }
  const failed = verdicts.filter((v) => !v.pass);
  process.stdout.write(failed.length ? `RESULT: FAIL (${failed.map((v) => v.name).join('; ')})\n` : 'RESULT: PASS\n');
  return failed.length ? 2 : 0;
}

let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopAllChildren().catch(() => undefined);
  const settings = activeSettings;
  if (!settings) return;
  await cleanRedis(settings.redisUrl, settings.queuePrefix).catch(() => undefined);
  if (!settings.keepDb) {
    await dropDatabase(settings.databaseUrl).catch((error: Error) =>
      process.stderr.write(`[bench:cases] could not drop the database: ${error.message}\n`),
    );
    log('bench database dropped (BENCH_KEEP_DB=true keeps it)');
  }
}

runBenchMain('cases', main, cleanup);
