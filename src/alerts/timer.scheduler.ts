import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Redis } from 'ioredis';
import { CalendarService } from '../calendar/calendar.service';
import { Clock, bakuDateOf } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { OutboxService } from '../platform/outbox/outbox.service';
import { JobProducer, REDIS } from '../platform/queue/queue.module';
import { timerJobId } from '../platform/queue/queues';
import { AlertsRepository } from './alerts.repository';
import { batchClaimedTimers, digestDayDue } from './domain/timer-batches';

/** Timers claimed per transaction; a larger burst takes several, within the same tick. */
const CLAIM_LIMIT = 20_000;
/** Appeals re-planned per transaction after a bulk change, and the time a tick spends on them. */
const REPLAN_BATCH = 5_000;
const REPLAN_BUDGET_MS = 2_000;
/** A queued timer whose job has not run this long after its fire time and its claim lost its job: claim it again. */
export const LOST_JOB_GRACE_MS = 5 * 60_000;
/** How often the lost-job sweep runs (it looks for jobs minutes overdue; every tick would be waste). */
const LOST_JOB_SWEEP_MS = 60_000;
/** Appeals-rules.md 17: "due in 3 days" of the digest, in working days. */
const DIGEST_SOON_WORKING_DAYS = 3;

export interface TickResult {
  readonly ran: boolean;
  readonly claimed: number;
  readonly jobs: number;
  readonly requeued: number;
  readonly redisWasEmptied: boolean;
  readonly digests: number;
  readonly replanned: number;
}

/**
 * Hands the deadline timers of the next few minutes to Redis as delayed jobs. PostgreSQL holds
 * every timer; Redis only this window, so it stays small at national scale and can be emptied: a
 * marker key tells the next tick that Redis lost its data, and every queued timer is claimed again.
 * With several replicas only the holder of a transaction-scoped advisory lock claims.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerScheduler.name);
  private running?: Promise<TickResult>;
  private lastDigestDay: string | null = null;
  private lastSweep = 0;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly producer: JobProducer,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api' || !this.config.schedulerEnabled) return;
    const { warningDays, escalationWorkingDays, tickMs } = this.config.timers;
    if (await this.repository.syncSettings(warningDays, escalationWorkingDays)) {
      // The terms changed: every open appeal's timers are re-planned, by the ticks, in short batches.
      await this.repository.markAllForReplan();
      this.logger.log({ warningDays, escalationWorkingDays }, 'deadline timers to be re-planned for new settings');
    }
    const timer = setInterval(() => {
      this.tick().catch((error: Error) => this.logger.warn(`timer tick: ${error.message}`));
    }, tickMs);
    this.scheduler.addInterval('deadline-timers', timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'deadline-timers')) this.scheduler.deleteInterval('deadline-timers');
  }

  /** One tick; overlapping calls share the running one. */
  tick(): Promise<TickResult> {
    this.running ??= this.runTick().finally(() => (this.running = undefined));
    return this.running;
  }

  private get markerKey(): string {
    return `${this.config.queuePrefix}:timers:redis-marker`;
  }

  private async runTick(): Promise<TickResult> {
    const replanned = await this.replanDeferred();
    const now = this.clock.now();
    const redisWasEmptied = (await this.redis.exists(this.markerKey)) === 0;
    let claimed = 0;
    let jobs = 0;
    let requeued = 0;
    let ran = false;
    for (let first = true; ; first = false) {
      const round = await this.db.transaction(async (tx) => {
        if (!(await this.repository.trySchedulerLock(tx))) return null;
        let back = 0;
        if (first && redisWasEmptied) {
          back = await this.repository.requeue(tx, now, null);
        } else if (first && Math.abs(now.getTime() - this.lastSweep) >= LOST_JOB_SWEEP_MS) {
          back = await this.repository.requeue(tx, now, new Date(now.getTime() - LOST_JOB_GRACE_MS));
          this.lastSweep = now.getTime();
        }
        const due = await this.repository.claimDue(
          tx,
          now,
          new Date(now.getTime() + this.config.timers.horizonSeconds * 1000),
          CLAIM_LIMIT,
        );
        const batches = batchClaimedTimers(due, now.getTime(), this.config.timers.batchMax);
        // Inside the transaction: if Redis refuses, the claim rolls back and the timers stay pending.
        await this.producer.enqueueTimers(
          batches.map((b) => ({ jobId: timerJobId(b.first), delayMs: b.delayMs, payload: { timers: b.timers } })),
        );
        if (first && redisWasEmptied) await this.redis.set(this.markerKey, now.toISOString());
        return { claimed: due.length, jobs: batches.length, back };
      });
      if (!round) break;
      ran = true;
      claimed += round.claimed;
      jobs += round.jobs;
      requeued += round.back;
      if (round.claimed < CLAIM_LIMIT) break;
    }
    if (requeued > 0) this.logger.warn({ requeued, redisWasEmptied }, 'deadline timers claimed again after lost jobs');
    const digests = ran ? await this.digest(now) : 0;
    return { ran, claimed, jobs, requeued, redisWasEmptied, digests, replanned };
  }

  /** What a bulk change (calendar recomputation) left to re-plan, a few batches per tick. */
  private async replanDeferred(): Promise<number> {
    const started = Date.now();
    let total = 0;
    for (;;) {
      // Planned as of now: a stage whose moment passed meanwhile is not planned anew.
      const n = await this.repository.replanDeferred(REPLAN_BATCH, this.clock.now());
      total += n;
      if (n < REPLAN_BATCH || Date.now() - started > REPLAN_BUDGET_MS) return total;
    }
  }

  /** appeals-rules.md 17: each supervisor's digest at 09:00 Baku on working days, once a day. */
  private async digest(now: Date): Promise<number> {
    const today = bakuDateOf(now);
    const localTime = now.toLocaleTimeString('en-GB', { timeZone: 'Asia/Baku', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const day = digestDayDue(today, localTime, (d) => this.calendar.isWorkingDay(d), this.lastDigestDay);
    if (!day) return 0;
    const soon = this.calendar.termEnd(day, DIGEST_SOON_WORKING_DAYS).dueDate;
    const rows = await this.db.transaction(async (tx) => {
      const written = await this.repository.writeDigests(tx, day, soon, now);
      if (written) this.outbox.handOff(tx, written);
      return written;
    });
    this.lastDigestDay = day;
    return rows?.length ?? 0;
  }
}
