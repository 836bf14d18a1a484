/**
 * `npm run bench:evaluation`: the league table (methodology sect. 5) for a year over 1,000
 * agencies and 5,000,000 appeals, through EvaluationResultsService (the maintained summary plus
 * the open cases live), against the plain GROUP BY over every case measured in the same run.
 * Targets: league table under 1 s; both give the same figures. The bench database is dropped at
 * the end. BENCH_APPEALS / BENCH_AGENCIES override the size (e.g. 500000 for a quick run).
 */
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { EvaluationResultsService } from '../src/evaluation/evaluation-results.service';
import { ResponsivenessRepository } from '../src/evaluation/responsiveness.repository';
import { dropDatabase, recreateDatabase, settleDatabase, withClient } from './support/database';
import { benchAppConfig } from './support/app-config';
import { table, thousands } from './support/report';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 5_000_000);
const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 1_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emuraciet_bench_evaluation';
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const TARGET_SECONDS = 1;
const RUNS = 5;

async function main(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  const config = benchAppConfig(DATABASE_URL, `emb_eval_${process.pid}`);
  // The app starts first: it loads agencies, the calendar mirror the working days are counted with, and the admin.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const seedStarted = Date.now();
    await withClient(DATABASE_URL, seed);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(`seeded ${thousands(AGENCIES)} agencies and ${thousands(APPEALS)} appeals in ${seedSeconds.toFixed(1)} s`);

    const rebuildStarted = Date.now();
    await withClient(DATABASE_URL, (c) => c.query('SELECT evaluation_rebuild_summary()'));
    const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
    await settleDatabase(DATABASE_URL);
    const summaryRows = await withClient(DATABASE_URL, async (c) =>
      Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM evaluation_counts')).rows[0].n),
    );
    console.log(`summary rebuilt set-wise in ${rebuildSeconds.toFixed(1)} s (${thousands(summaryRows)} count rows)`);

    const results = app.get(EvaluationResultsService);
    const repo = app.get(ResponsivenessRepository);
    const now = new Date();
    const league = await timed(RUNS, () => results.compute({ ...YEAR, scope: null }));
    const summary = await timed(RUNS, () => repo.aggregate({ ...YEAR, now, agencyIds: null }));
    const naive = await timed(2, () => repo.aggregateDirect({ ...YEAR, now, agencyIds: null }));
    const same = JSON.stringify(summary.value) === JSON.stringify(naive.value);
    const ratio = naive.median / league.median;
    const rows = [
      ['measure', 'median s', 'runs'],
      ['league table, service (summary + open cases live + methodology)', league.median.toFixed(3), String(RUNS)],
      ['  of which the summary SQL', summary.median.toFixed(3), String(RUNS)],
      ['naive GROUP BY over all appeals (baseline)', naive.median.toFixed(3), '2'],
    ];
    console.log(table(rows));
    const verdicts = [
      ['target', 'measured', 'verdict'],
      [`league table < ${TARGET_SECONDS} s`, `${league.median.toFixed(3)} s`, league.median < TARGET_SECONDS ? 'PASS' : 'FAIL'],
      ['same figures as the baseline', same ? 'identical' : 'DIFFERENT', same ? 'PASS' : 'FAIL'],
      ['speed-up over the baseline', `${ratio.toFixed(1)}x`, 'info'],
    ];
    console.log(table(verdicts));
    mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'evaluation.json'),
      JSON.stringify(
        {
          appeals: APPEALS,
          agencies: AGENCIES,
          seedSeconds,
          rebuildSeconds,
          summaryRows,
          league: league.median,
          summary: summary.median,
          naive: naive.median,
          ratio,
          same,
        },
        null,
        2,
      ),
    );
    if (league.median >= TARGET_SECONDS || !same) process.exitCode = 1;
  } finally {
    await app.close();
    await dropDatabase(DATABASE_URL);
  }
}

