import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor, Tx } from '../platform/database/db';
import { toInstant } from '../platform/clock/instant';

/** What erasing the personal data of closed cases touches, counted (never the data itself). */
export interface ErasureCounts {
  appeals: number;
  parties: number;
  attachments: number;
  attachmentBytes: number;
  answerTexts: number;
  feedbackComments: number;
  referralNotes: number;
  eventTexts: number;
}

export const NO_ERASURE: ErasureCounts = {
  appeals: 0,
  parties: 0,
  attachments: 0,
  attachmentBytes: 0,
  answerTexts: 0,
  feedbackComments: 0,
  referralNotes: 0,
  eventTexts: 0,
};

/** Closed at this agency (the evaluation's closed states), before the cutoff, not erased yet. */
const ERASABLE = `
  SELECT s.appeal_id FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
  WHERE s.status = ANY (appeal_finished_statuses()) AND s.closed_at < $1 AND a.personal_data_erased_at IS NULL`;

const PARTY_HAS_DATA = `(p.full_name IS NOT NULL OR p.organisation_name IS NOT NULL OR p.address IS NOT NULL OR p.email IS NOT NULL
  OR p.phone IS NOT NULL OR p.authority_document IS NOT NULL)`;

/**
 * Retention (issue 16): the personal data of closed cases, erased set-wise. What stays is what the
 * statistics need: the appeal's number, type, channel, dates, agency, status and outcome, its
 * deadlines and the evaluation's facts. What goes: parties' names, contacts and addresses, the
 * subject and text, attachments, the answer's text, feedback comments, referral notes, the free
 * text of audit events, and the link to the applicant's account. The hash chain is untouched (it
 * holds no personal data, see domain/event-texts.ts) and gets a `personal_data_erased` event.
 */
@Injectable()
export class PersonalDataRepository {
  constructor(private readonly db: Db) {}

  /** The dry run: what a run would erase now. */
  async countErasable(closedBefore: Date, executor: SqlExecutor = this.db): Promise<ErasureCounts> {
    const [row] = await executor.query<ErasureCounts>(
      `WITH t AS (${ERASABLE})
       SELECT (SELECT count(*)::int FROM t) AS appeals,
              (SELECT count(*)::int FROM appeal_parties p JOIN t ON t.appeal_id = p.appeal_id WHERE ${PARTY_HAS_DATA}) AS parties,
              (SELECT count(*)::int FROM appeal_attachments x JOIN t ON t.appeal_id = x.appeal_id) AS attachments,
              (SELECT coalesce(sum(x.size_bytes), 0)::bigint::float8 FROM appeal_attachments x JOIN t ON t.appeal_id = x.appeal_id) AS "attachmentBytes",
              (SELECT count(*)::int FROM appeal_answers x JOIN t ON t.appeal_id = x.appeal_id WHERE x.text <> '') AS "answerTexts",
              (SELECT count(*)::int FROM appeal_feedback x JOIN t ON t.appeal_id = x.appeal_id WHERE x.comment IS NOT NULL) AS "feedbackComments",
              (SELECT count(*)::int FROM appeal_referrals x JOIN t ON t.appeal_id = x.appeal_id WHERE x.note IS NOT NULL) AS "referralNotes",
              (SELECT count(*)::int FROM appeal_event_texts x JOIN t ON t.appeal_id = x.appeal_id) AS "eventTexts"`,
      [closedBefore],
    );
    return row;
  }

