import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { SqlExecutor, Db } from '../platform/database/db';
import { CalendarFeedEntity } from './entities/calendar-feed.entity';

export interface FeedRow {
  readonly userId: string;
  readonly revoked: boolean;
}

/** Secret feed tokens, by their SHA-256 only (an entity: docs/adr/0002-entities-for-crud-tables.md). */
@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly db: Db) {}

  /** Revokes the user's live feed, if any, and stores the new one: one live URL per user. */
  async replace(executor: SqlExecutor, userId: string, tokenHash: string): Promise<void> {
    await this.revokeAll(executor, userId);
    await executor.manager.getRepository(CalendarFeedEntity).insert({ tokenHash, userId });
  }

  async revokeAll(executor: SqlExecutor, userId: string): Promise<number> {
    const result = await executor.manager
      .getRepository(CalendarFeedEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** A lookup by the token's hash: the secret itself is never compared, so no timing leaks it. */
  async findByHash(tokenHash: string): Promise<FeedRow | undefined> {
    const row = await this.db.manager
      .getRepository(CalendarFeedEntity)
      .findOne({ select: { userId: true, revokedAt: true }, where: { tokenHash } });
    return row ? { userId: row.userId, revoked: row.revokedAt !== null } : undefined;
  }
}
