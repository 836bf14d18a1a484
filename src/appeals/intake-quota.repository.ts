import { Injectable } from '@nestjs/common';
import { Tx } from '../platform/database/db';

/**
 * Advisory lock class of the intake quota (the law's number). The two-key form keeps these locks
 * apart from the single-key ones (migrations, timer scheduler).
 */
const QUOTA_LOCK_CLASS = 1308;

/** What the per-citizen intake quota reads (domain/intake-quota.ts): the appeals table itself. */
@Injectable()
export class IntakeQuotaRepository {
  /**
   * Serialises one citizen's submissions until the transaction ends, so that two at once cannot
   * both take the last place: the count that follows (a new statement, a new snapshot) sees every
   * appeal committed by whoever held the lock before.
   */
  async lock(tx: Tx, userId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_CLASS}, hashtext($1::text))`, [userId], 'intake-quota-lock');
  }

  /**
   * Registration instants, newest first, of the appeals the citizen submitted after `since` (at
   * most `limit`; appeals_owner_idx). Cases made from theirs by referral or copy were registered by
   * staff and do not count.
   */
  async recentIntakes(tx: Tx, userId: string, since: Date, limit: number): Promise<Date[]> {
    const rows = await tx.query<{ registeredAt: Date }>(
      `SELECT registered_at AS "registeredAt" FROM appeals
       WHERE owner_user_id = $1 AND registered_by = $1 AND registered_at > $2
       ORDER BY registered_at DESC LIMIT $3`,
      [userId, since, limit],
      'intake-quota-recent',
    );
    return rows.map((row) => new Date(row.registeredAt));
  }
}