  /**
   * Erases up to `limit` appeals in the caller's transaction; their state rows are locked, so a
   * concurrent action on one of them waits. Each gets its audit event, chained like any other.
   */
  async eraseBatch(
    tx: Tx,
    input: { closedBefore: Date; limit: number; at: Date; actorId: string | null; retentionYears: number },
  ): Promise<ErasureCounts> {
    const targets = await tx.query<{ appealId: string; parties: number; attachments: number }>(
      `WITH t AS (${ERASABLE} ORDER BY s.closed_at, s.appeal_id LIMIT $2 FOR UPDATE OF s SKIP LOCKED)
       SELECT t.appeal_id AS "appealId",
              (SELECT count(*)::int FROM appeal_parties p WHERE p.appeal_id = t.appeal_id AND ${PARTY_HAS_DATA}) AS parties,
              (SELECT count(*)::int FROM appeal_attachments x WHERE x.appeal_id = t.appeal_id) AS attachments
       FROM t`,
      [input.closedBefore, input.limit],
    );
    if (targets.length === 0) return { ...NO_ERASURE };
    const ids = targets.map((t) => t.appealId);
    const [counts] = await tx.query<Omit<ErasureCounts, 'appeals'>>(
      `WITH parties AS (
         UPDATE appeal_parties p SET full_name = NULL, organisation_name = NULL, address = NULL, email = NULL, phone = NULL, authority_document = NULL
         WHERE p.appeal_id = ANY($1::uuid[]) AND ${PARTY_HAS_DATA} RETURNING 1),
       attachments AS (DELETE FROM appeal_attachments WHERE appeal_id = ANY($1::uuid[]) RETURNING size_bytes),
       answers AS (UPDATE appeal_answers SET text = '' WHERE appeal_id = ANY($1::uuid[]) AND text <> '' RETURNING 1),
       feedback AS (UPDATE appeal_feedback SET comment = NULL WHERE appeal_id = ANY($1::uuid[]) AND comment IS NOT NULL RETURNING 1),
       notes AS (UPDATE appeal_referrals SET note = NULL WHERE appeal_id = ANY($1::uuid[]) AND note IS NOT NULL RETURNING 1),
       texts AS (DELETE FROM appeal_event_texts WHERE appeal_id = ANY($1::uuid[]) RETURNING 1),
       appeals AS (
         UPDATE appeals SET subject = '', body = '', respondent_official = NULL, applicant_key = NULL, owner_user_id = NULL,
                registered_by = CASE WHEN registered_by = owner_user_id THEN NULL ELSE registered_by END,
                personal_data_erased_at = $2
         WHERE id = ANY($1::uuid[]) RETURNING 1)
       SELECT (SELECT count(*)::int FROM parties) AS parties, (SELECT count(*)::int FROM attachments) AS attachments,
              (SELECT coalesce(sum(size_bytes), 0)::bigint::float8 FROM attachments) AS "attachmentBytes",
              (SELECT count(*)::int FROM answers) AS "answerTexts", (SELECT count(*)::int FROM feedback) AS "feedbackComments",
              (SELECT count(*)::int FROM notes) AS "referralNotes", (SELECT count(*)::int FROM texts) AS "eventTexts",
              (SELECT count(*)::int FROM appeals) AS erased`,
      [ids, input.at],
    );
    // The erasure in each appeal's own audit trail, set-wise as the calendar's recomputation does.
    await tx.query(
      `WITH t AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t("appealId" uuid, parties int, attachments int)),
       prepared AS (
         SELECT s.appeal_id, s.last_event_seq + 1 AS seq, s.last_event_hash AS prev_hash,
                jsonb_build_object('ground', 'retention', 'retentionYears', $5::int, 'closedBefore', $4::text,
                                   'parties', t.parties, 'attachments', t.attachments) AS data
         FROM appeal_state s JOIN t ON t."appealId" = s.appeal_id),
       hashed AS (
         SELECT p.*, appeal_event_hash(p.prev_hash, p.appeal_id, p.seq, 'personal_data_erased', $2::uuid, $6, $3::timestamptz, p.data) AS hash
         FROM prepared p),
       events AS (
         INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
         SELECT h.appeal_id, h.seq, 'personal_data_erased', $2::uuid, $6, $3::timestamptz, h.data, h.prev_hash, h.hash FROM hashed h)
       UPDATE appeal_state s SET last_event_seq = h.seq, last_event_hash = h.hash FROM hashed h WHERE s.appeal_id = h.appeal_id`,
      [
        JSON.stringify(targets),
        input.actorId,
        input.at,
        toInstant(input.closedBefore),
        input.retentionYears,
        input.actorId ? 'admin' : 'system',
      ],
    );
    const { erased: _erased, ...rest } = counts as Omit<ErasureCounts, 'appeals'> & { erased: number };
    return { appeals: targets.length, ...rest };
  }

  /**
   * Mail addresses left in the outbox payloads of erased appeals' sent (or failed) mails. One pass
   * over the outbox per run, after the batches, so an interrupted run is finished by the next.
   */
  async forgetMailRecipients(executor: SqlExecutor = this.db): Promise<number> {
    return executor.execute(
      `UPDATE outbox o SET payload = o.payload - 'to'
       FROM appeals a
       WHERE o.payload ? 'to' AND o.status <> 'pending' AND a.personal_data_erased_at IS NOT NULL
         AND a.id::text = o.payload->>'appealId'`,
    );
  }
}
