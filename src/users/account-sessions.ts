import { Injectable } from '@nestjs/common';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Db, Tx } from '../platform/database/db';
import { SessionRevocations } from './session-revocations';
import { SessionAccount, SessionEndReason, SessionsRepository } from './sessions.repository';

/** The session's account as the auth module reads it through this service. */
export type { SessionAccount } from './sessions.repository';

/**
 * Sessions of accounts: every access token names one (issue 13). Starting and ending one is audited;
 * ending them is announced to every process's session cache after commit.
 */
@Injectable()
export class AccountSessions {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsRepository,
    private readonly revocations: SessionRevocations,
  ) {}

  async start(userId: string, ttlSeconds: number): Promise<string> {
    return this.db.transaction(async (tx) => {
      const id = await this.sessions.start(tx, userId, ttlSeconds);
      await recordAdminAction(tx, {
        actorId: userId,
        action: 'session.started',
        subjectType: 'user',
        subjectId: userId,
        data: { sessionId: id },
      });
      return id;
    });
  }

  findOpen(sessionId: string, userId: string): Promise<SessionAccount | undefined> {
    return this.sessions.findOpen(sessionId, userId);
  }

  /** Logout: ends the session the request came with. */
  async end(userId: string, sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.sessions.end(tx, sessionId, userId, reason))) return;
      await recordAdminAction(tx, {
        actorId: userId,
        action: 'session.ended',
        subjectType: 'user',
        subjectId: userId,
        data: { sessionId, reason },
      });
      this.revocations.afterCommit(tx, { kind: 'session', id: sessionId });
    });
  }

  /**
   * Inside a change of the account (same transaction): ends all its sessions but `keep`, and has
   * every cache forget the account after commit. Returns how many ended.
   */
  async endAllWithin(tx: Tx, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    const ended = await this.sessions.endAll(tx, userId, reason, keep);
    this.revocations.afterCommit(tx, { kind: 'user', id: userId });
    return ended;
  }

  /** The account changed without ending sessions (e-mail verified, second factor enrolled): caches reload it. */
  refreshAfterCommit(tx: Tx, userId: string): void {
    this.revocations.afterCommit(tx, { kind: 'user', id: userId });
  }
}
