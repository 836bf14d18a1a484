import { Injectable } from '@nestjs/common';
import { MAIL_TOPIC } from '../notifications/mail-send.handler';
import { Db, Tx } from '../platform/database/db';
import { OutboxRef } from '../platform/outbox/outbox.service';
import { AlertKind } from './domain/alert-mail';
import { ClaimedTimer } from './domain/timer-batches';
import { FIRE_BATCH, WRITE_DIGESTS } from './queries/alerts.queries';

export { ALERT_MAIL_TEMPLATE, DIGEST_MAIL_TEMPLATE } from './domain/alert-mail';

/** Only one replica claims timers at a time (STYLE.md "Queues, jobs, schedule"). */
const SCHEDULER_LOCK_KEY = 1_764_036_000;

export interface AlertRow {
  id: string;
  appealId: string;
  registrationNumber: string;
  kind: AlertKind;
  daysBefore: number;
  agencyId: string;
  dueAt: Date;
  createdAt: Date;
  acknowledgedAt: Date | null;
  /** The account the complaint is about (AOC 594-1.1.2): never shown the alert. Not for output. */
  respondentOfficialId: string | null;
}

export interface AlertMailView {
  kind: AlertKind;
  daysBefore: number;
  appealId: string;
  registrationNumber: string;
  agencyName: string;
  dueAt: string;
}

const ALERT_COLUMNS = `al.id::text, al.appeal_id AS "appealId", a.registration_number AS "registrationNumber", al.kind,
  al.days_before AS "daysBefore", al.agency_id AS "agencyId", al.due_at AS "dueAt", al.created_at AS "createdAt",
  al.acknowledged_at AS "acknowledgedAt", a.respondent_official_id AS "respondentOfficialId"`;

/**
 * Deadline timers and alerts. The timers themselves are planned by PostgreSQL (the trigger on
 * appeal_state, migration 1764036000000); this repository claims, fires and lists them, set-wise.
 */
@Injectable()
export class AlertsRepository {
  constructor(private readonly db: Db) {}

