import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';

export type UserTokenPurpose = 'verify_email' | 'password_reset';

export interface UserTokenRow {
  id: string;
  userId: string;
  purpose: UserTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The mailed one-time links: only a hash of each token is stored (user-tokens.ts makes the tokens). */
@Injectable()
export class UserTokensRepository {
  constructor(private readonly db: Db) {}

  /** A new token row; the user's earlier unused tokens for the same purpose stop working. */
  async insert(
    executor: SqlExecutor,
    token: { id: string; userId: string; purpose: UserTokenPurpose; hash: Buffer; ttlSeconds: number },
  ): Promise<void> {
    await executor.query(`UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
      token.userId,
      token.purpose,
    ]);
    await executor.query(
      `INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [token.id, token.userId, token.purpose, token.hash, token.ttlSeconds],
    );
  }

  /** Voids the user's unused tokens of a purpose (no new one is written). */
  async voidAll(executor: SqlExecutor, userId: string, purpose: UserTokenPurpose): Promise<void> {
    await executor.query(`UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
      userId,
      purpose,
    ]);
  }

  /** The token with this hash when unused and unexpired. */
  async findUsable(hash: Buffer, purpose: UserTokenPurpose): Promise<UserTokenRow | undefined> {
    const [row] = await this.db.query<UserTokenRow>(
      `SELECT id, user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt" FROM user_tokens
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [hash, purpose],
    );
    return row;
  }

  async findById(id: string): Promise<UserTokenRow | undefined> {
    const [row] = await this.db.query<UserTokenRow>(
      `SELECT id, user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt" FROM user_tokens WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Uses the token once: false when it was used (or expired) meanwhile, so two clicks cannot both succeed. */
  async consume(executor: SqlExecutor, id: string): Promise<boolean> {
    return (
      (await executor.execute(`UPDATE user_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()`, [id])) > 0
    );
  }
}
