import { Injectable } from '@nestjs/common';
import { IsNull, Not, Raw } from 'typeorm';
import { Db, SqlExecutor } from '../platform/database/db';
import { UserSessionEntity } from './entities/user-session.entity';
import { Role } from '../auth/actor';

/** An open session with what the session check needs from its account, read in one statement. */
export interface SessionAccount {
  userId: string;
  role: Role;
  agencyId: string | null;
  email: string;
  emailVerified: boolean;
  totpEnabled: boolean;
}

/** Why a session ended (kept on the row, for the audit). */
export type SessionEndReason =
  | 'logout'
  | 'password_changed'
  | 'password_reset'
  | 'deactivated'
  | 'role_changed'
  | 'agency_changed'
  | 'totp_enabled'
  | 'totp_reset';

/**
 * Sessions: an entity for the plain writes (docs/adr/0002-entities-for-crud-tables.md); the
 * session check on every request stays one prepared SQL statement.
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  /** A new session lasting as long as its token; the user's sessions expired a day ago or more are dropped. */
  async start(executor: SqlExecutor, userId: string, ttlSeconds: number): Promise<string> {
    const sessions = executor.manager.getRepository(UserSessionEntity);
    // Times from the database's clock, as the session check compares them.
    await sessions.delete({ userId, expiresAt: Raw((column) => `${column} < now() - interval '1 day'`) });
    const result = await sessions
      .createQueryBuilder()
      .insert()
      .values({ userId, expiresAt: () => 'now() + make_interval(secs => :ttlSeconds)' })
      .setParameter('ttlSeconds', ttlSeconds)
      .execute();
    return (result.raw as Array<{ id: string }>)[0].id;
  }

  /**
   * The session when it is open and unexpired and its account exists and is active; otherwise
   * nothing. Role and agency come from the account as it is now, never from the token.
   * Prepared (named): it runs on every request the session cache misses.
   */
  async findOpen(sessionId: string, userId: string): Promise<SessionAccount | undefined> {
    const [row] = await this.db.query<SessionAccount>(
      `SELECT u.id AS "userId", u.role, u.agency_id AS "agencyId", u.email,
              u.email_verified_at IS NOT NULL AS "emailVerified", u.totp_enabled_at IS NOT NULL AS "totpEnabled"
       FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
      'session_account_v1',
    );
    return row;
  }

  /** Ends one session of the user; false when it had ended already. */
  async end(executor: SqlExecutor, sessionId: string, userId: string, reason: SessionEndReason): Promise<boolean> {
    const result = await executor.manager
      .getRepository(UserSessionEntity)
      .update({ id: sessionId, userId, endedAt: IsNull() }, { endedAt: () => 'now()', endedReason: reason });
    return (result.affected ?? 0) > 0;
  }

  /** Ends every open session of the user (but `keep`, the one making the change); returns how many. */
  async endAll(executor: SqlExecutor, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    const result = await executor.manager
      .getRepository(UserSessionEntity)
      .update(
        { userId, endedAt: IsNull(), ...(keep === undefined ? {} : { id: Not(keep) }) },
        { endedAt: () => 'now()', endedReason: reason },
      );
    return result.affected ?? 0;
  }
}
