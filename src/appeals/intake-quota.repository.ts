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
   * The registration instant of the citizen's `limit`-th newest appeal submitted after `since`, or
   * undefined when they submitted fewer: one row, after a walk of at most `limit` entries of
   * appeals_owner_idx. Cases made from theirs by referral or copy were registered by staff and do
   * not count.
   */
  async limitThNewestSince(tx: Tx, userId: string, since: Date, limit: number): Promise<Date | undefined> {
    const [row] = await tx.query<{ registeredAt: Date }>(
      `SELECT registered_at AS "registeredAt" FROM appeals
       WHERE owner_user_id = $1 AND registered_by = $1 AND registered_at > $2
       ORDER BY registered_at DESC OFFSET $3 - 1 LIMIT 1`,
      [userId, since, limit],
      'intake-quota-recent',
    );
    return row ? new Date(row.registeredAt) : undefined;
  }
}
