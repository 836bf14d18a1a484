import { Injectable } from '@nestjs/common';
import { SqlExecutor, Db } from '../platform/database/db';

export interface FeedRow {
  readonly userId: string;
  readonly revoked: boolean;
}

/** Secret feed tokens, by their SHA-256 only. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly db: Db) {}

  /** Revokes the user's live feed, if any, and stores the new one: one live URL per user. */
  async replace(executor: SqlExecutor, userId: string, tokenHash: string): Promise<void> {
    await this.revokeAll(executor, userId);
    await executor.query(`INSERT INTO calendar_feeds (token_hash, user_id) VALUES ($1, $2)`, [tokenHash, userId]);
  }

  async revokeAll(executor: SqlExecutor, userId: string): Promise<number> {
    return executor.execute(`UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** A lookup by the token's hash: the secret itself is never compared, so no timing leaks it. */
  async findByHash(tokenHash: string): Promise<FeedRow | undefined> {
    const [row] = await this.db.query<FeedRow>(
      `SELECT user_id AS "userId", revoked_at IS NOT NULL AS revoked FROM calendar_feeds WHERE token_hash = $1`,
      [tokenHash],
    );
    return row;
  }
}