  /** Writes the configured terms where the planning trigger reads them; true when they changed. */
  async syncSettings(warningDays: readonly number[], escalationWorkingDays: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE deadline_timer_settings SET warning_days = $1::int[], escalation_working_days = $2
       WHERE (warning_days, escalation_working_days) IS DISTINCT FROM ($1::int[], $2) RETURNING 1`,
      [warningDays, escalationWorkingDays],
    );
    return rows.length > 0;
  }

  /** Every appeal with timers is re-planned by the scheduler (after the settings changed). */
  async markAllForReplan(): Promise<void> {
    await this.db.query(
      `INSERT INTO deadline_timer_replans
       -- The statuses replan_deadline_timers plans timers for: open, and left without consideration (notice_due).
       SELECT appeal_id FROM appeal_state WHERE status = ANY (appeal_working_statuses() || 'left_without_consideration'::text)
       ON CONFLICT DO NOTHING`,
    );
  }

  /**
   * Re-plans up to `limit` appeals a bulk change left for later (deadline_timer_replans); SKIP
   * LOCKED lets several replicas share the work. Returns how many were re-planned.
   */
  async replanDeferred(limit: number, at: Date | null = null): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      // By the primary key, not a sequential scan: after a million rows came and went, the heap
      // is mostly empty pages until vacuum truncates it, and every tick asks. `at` is the moment
      // of planning: stages already past it are not planned (null: each appeal's last change).
      `WITH taken AS (
         DELETE FROM deadline_timer_replans WHERE appeal_id IN (
           SELECT appeal_id FROM deadline_timer_replans ORDER BY appeal_id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING appeal_id),
       ids AS (SELECT array_agg(appeal_id) AS ids FROM taken)
       SELECT coalesce(cardinality(ids), 0) AS n, CASE WHEN ids IS NOT NULL THEN replan_deadline_timers(ids, $2::timestamptz) END FROM ids`,
      [limit, at],
      'timers-replan-deferred',
    );
    return row.n;
  }

  /** False when another replica holds the scheduler's lock for its own transaction. */
  async trySchedulerLock(tx: Tx): Promise<boolean> {
    const [row] = await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SCHEDULER_LOCK_KEY]);
    return row.locked;
  }

  /**
   * Pending timers due before `until`, marked queued. The update is HOT (no index names `state`), so
   * a burst's claim writes no index entries; a row being re-planned meanwhile is waited for and its
   * new version checked again, so a timer moved beyond `until` is not claimed.
   */
  async claimDue(tx: Tx, now: Date, until: Date, limit: number): Promise<ClaimedTimer[]> {
    return tx.query<ClaimedTimer>(
      `UPDATE deadline_timers t SET state = 'queued', claims = t.claims + 1, queued_at = $3
       -- By primary key (= ANY of an array): a join here is planned as a hash join over the table.
       WHERE t.id = ANY(ARRAY(
           SELECT id FROM deadline_timers d
           WHERE d.fired_at IS NULL AND d.fire_at <= $1 AND d.state = 'pending'
             -- Held back while a bulk change waits to re-plan the appeal.
             AND NOT EXISTS (SELECT 1 FROM deadline_timer_replans r WHERE r.appeal_id = d.appeal_id)
           ORDER BY d.fire_at, d.id LIMIT $2))
         AND t.fired_at IS NULL AND t.fire_at <= $1 AND t.state = 'pending'
       RETURNING t.id::text, t.generation, t.claims, t.fire_at AS "fireAt"`,
      [until, limit, now],
      'timers-claim',
    );
  }

  /**
   * Queued timers go back to pending to be claimed again: all of them after Redis lost its data,
   * or, given `lostBefore`, those whose job should have run by then (due and queued before it).
   * A queued timer fires within the claim's horizon (an hour at most) of `now`.
   */
  async requeue(tx: Tx, now: Date, lostBefore: Date | null): Promise<number> {
    return tx.execute(
      `UPDATE deadline_timers SET state = 'pending'
       WHERE fired_at IS NULL AND state = 'queued'
         AND fire_at <= coalesce($2::timestamptz, $1::timestamptz + interval '1 hour') AND ($2::timestamptz IS NULL OR queued_at < $2)`,
      [now, lostBefore],
    );
  }

  /**
   * Fires a batch of timers in one statement: each timer still of the job's generation, due, and
   * not fired yet is locked, marked fired and gets its alert (unique per timer and generation); each
   * recipient gets one mail in the outbox listing their new alerts of the batch. Recipients: the
   * agency's supervisors and the executor; for an escalation the parent agency's supervisors; and
   * the supervisors of every body that put the case under control (appeals-rules.md 17). Never the
   * official a complaint is about (AOC 594-1.1.2); when that is a supervisor of the handling agency,
   * the alerts go to the parent agency's supervisors instead (they oversee the supervisor).
   */
  async fireBatch(tx: Tx, timers: ReadonlyArray<readonly [string, number]>, now: Date): Promise<{ fired: number; outbox: OutboxRef[] }> {
    const [row] = await tx.query<{ fired: number; outbox: OutboxRef[] }>(
      FIRE_BATCH.text,
      FIRE_BATCH.values({
        timerIds: timers.map(([id]) => id),
        generations: timers.map(([, generation]) => generation),
        now,
        mailTopic: MAIL_TOPIC,
      }),
      FIRE_BATCH.name,
    );
    return row;
  }

  /**
   * The daily digest of one Baku day, once: per supervisor, the open appeals of the agencies they
   * oversee due today, due within the next working days up to `soonDate`, and overdue at `now`.
   * Null when the day's digest was already written (another replica, or before a restart).
   */
  async writeDigests(tx: Tx, day: string, soonDate: string, now: Date): Promise<OutboxRef[] | null> {
    const claimed = await tx.query(`INSERT INTO alert_digest_days (day) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`, [day]);
    if (claimed.length === 0) return null;
    return tx.query<OutboxRef>(WRITE_DIGESTS.text, WRITE_DIGESTS.values({ day, soonDate, now, mailTopic: MAIL_TOPIC }));
  }

  /** Keyset pages, newest first, over alerts_agency_created_idx; never the complaints about the viewer (AOC 594-1.1.2). */
  async list(
    agencyIds: readonly string[],
    viewerId: string,
    after: { createdAt: string; id: string } | null,
    limit: number,
  ): Promise<AlertRow[]> {
    return this.db.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts al JOIN appeals a ON a.id = al.appeal_id
       WHERE al.agency_id = ANY($1::uuid[])
         AND ($2::timestamptz IS NULL OR (al.created_at, al.id) < ($2::timestamptz, $3::bigint))
         AND a.respondent_official_id IS DISTINCT FROM $5::uuid
       ORDER BY al.created_at DESC, al.id DESC LIMIT $4`,
      [agencyIds, after?.createdAt ?? null, after?.id ?? null, limit, viewerId],
    );
  }

