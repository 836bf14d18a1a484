import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, observability: an outbox row keeps the W3C trace context (`traceparent`) of the request
 * that wrote it, so the job that runs it continues the request's trace. Null when tracing is off or
 * the row was written outside a request. Ids and flags only (W3C Trace Context, version 00):
 * never personal data. A new nullable column without a default: no table rewrite.
 */
export class OutboxTraceparent1764903600000 implements MigrationInterface {
  name = 'OutboxTraceparent1764903600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN traceparent text CHECK (traceparent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}
