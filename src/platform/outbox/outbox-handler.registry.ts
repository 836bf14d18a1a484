import { Injectable } from '@nestjs/common';
import { OutboxPayloads, OutboxTopic } from './outbox-topics';

export interface OutboxHandler<T extends OutboxTopic = OutboxTopic> {
  /** Performs the effect. Throwing leaves the row pending and the job is retried with backoff. */
  handle(payload: OutboxPayloads[T], context: { outboxId: string; attempt: number }): Promise<void>;
}

/** A handler as the processor calls it, with a payload read back from the database. */
interface StoredRowHandler {
  handle(payload: unknown, context: { outboxId: string; attempt: number }): Promise<void>;
}

/** Topic -> handler; feature modules register their handlers at init, typed by outbox-topics.ts. */
@Injectable()
export class OutboxHandlerRegistry {
  private readonly handlers = new Map<string, OutboxHandler>();

  register<T extends OutboxTopic>(topic: T, handler: OutboxHandler<T>): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} has two handlers`);
    this.handlers.set(topic, handler);
  }

  /** The handler of a stored row's topic: the row's payload is what that topic's writers wrote. */
  get(topic: string): StoredRowHandler | undefined {
    return this.handlers.get(topic);
  }
}
