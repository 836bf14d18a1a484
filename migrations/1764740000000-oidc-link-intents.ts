import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, staff link their e-ID on purpose. Staff accounts are never linked by e-mail (whoever
 * controls a provider account could claim an official's address), so the holder links it from the
 * account page after re-entering the password (and code):
 *  - oidc_link_intents: that confirmation, one per session, good for 10 minutes and taken once by
 *    the start of the provider sign-in; keyed by the session, so another session (a stolen cookie
 *    of another browser, another tab signed in separately) cannot use it;
 *  - oidc_login_states.link_user_id / link_session_id: a started sign-in that links instead of
 *    signing in; its callback is accepted only in that session of that account.
 */
export class OidcLinkIntents1764740000000 implements MigrationInterface {
  name = 'OidcLinkIntents1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oidc_link_intents (
        session_id uuid PRIMARY KEY REFERENCES user_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX oidc_link_intents_expires_idx ON oidc_link_intents (expires_at)`);
    await q.query(`
      ALTER TABLE oidc_login_states
        ADD COLUMN link_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        ADD COLUMN link_session_id uuid,
        ADD CONSTRAINT oidc_login_states_link_check CHECK ((link_user_id IS NULL) = (link_session_id IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oidc_login_states DROP CONSTRAINT IF EXISTS oidc_login_states_link_check, DROP COLUMN IF EXISTS link_session_id, DROP COLUMN IF EXISTS link_user_id`);
    await q.query(`DROP TABLE IF EXISTS oidc_link_intents`);
  }
}
