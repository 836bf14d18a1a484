"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.benchAddWorkingDays = benchAddWorkingDays;
/**
 * Throughput of WorkingDayCalendar.addWorkingDays against the naive approach (date-fns
 * addBusinessDays, then skip holidays found in a Set), in the same run.
 *   npx tsc --outDir /tmp/calbench --module commonjs --target es2022 --strict --esModuleInterop \
 *     --skipLibCheck --resolveJsonModule bench/calendar-engine.ts &&
 *     NODE_PATH=$PWD/node_modules node /tmp/calbench/bench/calendar-engine.js
 */
const date_fns_1 = require("date-fns");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const domain_1 = require("../src/calendar/domain");
const ENGINE_OPS = 5_000_000;
const BASELINE_OPS = 200_000;
const POOL_SIZE = 1 << 16;
const MAX_N = 30;
/** Deterministic PRNG (mulberry32) so runs are comparable. */
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
function calendarDir() {
    const candidates = [(0, node_path_1.join)(__dirname, '..', 'config', 'calendar'), (0, node_path_1.join)(process.cwd(), 'config', 'calendar')];
    const found = candidates.find((dir) => (0, node_fs_1.existsSync)(dir));
    if (found === undefined)
        throw new Error(`config/calendar not found (looked in ${candidates.join(', ')})`);
    return found;
}
/** The naive approach: step business days with date-fns and skip dates listed as holidays. */
function naiveAddWorkingDays(date, n, holidays) {
    let d = (0, date_fns_1.parseISO)(date);
    for (let left = n; left > 0;) {
        d = (0, date_fns_1.addBusinessDays)(d, 1);
        if (!holidays.has((0, date_fns_1.formatISO)(d, { representation: 'date' })))
            left -= 1;
    }
    return (0, date_fns_1.formatISO)(d, { representation: 'date' });
}
function seconds(start) {
    return Number(process.hrtime.bigint() - start) / 1e9;
}
async function benchAddWorkingDays() {
    const calendar = domain_1.WorkingDayCalendar.build((0, domain_1.loadCalendarYearsFromDir)(calendarDir()));
    const next = random(20260302);
    const first = (0, domain_1.toDayNumber)('2025-01-01');
    const span = (0, domain_1.toDayNumber)('2027-12-31') - first + 1;
    const dates = [];
    const ns = new Int32Array(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) {
        dates.push((0, domain_1.fromDayNumber)(first + Math.floor(next() * span)));
        ns[i] = 1 + Math.floor(next() * MAX_N);
    }
    // The baseline knows the same non-working weekdays (these years have no working weekend days).
    const holidays = new Set();
    for (let year = 2025; year <= 2028; year++) {
        for (const entry of calendar.yearOf(year).nonWorkingDays)
            holidays.add(entry.date);
    }
    for (let i = 0; i < 2000; i++) {
        const expected = calendar.addWorkingDays(dates[i], ns[i]);
        const naive = naiveAddWorkingDays(dates[i], ns[i], holidays);
        if (naive !== expected)
            throw new Error(`Baseline disagrees on ${dates[i]} + ${ns[i]}: ${naive} vs ${expected}`);
    }
    const mask = POOL_SIZE - 1;
    let sink = 0;
    // Warm up the JIT on both paths before timing.
    for (let i = 0; i < 200_000; i++)
        sink += calendar.addWorkingDays(dates[i & mask], ns[i & mask]).length;
    for (let i = 0; i < 5_000; i++)
        sink += naiveAddWorkingDays(dates[i & mask], ns[i & mask], holidays).length;
    let start = process.hrtime.bigint();
    for (let i = 0; i < ENGINE_OPS; i++)
        sink += calendar.addWorkingDays(dates[i & mask], ns[i & mask]).length;
    const engineSeconds = seconds(start);
    start = process.hrtime.bigint();
    for (let i = 0; i < BASELINE_OPS; i++)
        sink += naiveAddWorkingDays(dates[i & mask], ns[i & mask], holidays).length;
    const baselineSeconds = seconds(start);
    if (sink === 0)
        throw new Error('unreachable: keeps the loops from being optimised away');
    const opsPerSec = Math.round(ENGINE_OPS / engineSeconds);
    const baselineOpsPerSec = Math.round(BASELINE_OPS / baselineSeconds);
    const ratio = Math.round((opsPerSec / baselineOpsPerSec) * 10) / 10;
    return { ops: ENGINE_OPS, opsPerSec, baselineOpsPerSec, ratio };
}
if (require.main === module) {
    benchAddWorkingDays()
        .then((result) => console.log(JSON.stringify(result)))
        .catch((error) => {
        console.error(error);
        process.exitCode = 1;
    });
}
//# sourceMappingURL=calendar-engine.js.map