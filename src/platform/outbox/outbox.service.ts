import { Injectable } from '@nestjs/common';
import { Tx } from '../database/db';
import { currentCorrelationId } from '../logging/logger';
import { JobProducer } from '../queue/queue.module';
import { currentTraceparent } from '../tracing/trace-context';
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
    // The request's correlation id and trace context go with the rows: the job that runs them logs
    // under the one and continues the other.
    const rows = await tx.query<OutboxRef>(
      `INSERT INTO outbox (topic, dedupe_key, payload, correlation_id, traceparent)
       SELECT u.*, $4::text, $5::text FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS u
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id::text, topic`,
      [
        messages.map((m) => m.topic),
        messages.map((m) => m.dedupeKey),
        messages.map((m) => JSON.stringify(m.payload)),
        currentCorrelationId() ?? null,
        currentTraceparent(),
      ],
    );
    tx.afterCommit(() => this.producer.enqueueOutbox(rows));
  }
}
