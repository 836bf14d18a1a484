import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, sign-in through the state's identity provider (OpenID Connect):
 *  - user_identities: an account's link to a provider's subject. The provider names a person by
 *    `iss` + `sub` (OpenID Connect Core 5.7: the only stable identifier; an e-mail can change hands),
 *    so a returning person is found by that pair, never by e-mail;
 *  - oidc_login_states: one row per started sign-in, holding the nonce and PKCE verifier server-side.
 *    Only the SHA-256 of `state` is stored (the browser keeps the value in a short cookie); a row is
 *    consumed once, so a replayed callback finds nothing.
 */
export class OidcSignIn1764727216000 implements MigrationInterface {
  name = 'OidcSignIn1764727216000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2048),
        -- OpenID Connect Core 2: sub is at most 255 ASCII characters.
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        UNIQUE (issuer, subject)
      )`);
    await q.query(`CREATE INDEX user_identities_user_idx ON user_identities (user_id)`);

    await q.query(`
      CREATE TABLE oidc_login_states (
        state_hash bytea PRIMARY KEY CHECK (length(state_hash) = 32),
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        -- A local path to return to after sign-in (never another site).
        return_to text CHECK (return_to IS NULL OR (length(return_to) <= 2048 AND return_to LIKE '/%')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    // Old rows are swept when new ones are written.
    await q.query(`CREATE INDEX oidc_login_states_expires_idx ON oidc_login_states (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS oidc_login_states`);
    await q.query(`DROP TABLE IF EXISTS user_identities`);
  }
}
