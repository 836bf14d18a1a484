/**
 * Pure rules of the timer scheduler: how claimed timers become queue jobs, and when the daily
 * digest is due. No Nest, no I/O (STYLE.md "domain/").
 */
export interface ClaimedTimer {
  readonly id: string;
  readonly generation: number;
  readonly claims: number;
  readonly fireAt: Date;
}

export interface TimerBatch {
  /** The first timer of the batch names the job (see timerJobId). */
  readonly first: ClaimedTimer;
  readonly timers: ReadonlyArray<readonly [string, number]>;
  /** Until the latest fire time in the batch: no timer fires early. */
  readonly delayMs: number;
}

/**
 * Timers firing in the same second share a job, at most `batchMax` per job. Thousands of terms end
 * at the same Baku midnight, so this turns a burst into a few hundred jobs instead of one per timer.
 */
export function batchClaimedTimers(claimed: readonly ClaimedTimer[], nowMs: number, batchMax: number): TimerBatch[] {
  if (!Number.isInteger(batchMax) || batchMax < 1) throw new RangeError(`batchMax must be a positive integer, got ${batchMax}`);
  const bySecond = new Map<number, ClaimedTimer[]>();
  for (const timer of claimed) {
    const second = Math.floor(timer.fireAt.getTime() / 1000);
    const group = bySecond.get(second);
    if (group) group.push(timer);
    else bySecond.set(second, [timer]);
  }
  const batches: TimerBatch[] = [];
  for (const second of [...bySecond.keys()].sort((a, b) => a - b)) {
    const group = (bySecond.get(second) as ClaimedTimer[]).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    for (let i = 0; i < group.length; i += batchMax) {
      const chunk = group.slice(i, i + batchMax);
      const latest = Math.max(...chunk.map((t) => t.fireAt.getTime()));
      batches.push({
        first: chunk[0],
        timers: chunk.map((t) => [t.id, t.generation] as const),
        delayMs: Math.max(0, latest - nowMs),
      });
    }
  }
  return batches;
}

/** appeals-rules.md 17: the digest goes out when the office opens, Baku time. */
export const DIGEST_LOCAL_TIME = '09:00';

/**
 * The Baku day whose digest is due at `localTime` ("HH:MM" in Baku), or null: only on working days,
 * only from the opening hour, and once a day (`lastDone` is the last day already sent).
 */
export function digestDayDue(
  today: string,
  localTime: string,
  isWorkingDay: (date: string) => boolean,
  lastDone: string | null,
): string | null {
  if (localTime < DIGEST_LOCAL_TIME) return null;
  if (lastDone !== null && lastDone >= today) return null;
  return isWorkingDay(today) ? today : null;
}