/**
 * Everything set-wise with generate_series, triggers off (session_replication_role) and the
 * summary rebuilt afterwards, as after a bulk load. Two years of appeals, 21 calendar days per term;
 * 90 % answered, 3 % left without consideration, 3 % referred (each with its referral record), 4 % open.
 */
async function seed(client: Client): Promise<void> {
  await client.query(`SET session_replication_role = replica`);
  // Full-text search over the seeded subjects is not what this bench measures.
  await client.query(`DROP INDEX IF EXISTS appeals_search_idx`);
  await client.query(`INSERT INTO agencies (code, name) SELECT 'BENCH-' || g, 'Bench agency ' || g FROM generate_series(1, $1) g`, [
    AGENCIES,
  ]);
  await client.query(
    `CREATE TEMP TABLE bench_agency AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM agencies WHERE code LIKE 'BENCH-%'`,
  );
  await client.query(`CREATE UNIQUE INDEX ON bench_agency (n)`);
  const [{ id: adminId }] = (await client.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)).rows;
  await client.query(`
    CREATE TEMP TABLE bench_case AS
    SELECT g, md5(g::text)::uuid AS id, (g % ${AGENCIES}) AS agency_n,
           DATE '2025-01-01' + (g % 700) AS received_on,
           CASE WHEN g % 100 < 90 THEN 'answered' WHEN g % 100 < 93 THEN 'left_without_consideration'
                WHEN g % 100 < 96 THEN 'referred' ELSE 'registered' END AS status
    FROM generate_series(1, ${APPEALS}) g`);
  await client.query(
    `INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on, registered_at, registered_by, agency_id)
     SELECT c.id, 'B-' || c.g, 'complaint', 'Mövzu', 'Mətn', 'portal', 'standard', c.received_on,
            c.received_on + time '09:00', $1, a.id FROM bench_case c JOIN bench_agency a ON a.n = c.agency_n`,
    [adminId],
  );
  await client.query(`
    INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, extension_working_days,
                              review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash, closed_at)
    SELECT c.id, a.id, c.status, c.received_on, 15, CASE WHEN c.g % 17 = 0 THEN 10 ELSE 0 END,
           c.received_on + 21, ((c.received_on + 22)::timestamp AT TIME ZONE 'Asia/Baku') - interval '1 second',
           1, 1, 'bench',
           CASE WHEN c.status = 'referred' THEN (c.received_on + 2 + (c.g % 3)) + time '10:00'
                WHEN c.status <> 'registered' THEN (c.received_on + (c.g % 29)) + time '10:00' END
    FROM bench_case c JOIN bench_agency a ON a.n = c.agency_n`);
  await client.query(`
    INSERT INTO appeal_feedback (appeal_id, satisfied, given_at)
    SELECT c.id, c.g % 3 <> 0, now() FROM bench_case c WHERE c.status = 'answered' AND c.g % 10 = 0`);
  // A referral is sent to the next appeal's agency; Art. 7.10 on time = within 3 working days (here: 3 days).
  await client.query(
    `INSERT INTO appeal_referrals (appeal_id, to_appeal_id, kind, from_agency_id, to_agency_id, received_on, due_date, referred_on,
                                   on_time, referred_by, referred_at)
     SELECT c.id, md5((c.g + 1)::text)::uuid, 'referral', a.id, b.id, c.received_on, c.received_on + 3,
            c.received_on + 2 + (c.g % 3), 2 + (c.g % 3) <= 3, $1, c.received_on + 2 + (c.g % 3) + time '10:00'
     FROM bench_case c JOIN bench_agency a ON a.n = c.agency_n JOIN bench_agency b ON b.n = (c.agency_n + 1) % ${AGENCIES}
     WHERE c.status = 'referred' AND c.g < ${APPEALS}`,
    [adminId],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  await client.query(`ANALYZE`);
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ median: number; value: T }> {
  const seconds: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    value = await work();
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  return { median: seconds[Math.floor(seconds.length / 2)], value: value as T };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
