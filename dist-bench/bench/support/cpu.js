"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sampleCpu = sampleCpu;
exports.coresUsed = coresUsed;
const node_fs_1 = require("node:fs");
const TICKS_PER_SECOND = 100;
function cpuSecondsOf(pid) {
    try {
        const stat = (0, node_fs_1.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(stat.indexOf('(') + 1, close);
        const fields = stat.slice(close + 2).split(' ');
        // Fields after the comm start at "state" (field 3): utime is field 14, stime field 15.
        const utime = Number(fields[11]);
        const stime = Number(fields[12]);
        return { comm, seconds: (utime + stime) / TICKS_PER_SECOND };
    }
    catch {
        return undefined;
    }
}
/** CPU seconds so far, grouped: the given named pids, then every `postgres` and `redis-server`. */
function sampleCpu(named) {
    const groups = { postgres: 0, redis: 0 };
    const namedPids = new Set();
    for (const [name, pid] of Object.entries(named)) {
        if (pid === undefined)
            continue;
        namedPids.add(pid);
        groups[name] = cpuSecondsOf(pid)?.seconds ?? 0;
    }
    let entries = [];
    try {
        entries = (0, node_fs_1.readdirSync)('/proc');
    }
    catch {
        return groups;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry) || namedPids.has(Number(entry)))
            continue;
        const sample = cpuSecondsOf(Number(entry));
        if (!sample)
            continue;
        if (sample.comm === 'postgres')
            groups.postgres += sample.seconds;
        else if (sample.comm.startsWith('redis-server'))
            groups.redis += sample.seconds;
    }
    return groups;
}
/** Average cores used per group between two samples taken `seconds` apart. */
function coresUsed(before, after, seconds) {
    const result = {};
    for (const key of Object.keys(after))
        result[key] = Math.max(0, (after[key] - (before[key] ?? 0)) / seconds);
    return result;
}
//# sourceMappingURL=cpu.js.map