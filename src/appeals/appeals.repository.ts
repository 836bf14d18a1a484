import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../platform/database/db';
import { AppealStatus, AppealType, Channel, ClosureGround, Party, Regime } from './domain/appeal-types';

export interface AppealRow {
  id: string;
  registrationNumber: string;
  type: AppealType;
  status: AppealStatus;
  agencyId: string;
  subject: string;
  text: string;
  channel: Channel;
  regime: Regime;
  confidential: boolean;
  anonymous: boolean;
  collective: boolean;
  receivedOn: string;
  registeredAt: Date;
  reviewTermFrom: string;
  extensionWorkingDays: number;
  ownerUserId: string | null;
  registeredBy: string;
  respondentAgencyId: string | null;
  respondentOfficial: string | null;
  referralDueDate: string | null;
  reviewDueDate: string;
  reviewDueAt: Date;
  reviewTermWorkingDays: number | null;
  deadlinesProvisional: boolean;
  calendarVersion: number;
  closureGround: ClosureGround | null;
  executorId: string | null;
  version: number;
}

/** The columns of appeal_state a transition may change, by field name. */
const STATE_COLUMNS = {
  status: 'status',
  executorId: 'executor_id',
  closureGround: 'closure_ground',
  reviewTermFrom: 'review_term_from',
  reviewTermWorkingDays: 'review_term_working_days',
  extensionWorkingDays: 'extension_working_days',
  referralDueDate: 'referral_due_date',
  reviewDueDate: 'review_due_date',
  reviewDueAt: 'review_due_at',
  deadlinesProvisional: 'deadlines_provisional',
  calendarVersion: 'calendar_version',
} as const;

export type StateChanges = Partial<{
  status: AppealStatus;
  executorId: string | null;
  closureGround: ClosureGround | null;
  reviewTermFrom: string;
  reviewTermWorkingDays: number | null;
  extensionWorkingDays: number;
  referralDueDate: string | null;
  reviewDueDate: string;
  reviewDueAt: string;
  deadlinesProvisional: boolean;
  calendarVersion: number;
}>;

export interface PartyRow extends Party {
  role: 'applicant' | 'co_applicant' | 'representative';
  position: number;
  authorityDocument?: string;
}

/** What intake writes: the row as read back, less what the database assigns. */
export type NewAppeal = Omit<AppealRow, 'registrationNumber' | 'version' | 'extensionWorkingDays' | 'reviewDueAt' | 'executorId'> & {
  /** ISO-8601 instant, end of the due day in Baku (or receipt + 24 h for urgent appeals). */
  reviewDueAt: string;
};

export interface AnswerRow {
  text: string;
  decidedByName: string;
  decidedByPosition: string;
  delivery: 'email' | 'post';
  dispatchedAt: Date;
}

/** Keyset position in a list: the sort value and the id that breaks ties. */
export interface ListPosition {
  readonly value: string;
  readonly id: string;
}

export interface ListFilter {
  readonly ownerUserId?: string;
  readonly agencyIds?: readonly string[];
  readonly status?: AppealStatus;
  readonly type?: AppealType;
  readonly overdueAt?: Date;
  readonly dueBefore?: string;
  readonly sort: 'newest' | 'deadline';
  readonly after?: ListPosition;
  readonly limit: number;
}

const APPEAL_COLUMNS = `
  a.id, a.registration_number AS "registrationNumber", a.type, s.status, s.agency_id AS "agencyId",
  a.subject, a.body AS text, a.channel, a.regime, a.confidential, a.anonymous, a.collective,
  to_char(a.received_on, 'YYYY-MM-DD') AS "receivedOn", a.registered_at AS "registeredAt",
  to_char(s.review_term_from, 'YYYY-MM-DD') AS "reviewTermFrom", s.extension_working_days AS "extensionWorkingDays",
  a.owner_user_id AS "ownerUserId", a.registered_by AS "registeredBy",
  a.respondent_agency_id AS "respondentAgencyId", a.respondent_official AS "respondentOfficial",
  to_char(s.referral_due_date, 'YYYY-MM-DD') AS "referralDueDate",
  to_char(s.review_due_date, 'YYYY-MM-DD') AS "reviewDueDate", s.review_due_at AS "reviewDueAt",
  s.review_term_working_days AS "reviewTermWorkingDays", s.deadlines_provisional AS "deadlinesProvisional",
  s.calendar_version AS "calendarVersion", s.closure_ground AS "closureGround", s.executor_id AS "executorId", s.version`;

