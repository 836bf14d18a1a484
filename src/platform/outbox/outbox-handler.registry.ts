import { Injectable } from '@nestjs/common';

export interface OutboxHandler {
  /** Performs the effect. Throwing leaves the row pending and the job is retried with backoff. */
  handle(payload: unknown, context: { outboxId: string; attempt: number }): Promise<void>;
}

/** Topic -> handler; feature modules register their handlers at init. */
@Injectable()
export class OutboxHandlerRegistry {
  private readonly handlers = new Map<string, OutboxHandler>();

  register(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic ${topic} has two handlers`);
    this.handlers.set(topic, handler);
  }

  get(topic: string): OutboxHandler | undefined {
    return this.handlers.get(topic);
  }
}
