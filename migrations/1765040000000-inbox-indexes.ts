import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the officials' inbox (src/appeals/queries/inbox.queries.ts) lists an agency's open
 * cases nearest due first, and its "unassigned" tab those nobody handles yet. Closed cases are the
 * vast majority of an agency's history, so the existing (agency, due) index would pass over them
 * all before the first open one: these partial indexes hold the open cases only, in the inbox's
 * keyset order (due instant, id), so a page is read straight off the index in either direction.
 * The predicate is the function the query uses (IMMUTABLE, folded to the same constant).
 */
export class InboxIndexes1765040000000 implements MigrationInterface {
  name = 'InboxIndexes1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX appeal_state_inbox_open_idx ON appeal_state (agency_id, review_due_at, appeal_id)
      WHERE status = ANY (appeal_working_statuses())`);
    await q.query(`
      CREATE INDEX appeal_state_inbox_unassigned_idx ON appeal_state (agency_id, review_due_at, appeal_id)
      WHERE executor_id IS NULL AND status = ANY (appeal_working_statuses())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX appeal_state_inbox_unassigned_idx`);
    await q.query(`DROP INDEX appeal_state_inbox_open_idx`);
  }
}