const FROM_APPEALS = `appeals a JOIN appeal_state s ON s.appeal_id = a.id`;

@Injectable()
export class AppealsRepository {
  private readonly knownSequences = new Set<number>();

  constructor(private readonly db: Db) {}

  /**
   * Registration numbers run per year from a PostgreSQL sequence: unique and ordered without a
   * hot counter row that would serialise every intake. A rolled-back intake may leave a gap.
   */
  async ensureRegistrationSequence(year: number): Promise<string> {
    const name = `appeal_registration_seq_${year}`;
    if (!this.knownSequences.has(year)) {
      try {
        await this.db.query(`CREATE SEQUENCE IF NOT EXISTS ${name}`);
      } catch (error) {
        // Two processes creating it at the same instant: the loser sees a duplicate in pg_class.
        if (!['23505', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
      }
      this.knownSequences.add(year);
    }
    return name;
  }

  /**
   * Intake in one statement, atomic by itself and one round trip: the registration number, the
   * appeal, its state, its parties, its first audit event (the head of its hash chain) and the
   * confirmation mail's outbox row.
   */
  async insert(
    tx: Tx,
    appeal: NewAppeal,
    parties: readonly PartyRow[],
    event: { actorRole: string; data: object },
    confirmation: { topic: string; template: string; to: string } | null,
    registrationYear: number,
    sequence: string,
  ): Promise<AppealRow & { outbox: Array<{ id: string; topic: string }> }> {
    const [row] = await tx.query<AppealRow & { outbox: Array<{ id: string; topic: string }> }>(
      `WITH a AS (
         INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous,
           collective, received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official)
         VALUES ($1, format('M-%s-%s', $25::int, lpad(nextval($26::regclass)::text, 7, '0')), $2, $5, $6, $7, $8, $9, $10,
           $11, $12, $13, $14, $15, $16, $17)
         RETURNING *),
       ev AS (
         SELECT a.id, $29::jsonb || jsonb_build_object('registrationNumber', a.registration_number) AS data FROM a),
       e AS (
         INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
         SELECT ev.id, 1, 'registered', $15, $28, $13, ev.data, NULL,
                appeal_event_hash(NULL, ev.id, 1, 'registered', $15, $28, $13, ev.data)
         FROM ev
         RETURNING hash),
       s AS (
         INSERT INTO appeal_state (appeal_id, agency_id, status, closure_ground, review_term_from, review_term_working_days,
           referral_due_date, review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash)
         SELECT $1, $4, $3, $24, $27, $21, $18, $19, $20, $22, $23, 1, e.hash FROM e
         RETURNING *),
       p AS (
         INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
         SELECT $1, p.role, p.position, p.kind, p."fullName", p."organisationName", p.address, p.email, p.phone, p."authorityDocument"
         FROM jsonb_to_recordset($30::jsonb) AS p(role text, position smallint, kind text, "fullName" text,
           "organisationName" text, address text, email text, phone text, "authorityDocument" text)),
       -- Decree No. 429 para 2.3: the confirmation notice leaves through the outbox, in this same statement.
       o AS (
         INSERT INTO outbox (topic, dedupe_key, payload)
         SELECT c.topic, 'mail:' || c.template || ':' || a.id, jsonb_build_object('template', c.template, 'to', c.to, 'appealId', a.id)
         FROM a, jsonb_to_record($31::jsonb) AS c(topic text, template text, "to" text)
         WHERE $31::jsonb IS NOT NULL
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id::text, topic)
       SELECT ${APPEAL_COLUMNS}, coalesce((SELECT jsonb_agg(o) FROM o), '[]'::jsonb) AS outbox
       FROM a JOIN s ON s.appeal_id = a.id`,
      [
        appeal.id,
        appeal.type,
        appeal.status,
        appeal.agencyId,
        appeal.subject,
        appeal.text,
        appeal.channel,
        appeal.regime,
        appeal.confidential,
        appeal.anonymous,
        appeal.collective,
        appeal.receivedOn,
        appeal.registeredAt,
        appeal.ownerUserId,
        appeal.registeredBy,
        appeal.respondentAgencyId,
        appeal.respondentOfficial,
        appeal.referralDueDate,
        appeal.reviewDueDate,
        appeal.reviewDueAt,
        appeal.reviewTermWorkingDays,
        appeal.deadlinesProvisional,
        appeal.calendarVersion,
        appeal.closureGround,
        registrationYear,
        sequence,
        appeal.reviewTermFrom,
        event.actorRole,
        JSON.stringify(event.data),
        JSON.stringify(parties),
        confirmation ? JSON.stringify(confirmation) : null,
      ],
      'appeal-intake',
    );
    return row;
  }

  async findById(id: string): Promise<AppealRow | undefined> {
    const [row] = await this.db.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM ${FROM_APPEALS} WHERE a.id = $1`, [id]);
    return row;
  }

  /** Locks the appeal's state row: changes to one appeal happen one at a time. */
  async lockForUpdate(tx: Tx, id: string): Promise<AppealRow | undefined> {
    const [row] = await tx.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM ${FROM_APPEALS} WHERE a.id = $1 FOR UPDATE OF s`, [id]);
    return row;
  }

  /**
   * The compare-and-set every transition goes through (STYLE.md): changes apply only to the
   * version the caller saw. False means someone else changed the case first (409).
   */
  async compareAndSet(tx: Tx, id: string, version: number, changes: StateChanges): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as Array<[keyof StateChanges, unknown]>;
    const sets = entries.map(([field], i) => `${STATE_COLUMNS[field]} = $${i + 3}`);
    const updated = await tx.execute(
      `UPDATE appeal_state SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE appeal_id = $1 AND version = $2`,
      [id, version, ...entries.map(([, value]) => value)],
    );
    return updated === 1;
  }

