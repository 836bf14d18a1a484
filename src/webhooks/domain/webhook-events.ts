/**
 * The appeal events agencies' systems subscribe to (API.md "Integrations"). The database's
 * triggers (migration 1764640816000) map audit events and overdue alerts to these names.
 */
export const WEBHOOK_EVENTS = [
  'appeal.registered',
  'appeal.assigned',
  'appeal.referred',
  'appeal.answered',
  'appeal.left_without_consideration',
  'appeal.overdue',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_OUTBOX_TOPIC = 'webhook.deliver';

/** PostgreSQL NOTIFY channel the triggers signal after writing deliveries (sent at COMMIT). */
export const WEBHOOK_NOTIFY_CHANNEL = 'webhook_outbox';

/** Delivery attempts and their backoff are the outbox's (OUTBOX_JOB_ATTEMPTS, OUTBOX_JOB_BACKOFF_MS). */
export function nextAttemptDelayMs(attempt: number, baseMs: number): number {
  // BullMQ's exponential backoff: base * 2^(attempt - 1) after the attempt-th failure.
  return baseMs * 2 ** (attempt - 1);
}

/** The part of a receiver's answer kept for diagnosis (the column allows 256 characters). */
export const RESPONSE_EXCERPT_CHARS = 200;
/** Bytes of a receiver's answer read before the connection is dropped. */
export const RESPONSE_READ_LIMIT_BYTES = 1_024;
