import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  OUTBOX_JOB_ATTEMPTS,
  OUTBOX_JOB_BACKOFF_MS,
  OUTBOX_JOB_RETENTION,
  JobName,
  OUTBOX_BATCH_JOB_NAME,
  OutboxJobPayload,
  QUEUE_NAMES,
  QueueJob,
  QueueJobs,
  OUTBOX_JOB_BATCH,
  outboxBatchJobId,
  outboxJobId,
  TIMER_JOB_ATTEMPTS,
  TIMER_JOB_BACKOFF_MS,
  TIMER_JOB_NAME,
  TIMER_JOB_RETENTION,
  TimerJobPayload,
} from './queues';
import { createRedis } from './redis';
import { OutboxRef } from '../outbox/outbox-topics';

export const REDIS = Symbol('REDIS');

/** The job states the metrics report per queue: depth (waiting, delayed, active) and failures. */
export const QUEUE_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** Jobs per addBulk call when a hand-off is split into batch jobs. */
const ADD_BULK_JOBS = 100;

/** A job of each queue: the name and its payload checked together against QueueJobs. */
function outboxJob<N extends JobName<'outbox'>>(name: N, data: QueueJobs['outbox'][N]): QueueJob<'outbox'> {
  return { name, data } as QueueJob<'outbox'>;
}
function timerJob(data: QueueJobs['timers'][typeof TIMER_JOB_NAME]): QueueJob<'timers'> {
  return { name: TIMER_JOB_NAME, data };
}

/** The one typed producer (STYLE.md "Queues"). */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly outboxQueue: Queue<OutboxJobPayload, unknown, JobName<'outbox'>>;
  private readonly timerQueue: Queue<TimerJobPayload, unknown, JobName<'timers'>>;

  constructor(
    @Inject(REDIS) readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.outboxQueue = new Queue<OutboxJobPayload, unknown, JobName<'outbox'>>(QUEUE_NAMES.outbox, {
      connection: redis,
      prefix: config.queuePrefix,
    });
    this.timerQueue = new Queue<TimerJobPayload, unknown, JobName<'timers'>>(QUEUE_NAMES.timers, {
      connection: redis,
      prefix: config.queuePrefix,
    });
  }

  /** Delayed jobs of claimed deadline timers, in one Redis round trip. */
  async enqueueTimers(jobs: ReadonlyArray<{ jobId: string; delayMs: number; payload: TimerJobPayload }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.timerQueue.addBulk(
      jobs.map((job) => ({
        ...timerJob(job.payload),
        opts: {
          jobId: job.jobId,
          delay: Math.max(0, job.delayMs),
          attempts: TIMER_JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: TIMER_JOB_BACKOFF_MS },
          ...TIMER_JOB_RETENTION,
        },
      })),
    );
  }

  private pending: OutboxRef[] = [];
  private flush?: Promise<void>;

  /**
   * Hands committed outbox rows to the queue; the row id is the job id, so repeats are no-ops.
   * Rows handed over in the same turn of the event loop (concurrent requests) share one Redis
   * round trip.
   */
  enqueueOutbox(rows: readonly OutboxRef[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    this.pending.push(...rows);
    this.flush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const batch = this.pending;
      this.pending = [];
      this.flush = undefined;
      return this.add(batch);
    });
    return this.flush;
  }

  private async add(rows: readonly OutboxRef[]): Promise<void> {
    const opts = { attempts: OUTBOX_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: OUTBOX_JOB_BACKOFF_MS }, ...OUTBOX_JOB_RETENTION };
    if (rows.length < OUTBOX_JOB_BATCH) {
      await this.outboxQueue.addBulk(
        rows.map((row) => ({ ...outboxJob(row.topic, { outboxId: row.id }), opts: { ...opts, jobId: outboxJobId(row.id) } })),
      );
      return;
    }
    const jobs = [];
    for (let i = 0; i < rows.length; i += OUTBOX_JOB_BATCH) {
      const outboxIds = rows.slice(i, i + OUTBOX_JOB_BATCH).map((row) => row.id);
      jobs.push({ ...outboxJob(OUTBOX_BATCH_JOB_NAME, { outboxIds }), opts: { ...opts, jobId: outboxBatchJobId(outboxIds) } });
    }
    // A bounded Redis command each (a million notices are 10,000 jobs).
    for (let i = 0; i < jobs.length; i += ADD_BULK_JOBS) await this.outboxQueue.addBulk(jobs.slice(i, i + ADD_BULK_JOBS));
  }

  /** Jobs per state of each queue, for the operators' metrics (GET /metrics). */
  async jobCounts(): Promise<Array<{ queue: string; counts: Record<QueueJobState, number> }>> {
    return Promise.all(
      [this.outboxQueue, this.timerQueue].map(async (queue) => ({
        queue: queue.name,
        counts: (await queue.getJobCounts(...QUEUE_JOB_STATES)) as Record<QueueJobState, number>,
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outboxQueue.close();
    await this.timerQueue.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.redisUrl) throw new Error('REDIS_URL is not resolved; start through the launcher');
        return createRedis(config.redisUrl, 'client');
      },
    },
    JobProducer,
  ],
  exports: [REDIS, JobProducer],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
