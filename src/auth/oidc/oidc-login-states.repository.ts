import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Db } from '../../platform/database/db';

/** What a started sign-in keeps server-side until its callback. */
export interface OidcLoginState {
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
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
      `INSERT INTO oidc_login_states (state_hash, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [hashOf(state), value.nonce, value.codeVerifier, value.returnTo, ttlSeconds],
    );
  }

  /**
   * The sign-in `state` names, once: unknown, used or expired gives nothing.
   */
  async take(state: string): Promise<OidcLoginState | undefined> {
    const [row] = await this.db.query<OidcLoginState>(
      `UPDATE oidc_login_states SET consumed_at = now()
       WHERE state_hash = $1 AND consumed_at IS NULL AND expires_at > now()
       RETURNING nonce, code_verifier AS "codeVerifier", return_to AS "returnTo"`,
      [hashOf(state)],
    );
    return row;
  }
}

function hashOf(state: string): Buffer {
  return createHash('sha256').update(state).digest();
}
