/**
 * `npm run bench:timers` (issue 5): deadline timers at national scale.
 *  - seeds BENCH_APPEALS (1,000,000) open appeals directly with SQL; the planning trigger gives them
 *    their timers. BENCH_BURST (100,000) of them are overdue since the last midnight (their earlier
 *    timers marked fired on their days), the others due within the next weeks;
 *  (a) the burst: one scheduler tick claims the 100,000 due overdue timers, hands them to Redis, and
 *      the worker fires them (an alert each; one mail per recipient and job); timers/s end to end to the handler,
 *      against bare BullMQ add + process of as many no-op jobs in the same run;
 *  (b) Redis memory of this run's keys with all appeals open (only the scheduler's horizon is in
 *      Redis), at steady state and at the burst's peak;
 *  (c) the scheduler tick when nothing is due: median and p99 over BENCH_IDLE_TICKS (200) ticks.
 * Its database (emuraciet_bench_timers) is dropped at the end; its Redis keys too.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TimerScheduler } from '../src/alerts/timer.scheduler';
import { TIMER_CONCURRENCY, TimerFiring } from '../src/alerts/timer.worker';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/platform/config/app-config';
import { Db } from '../src/platform/database/db';
import { QUEUE_NAMES, TimerJobPayload } from '../src/platform/queue/queues';
import { dropDatabase, recreateDatabase, vacuumAnalyze } from './support/database';
import { planDeferredTimers, seedOpenAppeals } from './support/seed';
import { table, thousands } from './support/report';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const BURST = Number(process.env.BENCH_BURST ?? 100_000);
const IDLE_TICKS = Number(process.env.BENCH_IDLE_TICKS ?? 200);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emuraciet_bench_timers';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `emb_tim_${process.pid}`;
/** Bare BullMQ's best concurrency on this machine (tried 8..500); the app's timer worker uses TIMER_CONCURRENCY. */
const BASELINE_CONCURRENCY = 100;
const TARGETS = { minTimersPerSecond: 20_000, maxRedisMb: 100, maxIdleTickMs: 10 };

