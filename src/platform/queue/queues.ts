import { OutboxTopic } from '../outbox/outbox-topics';

/**
 * The one place that names queues, jobs and their payloads (STYLE.md "Queues").
 * Payloads carry ids only; handlers reload from PostgreSQL.
 */
export const QUEUE_NAMES = {
  outbox: 'outbox',
  timers: 'timers',
} as const satisfies { readonly [Q in QueueName]: Q };

/**
 * One outbox row (a job named by its topic), or a batch of them: a bulk change (a calendar change
 * moving a million deadlines) hands its rows over as jobs of OUTBOX_JOB_BATCH, as a job per row
 * would cap the hand-off at BullMQ's per-job rate.
 */
export const OUTBOX_BATCH_JOB_NAME = 'outbox.batch';

/** Queue -> job name -> payload: what the producer adds and the consumers read, checked at compile time. */
export type QueueJobs = {
  readonly outbox: Record<OutboxTopic, { readonly outboxId: string }> &
    Record<typeof OUTBOX_BATCH_JOB_NAME, { readonly outboxIds: readonly string[] }>;
  readonly timers: Record<typeof TIMER_JOB_NAME, TimerJobPayload>;
};
export type QueueName = keyof QueueJobs;
export type JobName<Q extends QueueName> = keyof QueueJobs[Q] & string;
/** A job of queue Q: a name and that name's payload (a union on `name`). */
export type QueueJob<Q extends QueueName> = { [N in JobName<Q>]: { readonly name: N; readonly data: QueueJobs[Q][N] } }[JobName<Q>];
export type JobPayload<Q extends QueueName> = QueueJobs[Q][JobName<Q>];

export type OutboxJobPayload = JobPayload<'outbox'>;

/** Rows per job when a hand-off has at least this many; smaller ones keep a job per row (parallel sends). */
export const OUTBOX_JOB_BATCH = 100;

/** Retry policy of outbox deliveries: ~2 s doubling to ~68 min, about 2.3 h in all (SMTP outages). */
export const OUTBOX_JOB_ATTEMPTS = 13;
export const OUTBOX_JOB_BACKOFF_MS = 2_000;
export const OUTBOX_JOB_RETENTION = {
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
} as const;

/** BullMQ ids may not contain ':'; the outbox row id is the business key. */
export function outboxJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}

/** A batch's rows are new rows (ids are never reused): first and last name it. */
export function outboxBatchJobId(outboxIds: readonly string[]): string {
  return `outbox-batch-${outboxIds[0]}-${outboxIds[outboxIds.length - 1]}`;
}

/**
 * Deadline timers due in the next few minutes, handed to Redis by the timer scheduler. One job
 * carries the timers that fire in the same second (up to TIMER_BATCH_MAX): a job per timer would
 * cap the rate at BullMQ's own per-job cost, below the burst the law's calendar produces when
 * thousands of terms end at the same midnight.
 */
export interface TimerJobPayload {
  /** [timer id, generation] pairs; the handler skips any whose generation moved on. */
  readonly timers: ReadonlyArray<readonly [string, number]>;
}

export const TIMER_JOB_NAME = 'timers.fire';
export const TIMER_JOB_ATTEMPTS = 8;
export const TIMER_JOB_BACKOFF_MS = 1_000;
export const TIMER_JOB_RETENTION = {
  removeOnComplete: { age: 600, count: 1_000 },
  removeOnFail: { age: 24 * 3_600 },
} as const;

/**
 * The first timer's id, generation and claim count: a re-claim (after Redis lost the job, or a
 * worker died) is a new job, a repeated hand-off of the same claim is the same job.
 */
export function timerJobId(first: { id: string; generation: number; claims: number }): string {
  return `timer-${first.id}-g${first.generation}-c${first.claims}`;
}