  async find(id: string): Promise<AlertRow | undefined> {
    const [row] = await this.db.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts al JOIN appeals a ON a.id = al.appeal_id WHERE al.id = $1`,
      [id],
    );
    return row;
  }

  /** The first acknowledgement stands; a repeat changes nothing. */
  async acknowledge(id: string, userId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE alerts SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL`, [
      id,
      userId,
      at,
    ]);
  }

  /** appeals-rules.md 17; placing it twice keeps the first record (`created` false). */
  async placeUnderControl(
    tx: Tx,
    appealId: string,
    agencyId: string,
    userId: string,
    at: Date,
  ): Promise<{ placedAt: Date; created: boolean }> {
    const [inserted] = await tx.query<{ placedAt: Date }>(
      `INSERT INTO appeal_controls (appeal_id, agency_id, placed_by, placed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (appeal_id, agency_id) DO NOTHING RETURNING placed_at AS "placedAt"`,
      [appealId, agencyId, userId, at],
    );
    if (inserted) return { placedAt: inserted.placedAt, created: true };
    const [existing] = await tx.query<{ placedAt: Date }>(
      `SELECT placed_at AS "placedAt" FROM appeal_controls WHERE appeal_id = $1 AND agency_id = $2`,
      [appealId, agencyId],
    );
    return { placedAt: existing.placedAt, created: false };
  }

  /**
   * What an alert mail shows of each listed alert (case number, agency, deadline, kind), nearest
   * deadline first, at most `limit`; and of all of them, how many and whether of one kind.
   */
  async mailViews(alertIds: readonly string[], limit: number): Promise<{ items: AlertMailView[]; total: number; oneKind: boolean }> {
    const [row] = await this.db.query<{ items: AlertMailView[] | null; total: number; kinds: number }>(
      `SELECT (SELECT jsonb_agg(v) FROM (
                 SELECT al.kind, al.days_before AS "daysBefore", al.appeal_id AS "appealId", a.registration_number AS "registrationNumber",
                        g.name AS "agencyName", to_char(al.due_at AT TIME ZONE 'Asia/Baku', 'YYYY-MM-DD HH24:MI') AS "dueAt"
                 FROM alerts al JOIN appeals a ON a.id = al.appeal_id JOIN agencies g ON g.id = al.agency_id
                 WHERE al.id = ANY($1::bigint[])
                 ORDER BY al.due_at, a.registration_number LIMIT $2) v) AS items,
              count(*)::int AS total, count(DISTINCT (kind, days_before))::int AS kinds
       FROM alerts WHERE id = ANY($1::bigint[])`,
      [alertIds, limit],
    );
    return { items: row.items ?? [], total: row.total, oneKind: row.kinds === 1 };
  }
}
