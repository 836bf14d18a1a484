import { MigrationInterface, QueryRunner } from 'typeorm';

/** Case handling by agency officials: the executor, answers and applicant feedback. */
export class CaseHandling1763863200000 implements MigrationInterface {
  name = 'CaseHandling1763863200000';

  async up(q: QueryRunner): Promise<void> {
    // Rights of the applicant (appeals-rules.md 16): who handles my case.
    await q.query(`ALTER TABLE appeal_state ADD COLUMN executor_id uuid REFERENCES users(id)`);
    // Art. 7.5, 7.6: the reasoned answer, who decided, and how it was dispatched.
    await q.query(`
      CREATE TABLE appeal_answers (
        appeal_id uuid PRIMARY KEY REFERENCES appeals(id),
        text text NOT NULL,
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_by_name text NOT NULL,
        decided_by_position text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('email', 'post')),
        dispatched_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE appeal_feedback (
        appeal_id uuid PRIMARY KEY REFERENCES appeals(id),
        satisfied boolean NOT NULL,
        comment text,
        given_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS appeal_feedback`);
    await q.query(`DROP TABLE IF EXISTS appeal_answers`);
    await q.query(`ALTER TABLE appeal_state DROP COLUMN IF EXISTS executor_id`);
  }
}
