import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the application runs as (DATABASE_APP_ROLE); the migrations run as the owner. */
export const APP_DB_ROLE = 'emuraciet_app';

/**
 * Case handling, second part: linked cases (referral, copies, follow-ups), referral records with
 * their Art. 7.10 timeliness, the applicant key for repeated appeals (Art. 8.1.4), full-text
 * search for officials' lists, and the restricted application role that cannot rewrite the audit
 * trail.
 */
export class ReferralsAndSearch1763949600000 implements MigrationInterface {
  name = 'ReferralsAndSearch1763949600000';

  async up(q: QueryRunner): Promise<void> {
    // Trigram similarity for repeated appeals, and GIN over (agency, words) for officials' search:
    // trusted extensions, so the database owner may add them.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    // Who the applicant is, across appeals: the e-mail when given, else the portal account, else the
    // name (or organisation) with the address. One definition for intake and this backfill.
    await q.query(`
      CREATE FUNCTION applicant_key(email text, owner_user_id uuid, full_name text, organisation_name text, address text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN nullif(trim(email), '') IS NOT NULL THEN 'e:' || lower(trim(email))
          WHEN owner_user_id IS NOT NULL THEN 'u:' || owner_user_id::text
          WHEN coalesce(nullif(trim(full_name), ''), nullif(trim(organisation_name), '')) IS NOT NULL
            THEN 'n:' || lower(regexp_replace(coalesce(nullif(trim(organisation_name), ''), full_name) || '|' || coalesce(address, ''), '\\s+', ' ', 'g'))
        END
      $$`);

    // A case created from another one: at the receiving agency after a referral or a copy
    // (Art. 7.10), or a follow-up merged into an open appeal of the same applicant (appeals-rules.md 15).
    await q.query(`
      ALTER TABLE appeals
        ADD COLUMN parent_appeal_id uuid REFERENCES appeals(id),
        ADD COLUMN link_kind text CHECK (link_kind IN ('referral', 'copy', 'follow_up')),
        ADD COLUMN applicant_key text,
        ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', subject || ' ' || body)) STORED,
        -- The agency the case was registered at. A case never changes agency (a referral or copy
        -- makes a new case), so this copy of appeal_state.agency_id is as fixed as the rest here;
        -- it lets one GIN index answer "these words at this agency".
        ADD COLUMN agency_id uuid REFERENCES agencies(id),
        ADD CONSTRAINT appeals_link_check CHECK ((parent_appeal_id IS NULL) = (link_kind IS NULL))`);
    await q.query(`CREATE INDEX appeals_parent_idx ON appeals (parent_appeal_id) WHERE parent_appeal_id IS NOT NULL`);
    await q.query(`CREATE INDEX appeals_applicant_key_idx ON appeals (applicant_key, received_on) WHERE applicant_key IS NOT NULL`);
    await q.query(`UPDATE appeals a SET agency_id = s.agency_id FROM appeal_state s WHERE s.appeal_id = a.id`);
    await q.query(`ALTER TABLE appeals ALTER COLUMN agency_id SET NOT NULL`);
    await q.query(`CREATE INDEX appeals_agency_search_idx ON appeals USING gin (agency_id, search)`);
    await q.query(`
      UPDATE appeals a SET applicant_key = applicant_key(p.email, a.owner_user_id, p.full_name, p.organisation_name, p.address)
      FROM appeal_parties p
      WHERE p.appeal_id = a.id AND p.role = 'applicant' AND p.position = 0 AND NOT a.anonymous`);

    // When the case left the agency's hands (answer, leaving without consideration, referral):
    // the evaluation compares it with the deadline (evaluation-methodology.md sect. 5).
    await q.query(`ALTER TABLE appeal_state ADD COLUMN closed_at timestamptz`);
    await q.query(`
      UPDATE appeal_state s SET closed_at = coalesce(
        (SELECT dispatched_at FROM appeal_answers x WHERE x.appeal_id = s.appeal_id), s.updated_at)
      WHERE s.status IN ('answered', 'left_without_consideration', 'referred')`);
    // Officials' lists filtered by status, and "my cases" by executor, each by nearest deadline.
    await q.query(`CREATE INDEX appeal_state_agency_status_due_idx ON appeal_state (agency_id, status, review_due_at, appeal_id)`);
    await q.query(
      `CREATE INDEX appeal_state_executor_due_idx ON appeal_state (executor_id, review_due_at, appeal_id) WHERE executor_id IS NOT NULL`,
    );

    // Art. 7.10: each referral or copy, with whether it was made within 3 working days. Lateness is
    // charged to the sending agency (evaluation-methodology.md sect. 5).
    await q.query(`
      CREATE TABLE appeal_referrals (
        appeal_id uuid NOT NULL REFERENCES appeals(id),
        to_appeal_id uuid NOT NULL UNIQUE REFERENCES appeals(id),
        kind text NOT NULL CHECK (kind IN ('referral', 'copy')),
        from_agency_id uuid NOT NULL REFERENCES agencies(id),
        to_agency_id uuid NOT NULL REFERENCES agencies(id),
        received_on date NOT NULL,
        due_date date NOT NULL,
        referred_on date NOT NULL,
        on_time boolean NOT NULL,
        note text,
        referred_by uuid NOT NULL REFERENCES users(id),
        referred_at timestamptz NOT NULL,
        PRIMARY KEY (appeal_id, to_agency_id),
        CHECK (from_agency_id <> to_agency_id)
      )`);
    await q.query(`CREATE INDEX appeal_referrals_from_idx ON appeal_referrals (from_agency_id, referred_on)`);

    await this.restrictApplicationRole(q);
  }

  /**
   * The application connects as the owner but runs as APP_DB_ROLE (SET ROLE at connect), which may
   * not UPDATE, DELETE or TRUNCATE the audit trail: the append-only triggers are the second lock.
   * Tables of later migrations get the same grants through the default privileges.
   */
  private async restrictApplicationRole(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        CREATE ROLE ${APP_DB_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created by another database of this cluster (roles are cluster-wide)
      END $$`);
    await q.query(`
      DO $$
      BEGIN
        IF NOT pg_has_role(current_user, '${APP_DB_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP_DB_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_DB_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON appeal_events, audit_log FROM ${APP_DB_ROLE}`);
    await q.query(`REVOKE ALL ON migrations FROM ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_DB_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_DB_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP_DB_ROLE}`);
    await q.query(`DROP TABLE IF EXISTS appeal_referrals`);
    await q.query(`DROP INDEX IF EXISTS appeal_state_executor_due_idx`);
    await q.query(`DROP INDEX IF EXISTS appeal_state_agency_status_due_idx`);
    await q.query(`ALTER TABLE appeal_state DROP COLUMN IF EXISTS closed_at`);
    await q.query(`ALTER TABLE appeals DROP CONSTRAINT IF EXISTS appeals_link_check`);
    await q.query(
      `ALTER TABLE appeals DROP COLUMN IF EXISTS search, DROP COLUMN IF EXISTS applicant_key, DROP COLUMN IF EXISTS link_kind,
       DROP COLUMN IF EXISTS parent_appeal_id, DROP COLUMN IF EXISTS agency_id`,
    );
    await q.query(`DROP FUNCTION IF EXISTS applicant_key(text, uuid, text, text, text)`);
  }
}