async function main(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL,
    REDIS_URL,
    // No consumers start by themselves: the bench runs the timer worker, and mail stays in the outbox.
    APP_ROLE: 'api',
    SCHEDULER_ENABLED: 'false',
    QUEUE_PREFIX: PREFIX,
    TIMER_BATCH_MAX: process.env.TIMER_BATCH_MAX,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'admin@bench.local',
    ADMIN_PASSWORD: 'bench-admin-password',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const db = app.get(Db);
    const seedStarted = Date.now();
    const seeded = await seed(app, db);
    console.log(
      `seeded ${thousands(APPEALS)} open appeals with ${thousands(seeded.timers)} timers (${thousands(seeded.burst)} due now) in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`,
    );
    const replanRate = seeded.replanned / seeded.replanSeconds;
    console.log(
      `timers of ${thousands(seeded.replanned)} bulk-inserted appeals planned in the background in ${seeded.replanSeconds.toFixed(1)} s (${thousands(replanRate)} appeals/s)`,
    );

    const baseline = await bareBullmq(redis, BURST);
    console.log(`baseline: bare BullMQ add + process ${thousands(BURST)} jobs: ${thousands(baseline.perSecond)}/s`);

    const scheduler = app.get(TimerScheduler);
    const firing = app.get(TimerFiring);
    let fired = 0;
    let allFired: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allFired = resolve));
    const worker = new Worker<TimerJobPayload>(
      QUEUE_NAMES.timers,
      async (job: Job<TimerJobPayload>) => {
        const result = await firing.fire(job.data);
        fired += result.fired;
        if (fired >= seeded.burst) allFired();
        return result;
      },
      { connection: new IORedis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: PREFIX, concurrency: TIMER_CONCURRENCY },
    );

    const started = process.hrtime.bigint();
    const tick = await scheduler.tick();
    const tickSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRedis = await redisUsage(redis);
    await done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perSecond = seeded.burst / seconds;
    console.log(
      `(a) burst: ${thousands(tick.claimed)} claimed into ${thousands(tick.jobs)} jobs in ${tickSeconds.toFixed(2)} s; ${thousands(fired)} fired in ${seconds.toFixed(2)} s`,
    );
    await worker.close();

    // Every timer has its alert, and every alert is in exactly one mail (one per recipient and job).
    const [check] = await db.query<{ alerts: number; mailed: number; distinct: number; mails: number }>(
      `SELECT (SELECT count(*)::int FROM alerts) AS alerts, count(*)::int AS mailed, count(DISTINCT e.alert_id)::int AS distinct,
              (SELECT count(*)::int FROM outbox WHERE dedupe_key LIKE 'mail:deadline-alert:%') AS mails
       FROM outbox o, jsonb_array_elements_text(o.payload->'alertIds') AS e(alert_id) WHERE o.dedupe_key LIKE 'mail:deadline-alert:%'`,
    );
    if (check.alerts !== seeded.burst || check.mailed !== seeded.burst || check.distinct !== seeded.burst) {
      throw new Error(
        `burst is wrong: ${check.alerts} alerts, ${check.mailed} mailed (${check.distinct} distinct) for ${seeded.burst} timers`,
      );
    }
    console.log(`    ${thousands(check.alerts)} alerts, mailed to the supervisor in ${thousands(check.mails)} mails`);

    // Steady state: all appeals open, nothing due within the horizon; the mail jobs of the burst
    // (an outbox queue with no consumer in this run) are removed first: they are not timers.
    await new Queue(QUEUE_NAMES.outbox, { connection: redis, prefix: PREFIX }).obliterate({ force: true });
    const afterBurst = await idleTicks(scheduler, 50);
    // Steady state: the dead rows the burst left are vacuumed, as autovacuum does within a minute
    // (the migration sets these tables' autovacuum thresholds low).
    await vacuumAnalyze(DATABASE_URL, ['deadline_timers', 'deadline_timer_replans', 'alerts', 'outbox']);
    const idle = await idleTicks(scheduler, IDLE_TICKS);
    const idleMedian = idle.median;
    const idleP99 = idle.p99;
    const steadyRedis = await redisUsage(redis);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      '\n' +
        table([
          ['measure', 'target', 'result', ''],
          [
            `(a) burst of ${thousands(seeded.burst)} due timers, end to end to the handler`,
            `>= ${thousands(TARGETS.minTimersPerSecond)}/s`,
            `${thousands(perSecond)}/s`,
            pass(perSecond >= TARGETS.minTimersPerSecond),
          ],
          ['(a) baseline: bare BullMQ add + no-op process, 1 job per item', '', `${thousands(baseline.perSecond)}/s`, ''],
          ['(a) ratio timers / baseline jobs', '', `${(perSecond / baseline.perSecond).toFixed(2)}x`, ''],
          [
            `(b) Redis, this run's keys, ${thousands(APPEALS)} open, steady`,
            `< ${TARGETS.maxRedisMb} MB`,
            `${mb(steadyRedis.bytes)} (${thousands(steadyRedis.keys)} keys)`,
            pass(steadyRedis.bytes < TARGETS.maxRedisMb * 1024 * 1024),
          ],
          [
            "(b) same, at the burst's peak (incl. its alert mails' outbox jobs)",
            '',
            `${mb(peakRedis.bytes)} (${thousands(peakRedis.keys)} keys)`,
            '',
          ],
          [
            '(c) idle scheduler tick, median',
            `< ${TARGETS.maxIdleTickMs} ms`,
            `${idleMedian.toFixed(2)} ms`,
            pass(idleMedian < TARGETS.maxIdleTickMs),
          ],
          ['(c) idle scheduler tick, p99', '', `${idleP99.toFixed(2)} ms`, ''],
          ['(c) idle tick right after the burst, before vacuum, median', '', `${afterBurst.median.toFixed(2)} ms`, ''],
          ['background re-plan after a bulk change (appeals/s)', '', thousands(replanRate), ''],
        ]),
    );
    const results = {
      appeals: APPEALS,
      replanRate,
      afterBurst,
      timers: seeded.timers,
      burst: seeded.burst,
      perSecond,
      baseline,
      tick,
      idleMedian,
      idleP99,
      steadyRedis,
      peakRedis,
    };
    mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'timers.json'), JSON.stringify(results, null, 2));
  } finally {
    await app.close();
    await deleteKeys(redis);
    redis.disconnect();
    // BENCH_KEEP_DATABASE=1 keeps it for a look at the plans (EXPLAIN) after the run.
    if (!process.env.BENCH_KEEP_DATABASE) await dropDatabase(DATABASE_URL);
  }
}

