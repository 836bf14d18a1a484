import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from './1763949600000-referrals-and-search';

/**
 * Issue 16, operations: an outbox row keeps the correlation id of the request that wrote it, so the
 * job that sends its mail logs under the same id (STYLE.md "Config, logging": correlation id on
 * each line). Ids are ours or a caller's checked `[A-Za-z0-9._-]{8,100}`; never personal data.
 * A new nullable column without a default: no table rewrite, rows written by jobs have none.
 *
 * GET /health/ready compares the build's migrations with the `migrations` table, so the app role
 * may read it (only read: it still cannot record or erase a migration).
 */
export class OutboxCorrelation1764669600000 implements MigrationInterface {
  name = 'OutboxCorrelation1764669600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN correlation_id text CHECK (length(correlation_id) <= 100)`);
    await q.query(`GRANT SELECT ON migrations TO ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON migrations FROM ${APP_DB_ROLE}`);
    await q.query(`ALTER TABLE outbox DROP COLUMN correlation_id`);
  }
}
