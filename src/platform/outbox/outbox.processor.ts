import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/db';
import { withCorrelation } from '../logging/logger';
import { OUTBOX_JOB_ATTEMPTS } from '../queue/queues';
import { inStoredTrace } from '../tracing/trace-context';
import { OutboxHandlerRegistry } from './outbox-handler.registry';

export type OutboxOutcome = 'done' | 'skipped';

/**
 * Runs one outbox row. Idempotent: the row is locked while its effect runs and marked done in the
 * same transaction, so a retried or duplicated job finds it done and does nothing.
 */
@Injectable()
export class OutboxProcessor {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly db: Db,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  /**
   * A batch job's rows, one after the other, each as `process` runs it: a failing row does not
   * stop the others; the job then fails and its retry finds the sent rows done.
   */
  async processBatch(outboxIds: readonly string[], attempt: number): Promise<{ done: number; skipped: number }> {
    let done = 0;
    let failed = 0;
    for (const id of outboxIds) {
      try {
        if ((await this.process(id, attempt)) === 'done') done++;
      } catch {
        failed++; // recorded on the row by process()
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${outboxIds.length} outbox rows failed`);
    return { done, skipped: outboxIds.length - done };
  }

  async process(outboxId: string, attempt: number): Promise<OutboxOutcome> {
    let correlationId: string | null = null;
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx.query<{
          topic: string;
          payload: unknown;
          status: string;
          correlation_id: string | null;
          traceparent: string | null;
        }>(`SELECT topic, payload, status, correlation_id, traceparent FROM outbox WHERE id = $1 FOR UPDATE SKIP LOCKED`, [outboxId]);
        // Locked by another worker, already done, or gone: nothing to do here.
        if (!row || row.status !== 'pending') return 'skipped';
        const handler = this.registry.get(row.topic);
        correlationId = row.correlation_id;
        if (!handler) throw new Error(`no handler for outbox topic ${row.topic}`);
        // The effect logs under the id of the request that wrote the row (docs/operations.md "Correlation id"),
        // and its span (mail send, webhook delivery inside) continues that request's trace (docs/operations.md "Tracing").
        return withCorrelation(row.correlation_id, () =>
          inStoredTrace(
            `outbox ${row.topic}`,
            row.traceparent,
            { 'outbox.topic': row.topic, 'outbox.id': outboxId, 'outbox.attempt': attempt },
            async () => {
              await handler.handle(row.payload, { outboxId, attempt });
              await tx.execute(
                `UPDATE outbox SET status = 'done', processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
                [outboxId],
              );
              this.logger.log({ event: 'outbox.done', outboxId, topic: row.topic, attempt });
              return 'done' as const;
            },
          ),
        );
      });
    } catch (error) {
      const final = attempt >= OUTBOX_JOB_ATTEMPTS;
      await this.db.execute(
        `UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 500),
                status = CASE WHEN $3 THEN 'failed' ELSE status END
         WHERE id = $1 AND status = 'pending'`,
        [outboxId, (error as Error).message, final],
      );
      withCorrelation(correlationId, () =>
        this.logger.warn({ event: 'outbox.failed', outboxId, attempt, final, error: (error as Error).message }),
      );
      throw error;
    }
  }
}
