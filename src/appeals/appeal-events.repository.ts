import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { toInstant } from '../platform/clock/instant';
import { Db, Tx } from '../platform/database/db';
import { AppealEvent, AppealEventType } from './domain/appeal-events';
import { EventTexts, mergeTexts, separateTexts } from './domain/event-texts';

/** An event to append: its type and that type's data (domain/appeal-events.ts), who, and when. */
export type AppealEventInput<T extends AppealEventType = AppealEventType> = AppealEvent<T> & {
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly occurredAt: Date;
};

/** A stored event: the same union on `type`, with its place in the chain. */
export type AppealEventRow = AppealEvent & {
  readonly appealId: string;
  readonly seq: number;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  /**
   * The API's instant (toInstant). The hash (appeal_event_hash) reads occurred_at to the microsecond;
   * every event's instant is written from the app's clock, to the millisecond, so the hashed text is
   * this one with `000` before the `Z`.
   */
  readonly occurredAt: string;
  readonly prevHash: string | null;
  readonly hash: string;
};

const EVENT_COLUMNS = `appeal_id AS "appealId", seq, type, actor_id AS "actorId", actor_role AS "actorRole",
  occurred_at AS "occurredAt", data, prev_hash AS "prevHash", hash`;

/** An event read with its erasable texts (appeal_event_texts), which are put back into its data. */
const EVENT_WITH_TEXTS = `SELECT e.appeal_id AS "appealId", e.seq, e.type, e.actor_id AS "actorId", e.actor_role AS "actorRole",
  e.occurred_at AS "occurredAt", e.data, e.prev_hash AS "prevHash", e.hash, t.texts
  FROM appeal_events e LEFT JOIN appeal_event_texts t ON t.appeal_id = e.appeal_id AND t.seq = e.seq`;

export interface ChainReport {
  readonly checkedEvents: number;
  readonly broken: Array<{ appealId: string; seq: number; problem: string }>;
}

/** A row as pg gives it: occurred_at a Date. */
type SelectedEventRow = Omit<AppealEventRow, 'occurredAt'> & { occurredAt: Date };
type StoredEventRow = SelectedEventRow & { texts: EventTexts | null };

/** The stored data with its erasable texts put back (the shape its type was appended with), the instant in the API's form. */
function toEventRow({ texts, ...row }: StoredEventRow): AppealEventRow {
  return { ...row, occurredAt: toInstant(row.occurredAt), data: mergeTexts(row.data, texts) } as AppealEventRow;
}

/** The append-only, hash-chained audit trail of each appeal. */
@Injectable()
export class AppealEventsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event: reads and advances the chain head kept in appeal_state under its row lock,
   * so two writers to one appeal cannot interleave. The hash is computed by PostgreSQL's
   * appeal_event_hash(), the same function the set-wise calendar recomputation uses. Free text
   * (notes, reasons) is stored beside the chain, so retention can erase it (domain/event-texts.ts).
   */
  async append<T extends AppealEventType>(tx: Tx, appealId: string, input: AppealEventInput<T>): Promise<AppealEventRow> {
    const salt = randomBytes(16).toString('hex');
    const { chained, texts } = separateTexts(input.data, salt);
    const [row] = await tx.query<SelectedEventRow>(
      `WITH head AS (
         SELECT last_event_seq + 1 AS seq, last_event_hash AS prev_hash FROM appeal_state WHERE appeal_id = $1 FOR UPDATE),
       e AS (
         INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
         SELECT $1, head.seq, $2, $3, $4, $5, $6::jsonb, head.prev_hash,
                appeal_event_hash(head.prev_hash, $1, head.seq, $2, $3, $4, $5, $6::jsonb)
         FROM head
         RETURNING *),
       texts AS (
         INSERT INTO appeal_event_texts (appeal_id, seq, texts, salt)
         SELECT e.appeal_id, e.seq, $7::jsonb, $8 FROM e WHERE $7::jsonb IS NOT NULL),
       moved AS (
         UPDATE appeal_state s SET last_event_seq = e.seq, last_event_hash = e.hash FROM e WHERE s.appeal_id = e.appeal_id)
       SELECT ${EVENT_COLUMNS} FROM e`,
      [
        appealId,
        input.type,
        input.actorId,
        input.actorRole,
        input.occurredAt,
        JSON.stringify(chained),
        texts ? JSON.stringify(texts) : null,
        salt,
      ],
    );
    if (!row) throw new Error(`appeal ${appealId} has no state row`);
    return toEventRow({ ...row, texts });
  }

  async find(appealId: string, seq: number): Promise<AppealEventRow | undefined> {
    const [row] = await this.db.query<StoredEventRow>(`${EVENT_WITH_TEXTS} WHERE e.appeal_id = $1 AND e.seq = $2`, [appealId, seq]);
    return row && toEventRow(row);
  }

  /**
   * Verifies every chain in one pass: each event's hash recomputed, each prevHash equal to the
   * previous event's hash, seq without gaps, and the head in appeal_state equal to the last event.
   */
  async verifyChains(limit: number): Promise<ChainReport> {
    const [counted] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appeal_events`);
    const broken = await this.db.query<{ appealId: string; seq: number; problem: string }>(
      `WITH chain AS (
         SELECT appeal_id, seq, hash, prev_hash,
                lag(hash) OVER w AS expected_prev, lag(seq) OVER w AS previous_seq,
                appeal_event_hash(prev_hash, appeal_id, seq, type, actor_id, actor_role, occurred_at, data) AS recomputed
         FROM appeal_events WINDOW w AS (PARTITION BY appeal_id ORDER BY seq))
       SELECT appeal_id AS "appealId", seq,
              CASE WHEN hash <> recomputed THEN 'hash does not match the event'
                   WHEN prev_hash IS DISTINCT FROM expected_prev THEN 'prevHash does not match the previous event'
                   ELSE 'sequence has a gap' END AS problem
       FROM chain
       WHERE hash <> recomputed OR prev_hash IS DISTINCT FROM expected_prev OR seq <> coalesce(previous_seq, 0) + 1
       UNION ALL
       SELECT s.appeal_id, s.last_event_seq, 'chain head does not match the last event'
       FROM appeal_state s
       LEFT JOIN appeal_events e ON e.appeal_id = s.appeal_id AND e.seq = s.last_event_seq
       WHERE e.hash IS DISTINCT FROM s.last_event_hash
          OR EXISTS (SELECT 1 FROM appeal_events x WHERE x.appeal_id = s.appeal_id AND x.seq > s.last_event_seq)
       ORDER BY 1, 2
       LIMIT $1`,
      [limit],
    );
    return { checkedEvents: counted.n, broken };
  }

  async list(appealId: string): Promise<AppealEventRow[]> {
    const rows = await this.db.query<StoredEventRow>(`${EVENT_WITH_TEXTS} WHERE e.appeal_id = $1 ORDER BY e.seq`, [appealId]);
    return rows.map(toEventRow);
  }
}
