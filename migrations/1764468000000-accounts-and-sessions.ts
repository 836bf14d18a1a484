import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and sessions a government can trust (issue 13):
 * - `app_secrets`: keys the app generates itself when none is configured (the access tokens'
 *   signing key without JWT_SECRET, the TOTP secrets' encryption key), one row per name, so every
 *   API and worker process of a deployment uses the same key and a restart keeps the sessions;
 * - `user_sessions`: every access token names one; logout, deactivation, a role or agency change and
 *   a password change end them, and a token whose session has ended is refused;
 * - `user_tokens`: one-time links mailed for e-mail verification and password reset; only a hash of
 *   the token is stored, with its expiry and when it was used;
 * - on `users`: active, e-mail verified, the encrypted TOTP secret and the last accepted time step
 *   (a code is accepted once), and indexes for the admins' keyset list.
 */
export class AccountsAndSessions1764468000000 implements MigrationInterface {
  name = 'AccountsAndSessions1764468000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_secrets (
        name text PRIMARY KEY,
        value bytea NOT NULL CHECK (octet_length(value) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      ALTER TABLE users
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN email_verified_at timestamptz,
        ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN totp_secret bytea,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT users_totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL)`);
    // Accounts an admin made (staff, admins) carry an address the admin vouched for; citizens who
    // registered themselves before this migration verify theirs with a new link (POST /api/v1/me/verify-email).
    await q.query(`UPDATE users SET email_verified_at = created_at WHERE role <> 'citizen'`);
    // The admins' list: keyset pages by e-mail within an agency or a role, and a text filter.
    await q.query(`CREATE INDEX users_agency_email_idx ON users (agency_id, email) WHERE agency_id IS NOT NULL`);
    await q.query(`CREATE INDEX users_role_email_idx ON users (role, email)`);
    await q.query(`CREATE INDEX users_search_trgm_idx ON users USING gin ((email || ' ' || lower(full_name)) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason text,
        CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX user_sessions_open_idx ON user_sessions (user_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX user_sessions_user_expiry_idx ON user_sessions (user_id, expires_at)`);

    await q.query(`
      CREATE TABLE user_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_tokens_open_idx ON user_tokens (user_id, purpose) WHERE used_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_tokens`);
    await q.query(`DROP TABLE user_sessions`);
    await q.query(`DROP INDEX users_search_trgm_idx`);
    await q.query(`DROP INDEX users_role_email_idx`);
    await q.query(`DROP INDEX users_agency_email_idx`);
    await q.query(`
      ALTER TABLE users
        DROP CONSTRAINT users_totp_enabled_has_secret,
        DROP COLUMN updated_at,
        DROP COLUMN totp_last_step,
        DROP COLUMN totp_enabled_at,
        DROP COLUMN totp_secret,
        DROP COLUMN password_changed_at,
        DROP COLUMN email_verified_at,
        DROP COLUMN active`);
    await q.query(`DROP TABLE app_secrets`);
  }
}
