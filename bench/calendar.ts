/**
 * `npm run bench:calendar`
 *  (a) addWorkingDays throughput against the naive date-fns baseline, in the same run;
 *  (b) recomputation after a holiday change with 1,000,000 open appeals in PostgreSQL, through the
 *      real service path (CalendarService.replaceYear: data, audit, SQL mirror, set-wise update and
 *      one hash-chained audit event per moved appeal). Targets: under 30 s, process memory < 500 MB.
 * BENCH_APPEALS overrides the number of appeals (e.g. 100000 for a quick run); BENCH_APPLICANT_EMAILS=1
 * gives every applicant an e-mail, so each moved deadline also writes the applicant's notice.
 * BENCH_DATABASE_URL another bench database; BENCH_WEBHOOK_EVENTS a webhook subscription during (b).
 */
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { CalendarService } from '../src/calendar/calendar.service';
import { Db } from '../src/platform/database/db';
import { benchAddWorkingDays } from './calendar-engine';
import { recreateDatabase, vacuumAnalyze } from './support/database';
import { benchAppConfig } from './support/app-config';
import { planDeferredTimers, seedOpenAppeals } from './support/seed';
import { cleanRedis } from './support/app';
import { table, thousands } from './support/report';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emuraciet_bench_calendar';
const ADDED_HOLIDAY = { date: '2026-05-05', reason: 'Bench: a newly declared non-working day' };

async function main(): Promise<void> {
  const engine = await benchAddWorkingDays();
  console.log(
    `(a) addWorkingDays: ${thousands(engine.opsPerSec)} ops/s, baseline ${thousands(engine.baselineOpsPerSec)} ops/s, ratio ${engine.ratio.toFixed(1)}x`,
  );

  await recreateDatabase(DATABASE_URL);
  const config = benchAppConfig(DATABASE_URL, `emb_cal_${process.pid}`);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const db = app.get(Db);
    const seedStarted = Date.now();
    await seed(db, APPEALS);
    // Their timers, as the scheduler plans them after a bulk insert: the recomputation moves them.
    await planDeferredTimers(app);
    // As autovacuum leaves them before the change: its pass over millions of new timers would
    // otherwise run during the measured recomputation.
    await vacuumAnalyze(DATABASE_URL, ['deadline_timers', 'deadline_timer_replans']);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(`seeded ${thousands(APPEALS)} open appeals with their first audit event in ${seedSeconds.toFixed(1)} s`);

    const calendar = app.get(CalendarService);
    const [admin] = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
    // BENCH_WEBHOOK_EVENTS: a live webhook subscription, so the audit trail's webhook trigger scans
    // every slice's events (deadline_moved is never delivered, so nothing is sent).
    if (process.env.BENCH_WEBHOOK_EVENTS) {
      await db.query(
        `INSERT INTO webhook_subscriptions (url, events, secret, created_by) VALUES ('https://hooks.bench.invalid/h', $1::text[], 'whsec_bench', $2)`,
        [process.env.BENCH_WEBHOOK_EVENTS.split(','), admin.id],
      );
      console.log(`webhook subscription for every agency, events ${process.env.BENCH_WEBHOOK_EVENTS}`);
    }
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
    const [notices] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE dedupe_key LIKE 'mail:appeal-notice:%'`);
    if (check.wrong !== 0 || check.events !== result.movedAppeals) {
      throw new Error(
        `recomputation is wrong: ${check.wrong} appeals off the calendar, ${check.events} events for ${result.movedAppeals} moves`,
      );
    }

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      '\n' +
        table([
          ['measure', 'target', 'result', ''],
          ['(a) addWorkingDays ops/s', '>= 5,000,000', thousands(engine.opsPerSec), pass(engine.opsPerSec >= 5e6)],
          ['(a) ratio to date-fns baseline', '>= 20x', `${engine.ratio.toFixed(1)}x`, pass(engine.ratio >= 20)],
          [`(b) recompute, ${thousands(APPEALS)} open appeals`, '< 30 s', `${seconds.toFixed(1)} s`, pass(seconds < 30)],
          ['(b) appeals moved (events written)', '', thousands(result.movedAppeals), ''],
          ["(b) applicants' notices written (BENCH_APPLICANT_EMAILS=1 gives each an e-mail)", '', thousands(notices.n), ''],
          ['(b) process memory peak (RSS)', '< 500 MB', mb(peakRss), pass(peakRss < 500 * 1024 * 1024)],
        ]),
    );
    const results = {
      engine,
      recompute: { appeals: APPEALS, seconds, moved: result.movedAppeals, notices: notices.n, peakRssBytes: peakRss, seedSeconds },
    };
    mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'calendar.json'), JSON.stringify(results, null, 2));
  } finally {
    await app.close();
    // The notices' queue jobs (no consumer in this run).
    await cleanRedis(config.redisUrl as string, config.queuePrefix);
  }
}

/**
 * Open appeals received over the three weeks before the added holiday, so nearly every term
 * spans it (the worst case). Deadlines come from the SQL mirror the service wrote at start.
 */
function seed(db: Db, count: number): Promise<void> {
  return seedOpenAppeals(db, DATABASE_URL, count, {
    status: 'registered',
    receivedOn: `date '2026-04-13' + (g % 21)`,
    // BENCH_APPLICANT_EMAILS=1: every applicant gave an e-mail, so each moved deadline also writes a notice.
    applicantEmails: ['1', 'true'].includes(process.env.BENCH_APPLICANT_EMAILS ?? ''),
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
