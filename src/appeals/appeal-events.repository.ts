import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../platform/database/db';
import { ChainedEvent, hashEvent } from './domain/event-chain';

export interface AppealEventInput {
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly occurredAt: Date;
  readonly data: object;
}

export interface AppealEventRow extends ChainedEvent {
  readonly prevHash: string | null;
  readonly hash: string;
}

/** The append-only, hash-chained audit trail of each appeal. */
@Injectable()
export class AppealEventsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event. The caller holds the appeal's row lock (a new appeal, or lockForUpdate), so
   * reading the chain's head and appending cannot interleave with another writer.
   */
  async append(tx: Tx, appealId: string, input: AppealEventInput, head?: { seq: number; hash: string | null }): Promise<AppealEventRow> {
    const last =
      head ??
      (
        await tx.query<{ seq: number; hash: string }>(
          `SELECT seq, hash FROM appeal_events WHERE appeal_id = $1 ORDER BY seq DESC LIMIT 1`,
          [appealId],
        )
      )[0] ??
      { seq: 0, hash: null };
    const event: ChainedEvent = {
      appealId,
      seq: last.seq + 1,
      type: input.type,
      actorId: input.actorId,
      actorRole: input.actorRole,
      occurredAt: input.occurredAt.toISOString(),
      data: input.data,
    };
    const hash = hashEvent(last.hash, event);
    await tx.query(
      `INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [appealId, event.seq, event.type, event.actorId, event.actorRole, event.occurredAt, JSON.stringify(event.data), last.hash, hash],
    );
    return { ...event, prevHash: last.hash, hash };
  }

  async list(appealId: string): Promise<AppealEventRow[]> {
    return this.db.query<AppealEventRow>(
      `SELECT appeal_id AS "appealId", seq, type, actor_id AS "actorId", actor_role AS "actorRole",
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
              data, prev_hash AS "prevHash", hash
       FROM appeal_events WHERE appeal_id = $1 ORDER BY seq`,
      [appealId],
    );
  }
}
