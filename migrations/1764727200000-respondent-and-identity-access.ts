import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from './1763949600000-referrals-and-search';

/**
 * Issue 12, part B: the person complained about never handles the complaint, and identities are
 * shown on a need-to-know basis.
 *  - `respondent_official_id`: the staff account a complaint names as the official complained
 *    about (AOC 594-1.1.2, 594-1.1.4). That user gets 404 for the case everywhere; lists, searches
 *    and counts leave it out through the partial index (a hashed `NOT IN` of few ids);
 *  - `appeal_identity_access`: every opening of an applicant's identity by staff (appeals-rules.md
 *    18, Constitution 57.II), read by the supervisors above the agency. Append-only, like the
 *    audit trail: the application role may not rewrite or delete it.
 */
export class RespondentAndIdentityAccess1764727200000 implements MigrationInterface {
  name = 'RespondentAndIdentityAccess1764727200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appeals ADD COLUMN respondent_official_id uuid REFERENCES users(id)`);
    await q.query(`CREATE INDEX appeals_respondent_official_idx ON appeals (respondent_official_id) WHERE respondent_official_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE appeal_identity_access (
        id bigserial PRIMARY KEY,
        appeal_id uuid NOT NULL REFERENCES appeals(id),
        user_id uuid NOT NULL REFERENCES users(id),
        -- The role the identity was opened in: a later role change does not rewrite the record.
        role text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX appeal_identity_access_appeal_idx ON appeal_identity_access (appeal_id, at DESC, id DESC)`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON appeal_identity_access FROM ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appeal_identity_access`);
    await q.query(`DROP INDEX appeals_respondent_official_idx`);
    await q.query(`ALTER TABLE appeals DROP COLUMN respondent_official_id`);
  }
}
