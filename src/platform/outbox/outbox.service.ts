import { Injectable } from '@nestjs/common';
import { Tx } from '../database/db';
import { JobProducer } from '../queue/queue.module';
import { OutboxMessage, OutboxRef } from './outbox-topics';

export type { OutboxMessage, OutboxRef } from './outbox-topics';

/**
 * Side effects (mail, jobs) are written here inside the state change's transaction and leave
 * only after COMMIT (DEVELOPERS.md "Data safety").
 */
@Injectable()
export class OutboxService {
  constructor(private readonly producer: JobProducer) {}

  /**
   * For a state change that writes its outbox rows inside its own statement (the intake does, to
   * be one round trip): hands the returned rows to the queue after commit.
   */
  handOff(tx: Tx, rows: readonly OutboxRef[]): void {
    if (rows.length > 0) tx.afterCommit(() => this.producer.enqueueOutbox(rows));
  }

  async write(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const rows = await tx.query<OutboxRef>(
      `INSERT INTO outbox (topic, dedupe_key, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id::text, topic`,
      [messages.map((m) => m.topic), messages.map((m) => m.dedupeKey), messages.map((m) => JSON.stringify(m.payload))],
    );
    tx.afterCommit(() => this.producer.enqueueOutbox(rows));
  }
}
