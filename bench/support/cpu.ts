import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used by the processes of a run during one phase (Linux /proc), to show where the
 * two cores went: the server under test, PostgreSQL, Redis, and the load generator itself.
 */
export type CpuGroups = Record<string, number>;

const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): { comm: string; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Fields after the comm start at "state" (field 3): utime is field 14, stime field 15.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { comm, seconds: (utime + stime) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Machine-wide CPU seconds (/proc/stat): busy (all but idle and iowait) and interrupt handling. */
function machineSeconds(): { busy: number; irq: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    void idle;
    void iowait;
    return { busy: (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND, irq: (irq + softirq) / TICKS_PER_SECOND };
  } catch {
    return { busy: 0, irq: 0 };
  }
}

/** The database a PostgreSQL backend serves, from its process title ("postgres: 15/main: user db host ..."). */
function backendDatabase(pid: number): string | undefined {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    // A client backend: "user db host(port) state"; an autovacuum worker: "autovacuum worker db".
    const backend =
      /^postgres: [^:]+: \S+ (\S+) (?:\[local\]|\S+\(\d+\))/.exec(title) ?? /^postgres: [^:]+: autovacuum worker (\S+)/.exec(title);
    return backend?.[1];
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds so far, grouped: `machine` (all cores, busy), `irq` (interrupts and softirqs, e.g.
 * loopback TCP), the given named pids, `postgres` (backends of `database` and the server's shared
 * processes), `postgres-other-db` (backends of other databases: someone else's load on the same
 * server) and `redis`.
 */
export function sampleCpu(named: Record<string, number | undefined>, database: string): CpuGroups {
  const machine = machineSeconds();
  const groups: CpuGroups = { machine: machine.busy, irq: machine.irq, postgres: 0, 'postgres-other-db': 0, redis: 0 };
  const namedPids = new Set<number>();
  for (const [name, pid] of Object.entries(named)) {
    if (pid === undefined) continue;
    namedPids.add(pid);
    groups[name] = cpuSecondsOf(pid)?.seconds ?? 0;
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return groups;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || namedPids.has(Number(entry))) continue;
    const sample = cpuSecondsOf(Number(entry));
    if (!sample) continue;
    if (sample.comm === 'postgres') {
      const db = backendDatabase(Number(entry));
      groups[db === undefined || db === database ? 'postgres' : 'postgres-other-db'] += sample.seconds;
    } else if (sample.comm.startsWith('redis-server')) groups.redis += sample.seconds;
  }
  return groups;
}

/**
 * Average cores used per group between two samples taken `seconds` apart; `other` is what the
 * machine used beyond the listed groups (short-lived processes such as autovacuum workers, the
 * kernel's own threads, other tenants of the machine).
 */
export function coresUsed(before: CpuGroups, after: CpuGroups, seconds: number): CpuGroups {
  const result: CpuGroups = {};
  for (const key of Object.keys(after)) result[key] = Math.max(0, (after[key] - (before[key] ?? 0)) / seconds);
  const listed = Object.entries(result)
    .filter(([key]) => key !== 'machine')
    .reduce((sum, [, cores]) => sum + cores, 0);
  result.other = Math.max(0, (result.machine ?? 0) - listed);
  return result;
}
