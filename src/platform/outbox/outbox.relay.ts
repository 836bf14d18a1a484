import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { JobProducer } from '../queue/queue.module';
import { OutboxRef } from './outbox-topics';

/** Rows younger than this are still being handed off by the request that wrote them. */
const RELAY_GRACE_SECONDS = 5;
const RELAY_BATCH = 1_000;

/**
 * Re-hands pending outbox rows to the queue. Covers a crash between COMMIT and enqueue and an
 * emptied Redis: PostgreSQL is the source of truth, Redis only the near future.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly db: Db,
    private readonly producer: JobProducer,
  ) {}

  async relayPending(): Promise<number> {
    let total = 0;
    let afterId = '0';
    for (;;) {
      const rows = await this.db.query<OutboxRef>(
        `SELECT id::text, topic FROM outbox
         WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1) AND id > $2::bigint
         ORDER BY id LIMIT $3`,
        [RELAY_GRACE_SECONDS, afterId, RELAY_BATCH],
      );
      if (rows.length === 0) return total;
      await this.producer.enqueueOutbox(rows);
      total += rows.length;
      afterId = rows[rows.length - 1].id;
    }
  }
}
