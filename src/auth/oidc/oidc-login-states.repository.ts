import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Db } from '../../platform/database/db';

/** What a started sign-in keeps server-side until its callback. */
export interface OidcLoginState {
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
  /** Set when this sign-in links an e-ID to a signed-in account instead of signing in: that account and session only. */
  link: { userId: string; sessionId: string } | null;
}

/**
 * Started OpenID Connect sign-ins. The key is the SHA-256 of `state`: a copy of the table does not
 * give the values a callback needs. A row is taken once (compare-and-set on `consumed_at`).
 */
@Injectable()
export class OidcLoginStatesRepository {
  constructor(private readonly db: Db) {}

  async save(state: string, value: OidcLoginState, ttlSeconds: number): Promise<void> {
    // Sign-ins abandoned at the provider: swept here rather than by a job (the index makes it a range scan).
    await this.db.query(`DELETE FROM oidc_login_states WHERE expires_at < now() - interval '1 hour'`);
    await this.db.query(
      `INSERT INTO oidc_login_states (state_hash, nonce, code_verifier, return_to, link_user_id, link_session_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
      [
        hashOf(state),
        value.nonce,
        value.codeVerifier,
        value.returnTo,
        value.link?.userId ?? null,
        value.link?.sessionId ?? null,
        ttlSeconds,
      ],
    );
  }

  /**
   * The sign-in `state` names, once: unknown, used or expired gives nothing.
   */
  async take(state: string): Promise<OidcLoginState | undefined> {
    const [row] = await this.db.query<Omit<OidcLoginState, 'link'> & { linkUserId: string | null; linkSessionId: string | null }>(
      `UPDATE oidc_login_states SET consumed_at = now()
       WHERE state_hash = $1 AND consumed_at IS NULL AND expires_at > now()
       RETURNING nonce, code_verifier AS "codeVerifier", return_to AS "returnTo", link_user_id AS "linkUserId", link_session_id AS "linkSessionId"`,
      [hashOf(state)],
    );
    if (!row) return undefined;
    const { linkUserId, linkSessionId, ...rest } = row;
    return { ...rest, link: linkUserId && linkSessionId ? { userId: linkUserId, sessionId: linkSessionId } : null };
  }

  /**
   * The account holder confirmed (password, code) that this session may link an e-ID: one intent per
   * session, a new confirmation replaces the old one.
   */
  async saveLinkIntent(userId: string, sessionId: string, ttlSeconds: number): Promise<void> {
    await this.db.query(`DELETE FROM oidc_link_intents WHERE expires_at < now() - interval '1 hour'`);
    await this.db.query(
      `INSERT INTO oidc_link_intents (session_id, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (session_id) DO UPDATE SET user_id = EXCLUDED.user_id, created_at = now(), expires_at = EXCLUDED.expires_at`,
      [sessionId, userId, ttlSeconds],
    );
  }

  /** Whether this session holds an unexpired intent (the account page then offers the link). */
  async hasLinkIntent(userId: string, sessionId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM oidc_link_intents WHERE session_id = $1 AND user_id = $2 AND expires_at > now()`, [
      sessionId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** The session's intent, once: a second start (or another session) finds nothing. */
  async takeLinkIntent(userId: string, sessionId: string): Promise<boolean> {
    const rows = await this.db.query(
      `DELETE FROM oidc_link_intents WHERE session_id = $1 AND user_id = $2 AND expires_at > now() RETURNING 1`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }
}

function hashOf(state: string): Buffer {
  return createHash('sha256').update(state).digest();
}
