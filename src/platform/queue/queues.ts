/**
 * The one place that names queues, jobs and their payloads (STYLE.md "Queues").
 * Payloads carry ids only; handlers reload from PostgreSQL.
 */
export const QUEUE_NAMES = {
  outbox: 'outbox',
} as const;

export interface OutboxJobPayload {
  readonly outboxId: string;
}

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
