import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../platform/database/db';

export interface AppealEventInput {
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly occurredAt: Date;
  readonly data: object;
}

export interface AppealEventRow {
  readonly appealId: string;
  readonly seq: number;
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  /** ISO-8601 UTC with microseconds, exactly as hashed. */
  readonly occurredAt: string;
  readonly data: object;
  readonly prevHash: string | null;
  readonly hash: string;
}

const EVENT_COLUMNS = `appeal_id AS "appealId", seq, type, actor_id AS "actorId", actor_role AS "actorRole",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  data, prev_hash AS "prevHash", hash`;

/** The append-only, hash-chained audit trail of each appeal. */
@Injectable()
export class AppealEventsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event. The caller holds the appeal's row lock (a new appeal, or lockForUpdate), so
   * reading the chain's head and appending cannot interleave with another writer. The hash is
   * computed by PostgreSQL's appeal_event_hash(), the same function set-wise updates use.
   */
  async append(tx: Tx, appealId: string, input: AppealEventInput): Promise<AppealEventRow> {
    const [row] = await tx.query<AppealEventRow>(
      `WITH head AS (SELECT seq, hash FROM appeal_events WHERE appeal_id = $1 ORDER BY seq DESC LIMIT 1),
            next AS (SELECT coalesce((SELECT seq FROM head), 0) + 1 AS seq, (SELECT hash FROM head) AS prev_hash)
       INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       SELECT $1, next.seq, $2, $3, $4, $5, $6::jsonb, next.prev_hash,
              appeal_event_hash(next.prev_hash, $1, next.seq, $2, $3, $4, $5, $6::jsonb)
       FROM next
       RETURNING ${EVENT_COLUMNS}`,
      [appealId, input.type, input.actorId, input.actorRole, input.occurredAt, JSON.stringify(input.data)],
    );
    return row;
  }

  async list(appealId: string): Promise<AppealEventRow[]> {
    return this.db.query<AppealEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM appeal_events WHERE appeal_id = $1 ORDER BY seq`,
      [appealId],
    );
  }
}
