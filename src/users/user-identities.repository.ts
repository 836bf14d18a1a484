import { Injectable } from '@nestjs/common';
import { SqlExecutor } from '../platform/database/db';

/** An account's link to an identity provider's subject (`iss` + `sub`). */
@Injectable()
export class UserIdentitiesRepository {
  /**
   * Serialises the first sign-ins of one subject (two tabs, a double click): the second waits and
   * then finds the link the first made, instead of creating a second account.
   */
  async lockSubject(tx: SqlExecutor, issuer: string, subject: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 16))`, [`${issuer}\n${subject}`]);
  }

  async findUserId(executor: SqlExecutor, issuer: string, subject: string): Promise<string | undefined> {
    const [row] = await executor.query<{ userId: string }>(
      `SELECT user_id AS "userId" FROM user_identities WHERE issuer = $1 AND subject = $2`,
      [issuer, subject],
    );
    return row?.userId;
  }

  async link(executor: SqlExecutor, userId: string, issuer: string, subject: string): Promise<void> {
    await executor.query(`INSERT INTO user_identities (user_id, issuer, subject, last_login_at) VALUES ($1, $2, $3, now())`, [
      userId,
      issuer,
      subject,
    ]);
  }

  async countOf(executor: SqlExecutor, userId: string): Promise<number> {
    const [row] = await executor.query<{ n: number }>(`SELECT count(*)::int AS n FROM user_identities WHERE user_id = $1`, [userId]);
    return row.n;
  }

  /** Removes every link of the account; returns the issuers they were at (for the audit). */
  async unlinkAll(executor: SqlExecutor, userId: string): Promise<string[]> {
    const rows = await executor.query<{ issuer: string }>(`DELETE FROM user_identities WHERE user_id = $1 RETURNING issuer`, [userId]);
    return rows.map((row) => row.issuer);
  }

  async touch(executor: SqlExecutor, issuer: string, subject: string): Promise<void> {
    await executor.query(`UPDATE user_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2`, [issuer, subject]);
  }
}
