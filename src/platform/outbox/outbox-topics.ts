/**
 * Outbox topic -> payload (STYLE.md "One place declares ... typed payloads"). Each feature module
 * adds its topic by declaration merging beside its handler:
 *
 *   declare module '../platform/outbox/outbox-topics' {
 *     interface OutboxPayloads { [MAIL_TOPIC]: MailPayload }
 *   }
 *
 * so writers (OutboxService.write) and handlers (OutboxHandlerRegistry.register) are checked
 * against one map at compile time, and the platform depends on no feature module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface OutboxPayloads {}

export type OutboxTopic = Extract<keyof OutboxPayloads, string>;

/** One outbox row to write: a topic and that topic's payload (a union on `topic`). */
export type OutboxMessage = {
  [T in OutboxTopic]: {
    readonly topic: T;
    /** A business key: writing the same effect twice is impossible (STYLE.md "Persistence"). */
    readonly dedupeKey: string;
    readonly payload: OutboxPayloads[T];
  };
}[OutboxTopic];

/** An outbox row a statement wrote, to hand to the queue after commit. */
export interface OutboxRef {
  readonly id: string;
  readonly topic: OutboxTopic;
}