  async insertAnswer(
    tx: Tx,
    answer: { appealId: string; text: string; decidedBy: string; name: string; position: string; delivery: 'email' | 'post'; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO appeal_answers (appeal_id, text, decided_by, decided_by_name, decided_by_position, delivery, dispatched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [answer.appealId, answer.text, answer.decidedBy, answer.name, answer.position, answer.delivery, answer.at],
    );
  }

  async findAnswer(appealId: string): Promise<AnswerRow | undefined> {
    const [row] = await this.db.query<AnswerRow>(
      `SELECT text, decided_by_name AS "decidedByName", decided_by_position AS "decidedByPosition", delivery,
              dispatched_at AS "dispatchedAt"
       FROM appeal_answers WHERE appeal_id = $1`,
      [appealId],
    );
    return row;
  }

  /** Returns false when feedback was already given (once per appeal). */
  async insertFeedback(tx: Tx, feedback: { appealId: string; satisfied: boolean; comment: string | null; at: Date }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO appeal_feedback (appeal_id, satisfied, comment, given_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (appeal_id) DO NOTHING RETURNING 1`,
      [feedback.appealId, feedback.satisfied, feedback.comment, feedback.at],
    );
    return rows.length === 1;
  }

  async partiesOf(appealId: string): Promise<PartyRow[]> {
    return this.db.query<PartyRow>(
      `SELECT role, position, kind, full_name AS "fullName", organisation_name AS "organisationName", address, email, phone,
              authority_document AS "authorityDocument"
       FROM appeal_parties WHERE appeal_id = $1 ORDER BY role, position`,
      [appealId],
    );
  }

  /** Keyset pagination on an index per sort order (appeals_owner_idx, appeal_state_agency_due_idx). */
  async list(filter: ListFilter): Promise<AppealRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.ownerUserId) where.push(`a.owner_user_id = ${param(filter.ownerUserId)}`);
    if (filter.agencyIds) where.push(`s.agency_id = ANY(${param(filter.agencyIds)}::uuid[])`);
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.type) where.push(`a.type = ${param(filter.type)}`);
    if (filter.overdueAt) {
      where.push(`s.review_due_at < ${param(filter.overdueAt)} AND s.status IN ('registered', 'in_review', 'referred')`);
    }
    if (filter.dueBefore) where.push(`s.review_due_date <= ${param(filter.dueBefore)}::date`);
    const [column, direction] = filter.sort === 'deadline' ? ['s.review_due_at', 'ASC'] : ['a.registered_at', 'DESC'];
    // The tie-breaker comes from the same table as the sort column, so one index serves both.
    const idColumn = filter.sort === 'deadline' ? 's.appeal_id' : 'a.id';
    if (filter.after) {
      const op = direction === 'ASC' ? '>' : '<';
      where.push(`(${column}, ${idColumn}) ${op} (${param(filter.after.value)}::timestamptz, ${param(filter.after.id)}::uuid)`);
    }
    const sql = `SELECT ${APPEAL_COLUMNS} FROM ${FROM_APPEALS}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${column} ${direction}, ${idColumn} ${direction}
      LIMIT ${param(filter.limit)}`;
    return this.db.query<AppealRow>(sql, params);
  }
}
