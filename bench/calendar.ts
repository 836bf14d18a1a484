/**
 * `npm run bench:calendar`
 *  (a) addWorkingDays throughput against the naive date-fns baseline, in the same run;
 *  (b) recomputation after a holiday change with 1,000,000 open appeals in PostgreSQL, through the
 *      real service path (CalendarService.replaceYear: data, audit, SQL mirror, set-wise update and
 *      one hash-chained audit event per moved appeal). Targets: under 30 s, process memory < 500 MB.
 * BENCH_APPEALS overrides the number of appeals (e.g. 100000 for a quick run).
 */
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { CalendarService } from '../src/calendar/calendar.service';
import { Db } from '../src/platform/database/db';
import { benchAddWorkingDays } from './calendar-engine';
import { recreateDatabase } from './support/database';
import { benchAppConfig } from './support/app-config';
import { table } from './support/report';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emuraciet_bench_calendar';
const ADDED_HOLIDAY = { date: '2026-05-05', reason: 'Bench: a newly declared non-working day' };

async function main(): Promise<void> {
  const engine = await benchAddWorkingDays();
  console.log(`(a) addWorkingDays: ${fmt(engine.opsPerSec)} ops/s, baseline ${fmt(engine.baselineOpsPerSec)} ops/s, ratio ${engine.ratio.toFixed(1)}x`);

  await recreateDatabase(DATABASE_URL);
  const config = benchAppConfig(DATABASE_URL, `emb_cal_${process.pid}`);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const db = app.get(Db);
    const seedStarted = Date.now();
    await seed(db, APPEALS);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(`seeded ${fmt(APPEALS)} open appeals with their first audit event in ${seedSeconds.toFixed(1)} s`);

    const calendar = app.get(CalendarService);
    const [admin] = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
    const year2026 = calendar.year(2026);
    const changed = { ...year2026, nonWorkingDays: [...year2026.nonWorkingDays, ADDED_HOLIDAY] };

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = process.hrtime.bigint();
    const result = await calendar.replaceYear({ id: admin.id, role: 'admin', agencyId: null }, 2026, changed);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const [check] = await db.query<{ wrong: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM appeal_state
               WHERE review_due_date <> add_working_days(review_term_from, review_term_working_days)) AS wrong,
              (SELECT count(*)::int FROM appeal_events WHERE type = 'deadline_moved') AS events`,
    );
    if (check.wrong !== 0 || check.events !== result.movedAppeals) {
      throw new Error(`recomputation is wrong: ${check.wrong} appeals off the calendar, ${check.events} events for ${result.movedAppeals} moves`);
    }

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      '\n' +
        table([
          ['measure', 'target', 'result', ''],
          ['(a) addWorkingDays ops/s', '>= 5,000,000', fmt(engine.opsPerSec), pass(engine.opsPerSec >= 5e6)],
          ['(a) ratio to date-fns baseline', '>= 20x', `${engine.ratio.toFixed(1)}x`, pass(engine.ratio >= 20)],
          [`(b) recompute, ${fmt(APPEALS)} open appeals`, '< 30 s', `${seconds.toFixed(1)} s`, pass(seconds < 30)],
          ['(b) appeals moved (events written)', '', fmt(result.movedAppeals), ''],
          ['(b) process memory peak (RSS)', '< 500 MB', mb(peakRss), pass(peakRss < 500 * 1024 * 1024)],
        ]),
    );
    const results = { engine, recompute: { appeals: APPEALS, seconds, moved: result.movedAppeals, peakRssBytes: peakRss, seedSeconds } };
    mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'calendar.json'), JSON.stringify(results, null, 2));
  } finally {
    await app.close();
  }
}

/**
 * Open appeals received over the three weeks before the added holiday, so nearly every term
 * spans it (the worst case). Deadlines come from the SQL mirror the service wrote at start.
 */
async function seed(db: Db, count: number): Promise<void> {
  await db.query(`INSERT INTO users (email, password_hash, full_name, role) VALUES ('bench-citizen@bench.local', 'x', 'Bench', 'citizen')
                  ON CONFLICT DO NOTHING`);
  const batch = 100_000;
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await db.query(
      `WITH agency AS (SELECT id FROM agencies WHERE code = 'MTAX'),
            citizen AS (SELECT id FROM users WHERE email = 'bench-citizen@bench.local'),
            rows AS (
              SELECT gen_random_uuid() AS id, g AS n, date '2026-04-13' + (g % 21) AS received_on
              FROM generate_series($1::int, $2::int) g),
            appeal AS (
              INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on,
                registered_at, owner_user_id, registered_by, agency_id)
              SELECT r.id, 'B-2026-' || lpad(r.n::text, 7, '0'), 'complaint', 'Bench', 'Bench appeal text', 'portal',
                'standard', r.received_on, r.received_on + time '10:00', citizen.id, citizen.id, agency.id
              FROM rows r, citizen, agency
              RETURNING id, registered_by, registered_at, received_on),
            event AS (
              INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
              SELECT a.id, 1, 'registered', a.registered_by, 'citizen', a.registered_at, '{}'::jsonb, NULL,
                     appeal_event_hash(NULL, a.id, 1, 'registered', a.registered_by, 'citizen', a.registered_at, '{}'::jsonb)
              FROM appeal a
              RETURNING appeal_id, hash)
       INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, referral_due_date,
         review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash)
       SELECT a.id, agency.id, 'registered', a.received_on, 15, add_working_days(a.received_on, 3),
              add_working_days(a.received_on, 15), (add_working_days(a.received_on, 15) + time '23:59:59') AT TIME ZONE 'Asia/Baku',
              1, 1, e.hash
       FROM appeal a JOIN event e ON e.appeal_id = a.id, agency`,
      [offset + 1, offset + size],
    );
  }
  await db.query('VACUUM ANALYZE appeals');
  await db.query('VACUUM ANALYZE appeal_state');
  await db.query('VACUUM ANALYZE appeal_events');
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
