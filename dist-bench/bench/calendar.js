"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `npm run bench:calendar`
 *  (a) addWorkingDays throughput against the naive date-fns baseline, in the same run;
 *  (b) recomputation after a holiday change with 1,000,000 open appeals in PostgreSQL, through the
 *      real service path (CalendarService.replaceYear: data, audit, SQL mirror, set-wise update and
 *      one hash-chained audit event per moved appeal). Targets: under 30 s, process memory < 500 MB.
 * BENCH_APPEALS overrides the number of appeals (e.g. 100000 for a quick run).
 */
const core_1 = require("@nestjs/core");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const app_module_1 = require("../src/app.module");
const calendar_service_1 = require("../src/calendar/calendar.service");
const app_config_1 = require("../src/platform/config/app-config");
const db_1 = require("../src/platform/database/db");
const calendar_engine_1 = require("./calendar-engine");
const database_1 = require("./support/database");
const report_1 = require("./support/report");
const APPEALS = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emuraciet_bench_calendar';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDED_HOLIDAY = { date: '2026-05-05', reason: 'Bench: a newly declared non-working day' };
async function main() {
    const engine = await (0, calendar_engine_1.benchAddWorkingDays)();
    console.log(`(a) addWorkingDays: ${fmt(engine.opsPerSec)} ops/s, baseline ${fmt(engine.baselineOpsPerSec)} ops/s, ratio ${engine.ratio.toFixed(1)}x`);
    await (0, database_1.recreateDatabase)(DATABASE_URL);
    const config = (0, app_config_1.loadConfig)({
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
        DATABASE_URL,
        REDIS_URL,
        APP_ROLE: 'api',
        QUEUE_PREFIX: `emb_cal_${process.pid}`,
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: 'admin@bench.local',
        ADMIN_PASSWORD: 'bench-admin-password',
    });
    const app = await core_1.NestFactory.createApplicationContext(app_module_1.AppModule.forRoot(config), { logger: ['error', 'warn'] });
    try {
        const db = app.get(db_1.Db);
        const seedStarted = Date.now();
        await seed(db, APPEALS);
        const seedSeconds = (Date.now() - seedStarted) / 1000;
        console.log(`seeded ${fmt(APPEALS)} open appeals with their first audit event in ${seedSeconds.toFixed(1)} s`);
        const calendar = app.get(calendar_service_1.CalendarService);
        const [admin] = await db.query(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
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
        const [check] = await db.query(`SELECT (SELECT count(*)::int FROM appeals
               WHERE review_due_date <> add_working_days(review_term_from, review_term_working_days)) AS wrong,
              (SELECT count(*)::int FROM appeal_events WHERE type = 'deadline_moved') AS events`);
        if (check.wrong !== 0 || check.events !== result.movedAppeals) {
            throw new Error(`recomputation is wrong: ${check.wrong} appeals off the calendar, ${check.events} events for ${result.movedAppeals} moves`);
        }
        const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
        const pass = (ok) => (ok ? 'PASS' : 'FAIL');
        console.log('\n' +
            (0, report_1.table)([
                ['measure', 'target', 'result', ''],
                ['(a) addWorkingDays ops/s', '>= 5,000,000', fmt(engine.opsPerSec), pass(engine.opsPerSec >= 5e6)],
                ['(a) ratio to date-fns baseline', '>= 20x', `${engine.ratio.toFixed(1)}x`, pass(engine.ratio >= 20)],
                [`(b) recompute, ${fmt(APPEALS)} open appeals`, '< 30 s', `${seconds.toFixed(1)} s`, pass(seconds < 30)],
                ['(b) appeals moved (events written)', '', fmt(result.movedAppeals), ''],
                ['(b) process memory peak (RSS)', '< 500 MB', mb(peakRss), pass(peakRss < 500 * 1024 * 1024)],
            ]));
        const results = { engine, recompute: { appeals: APPEALS, seconds, moved: result.movedAppeals, peakRssBytes: peakRss, seedSeconds } };
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(__dirname, '..', '..', 'bench', 'results', 'calendar.json'), JSON.stringify(results, null, 2));
    }
    finally {
        await app.close();
    }
}
/**
 * Open appeals received over the three weeks before the added holiday, so nearly every term
 * spans it (the worst case). Deadlines come from the SQL mirror the service wrote at start.
 */
async function seed(db, count) {
    await db.query(`INSERT INTO users (email, password_hash, full_name, role) VALUES ('bench-citizen@bench.local', 'x', 'Bench', 'citizen')
                  ON CONFLICT DO NOTHING`);
    const batch = 100_000;
    for (let offset = 0; offset < count; offset += batch) {
        const size = Math.min(batch, count - offset);
        await db.query(`WITH agency AS (SELECT id FROM agencies WHERE code = 'MTAX'),
            citizen AS (SELECT id FROM users WHERE email = 'bench-citizen@bench.local'),
            rows AS (
              SELECT gen_random_uuid() AS id, g AS n, date '2026-04-13' + (g % 21) AS received_on
              FROM generate_series($1::int, $2::int) g),
            inserted AS (
              INSERT INTO appeals (id, registration_number, type, status, agency_id, subject, body, channel, regime,
                received_on, registered_at, review_term_from, owner_user_id, registered_by, referral_due_date,
                review_due_date, review_due_at, review_term_working_days, calendar_version)
              SELECT r.id, 'B-2026-' || lpad(r.n::text, 7, '0'), 'complaint', 'registered', agency.id, 'Bench', 'Bench appeal text',
                'portal', 'standard', r.received_on, r.received_on + time '10:00', r.received_on, citizen.id, citizen.id,
                add_working_days(r.received_on, 3), add_working_days(r.received_on, 15),
                (add_working_days(r.received_on, 15) + time '23:59:59') AT TIME ZONE 'Asia/Baku', 15, 1
              FROM rows r, agency, citizen
              RETURNING id, registered_by, registered_at)
       INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       SELECT i.id, 1, 'registered', i.registered_by, 'citizen', i.registered_at, '{}'::jsonb, NULL,
              appeal_event_hash(NULL, i.id, 1, 'registered', i.registered_by, 'citizen', i.registered_at, '{}'::jsonb)
       FROM inserted i`, [offset + 1, offset + size]);
    }
    await db.query('VACUUM ANALYZE appeals');
    await db.query('VACUUM ANALYZE appeal_events');
}
function fmt(n) {
    return Math.round(n).toLocaleString('en-US');
}
main().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=calendar.js.map