/**
 * Open appeals in review at MTAX (one supervisor, so each alert writes one mail): BURST of them
 * due on the last working day before today, so their overdue timers all fired at midnight; the
 * rest received over the last ten working days, with every timer at least two working days ahead.
 */
async function seed(
  app: INestApplicationContext,
  db: Db,
): Promise<{ timers: number; burst: number; replanned: number; replanSeconds: number }> {
  await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, agency_id)
     SELECT 'bench-supervisor@bench.local', 'x', 'Bench supervisor', 'supervisor', id FROM agencies WHERE code = 'MTAX'`,
  );
  await seedOpenAppeals(db, DATABASE_URL, APPEALS, {
    status: 'in_review',
    receivedOn: `(SELECT w.day FROM calendar_days w, calendar_days today
                  WHERE today.day = (now() AT TIME ZONE 'Asia/Baku')::date
                    AND w.is_working AND w.ordinal = today.ordinal - CASE WHEN g <= $3 THEN 16 ELSE (g % 10) END)`,
    params: [BURST],
  });
  // Bulk inserts leave the planning to the scheduler, as a calendar recomputation does: drain it,
  // timed (the rate at which the timers of a bulk change are re-planned in the background).
  const planned = await planDeferredTimers(app);
  // The burst's warnings went out on their days; its overdue timers are what is due now.
  await db.query(`UPDATE deadline_timers SET state = 'fired', fired_at = fire_at WHERE fire_at <= now() AND kind <> 'overdue'`);
  await vacuumAnalyze(DATABASE_URL, ['deadline_timers', 'deadline_timer_replans']);
  const [counts] = await db.query<{ timers: number; burst: number }>(
    `SELECT (SELECT count(*)::int FROM deadline_timers) AS timers,
            (SELECT count(*)::int FROM deadline_timers WHERE state = 'pending' AND fire_at <= now()) AS burst`,
  );
  return { ...counts, replanned: planned.appeals, replanSeconds: planned.seconds };
}

/** Ticks of the scheduler with nothing due, in ms. */
async function idleTicks(scheduler: TimerScheduler, count: number): Promise<{ median: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const result = await scheduler.tick();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.claimed !== 0) throw new Error('an idle tick claimed timers');
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
}

/** The same number of jobs through BullMQ with nothing else: addBulk by 1,000, a no-op processor. */
async function bareBullmq(redis: IORedis, count: number): Promise<{ perSecond: number; seconds: number }> {
  const queue = new Queue('bench-baseline', { connection: redis, prefix: PREFIX });
  let processed = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker(
    'bench-baseline',
    async () => {
      if (++processed === count) finished();
    },
    { connection: new IORedis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: PREFIX, concurrency: BASELINE_CONCURRENCY },
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, count - i) }, (_, j) => ({
        name: 'noop',
        data: { id: i + j },
        opts: { jobId: `b-${i + j}`, removeOnComplete: { age: 600, count: 1_000 } },
      })),
    );
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { perSecond: count / seconds, seconds };
}

/** MEMORY USAGE of every key of this run (the Redis server may be shared with other work). */
async function redisUsage(redis: IORedis): Promise<{ bytes: number; keys: number }> {
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    for (const key of found) {
      bytes += Number((await redis.call('MEMORY', 'USAGE', key)) ?? 0);
      keys++;
    }
    cursor = next;
  } while (cursor !== '0');
  return { bytes, keys };
}

async function deleteKeys(redis: IORedis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
