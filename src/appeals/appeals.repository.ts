import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor, Tx } from '../platform/database/db';
import { currentCorrelationId } from '../platform/logging/logger';
import { currentTraceparent } from '../platform/tracing/trace-context';
import { AnswerChannel, AppealStatus, AppealType, Channel, ClosureGround, Party, Regime } from './domain/appeal-types';
import { MailRecipient } from './domain/recipients';
import { AppealEventPayloads } from './domain/appeal-events';
import { OutboxRef } from '../platform/outbox/outbox-topics';
import { APPEAL_COLUMNS, INSERT_LINKED_CASE, INTAKE } from './queries/appeals.queries';

export interface AppealRow {
  id: string;
  registrationNumber: string;
  type: AppealType;
  status: AppealStatus;
  agencyId: string;
  subject: string;
  text: string;
  channel: Channel;
  /** The regime in force (appeal_state): the applicant's request until staff confirm or change it. */
  regime: Regime;
  /** How the answer is to be sent (Art. 7.6), as registered. */
  answerChannel: AnswerChannel;
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
  /** The staff account named as the official complained about (AOC 594-1.1.2): never sees the case. */
  respondentOfficialId: string | null;
  referralDueDate: string | null;
  reviewDueDate: string;
  reviewDueAt: Date;
  reviewTermWorkingDays: number | null;
  deadlinesProvisional: boolean;
  calendarVersion: number;
  closureGround: ClosureGround | null;
  executorId: string | null;
  /** The case this one came from: a referral or copy (Art. 7.10), or a follow-up (appeals-rules.md 15). */
  parentAppealId: string | null;
  linkKind: LinkKind | null;
  /** Who the applicant is across appeals (SQL applicant_key()); personal data, never shown. */
  applicantKey: string | null;
  /** When the case left this agency's hands: answered, left without consideration, referred. */
  closedAt: Date | null;
  /** The e-service a complaint is about (evaluation-methodology.md sect. 5). */
  eServiceId: string | null;
  /** The open appeal this follow-up was merged into by staff (appeals-rules.md 15); answered with it. */
  mergedInto: string | null;
  version: number;
}

export type LinkKind = 'referral' | 'copy' | 'follow_up';

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
  closedAt: 'closed_at',
  deadlinesProvisional: 'deadlines_provisional',
  calendarVersion: 'calendar_version',
  regime: 'regime',
  mergedInto: 'merged_into',
  noticeDueDate: 'notice_due_date',
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
  closedAt: Date | null;
  deadlinesProvisional: boolean;
  calendarVersion: number;
  regime: Regime;
  mergedInto: string | null;
  /** Art. 8.2: the last day to post the notice of leaving without consideration (null: none to post). */
  noticeDueDate: string | null;
}>;

export interface PartyRow extends Party {
  role: 'applicant' | 'co_applicant' | 'representative';
  position: number;
  authorityDocument?: string;
}

/** What intake writes: the row as read back, less what the database assigns. */
export type NewAppeal = Omit<
  AppealRow,
  'registrationNumber' | 'version' | 'extensionWorkingDays' | 'reviewDueAt' | 'executorId' | 'applicantKey' | 'closedAt' | 'mergedInto'
> & {
  /** ISO-8601 instant, end of the due day in Baku (or receipt + 24 h for urgent appeals). */
  reviewDueAt: string;
};

export interface AnswerRow {
  text: string;
  decidedByName: string;
  decidedByPosition: string;
  /** The channel the answer went by (Art. 7.6). */
  delivery: AnswerChannel;
  /** The day it was posted or handed over (YYYY-MM-DD, Baku). */
  dispatchedOn: string;
  /** When the answer was recorded (the case closed then). */
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
  readonly executorId?: string;
  /** Leaves out the complaints naming this user as the official complained about (AOC 594-1.1.2). */
  readonly hiddenFromRespondent?: string;
  /**
   * The searcher may not read confidential texts (appeals-rules.md 16): a confidential appeal's
   * words match only when this user is its executor.
   */
  readonly confidentialWordsOnlyFor?: string;
  /** Full-text query over subject and text (web-search syntax: words, "phrases", -not, or). */
  readonly q?: string;
  readonly sort: 'newest' | 'deadline';
  readonly after?: ListPosition;
  readonly limit: number;
}

const FROM_APPEALS = `appeals a JOIN appeal_state s ON s.appeal_id = a.id`;

/**
 * How many of an applicant's latest open appeals at the agency an appeal is compared with when
 * staff look for the one to merge it into (appeals-rules.md 15). Each comparison is a trigram
 * similarity of two texts (about 0.1 ms).
 */
const FOLLOW_UP_CANDIDATES = 20;
/** Subject and the start of the text: enough to tell the matter, at a third of the cost of the whole text. */
const SAME_MATTER_PREFIX = 400;

/**
 * Whether an agency's search should take its matches first (appealListQuery), from PostgreSQL's
 * estimates: fetching each match costs about as much as checking MATCH_COST_RATIO^-1 cases on the
 * deadline walk, which passes over `agencyCases / matches` cases per match on the page. Measured
 * with `npm run bench:cases` (186k appeals at one agency): a word in 1.5 % of them (2,900 matches)
 * 23 -> 7 ms matches first; one in 7 % (12,800) 4 ms walking but 22 ms matches first.
 */
export function searchMatchesFirst(estimate: { agencyCases: number; matches: number }, pageSize: number): boolean {
  return estimate.matches * estimate.matches <= MATCH_COST_RATIO * pageSize * estimate.agencyCases;
}
const MATCH_COST_RATIO = 2.5;

/**
 * The officials' and citizens' list query, keyset-paginated on an index per sort order
 * (appeal_state_agency_due_idx, appeal_state_agency_status_due_idx, appeals_owner_idx). Pure, so
 * `npm run bench:cases` runs the very same SQL as its raw baseline.
 */
export function appealListQuery(filter: ListFilter, search: { matchesFirst?: boolean } = {}): { sql: string; params: unknown[] } {
  // Conditions by table: a search's page query joins appeals only when it filters or sorts on them.
  const onState: string[] = [];
  const onAppeals: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.ownerUserId) onAppeals.push(`a.owner_user_id = ${param(filter.ownerUserId)}`);
  if (filter.agencyIds?.length === 1) {
    // One agency (every official's list): an equality, so the (agency, status, deadline) index
    // also gives the order and the scan stops after one page; ANY() would sort all matches.
    onState.push(`s.agency_id = ${param(filter.agencyIds[0])}::uuid`);
  } else if (filter.agencyIds) {
    onState.push(`s.agency_id = ANY(${param(filter.agencyIds)}::uuid[])`);
  }
  if (filter.status) onState.push(`s.status = ${param(filter.status)}`);
  if (filter.type) onAppeals.push(`a.type = ${param(filter.type)}`);
  if (filter.overdueAt) {
    onState.push(`s.review_due_at < ${param(filter.overdueAt)} AND s.status = ANY (appeal_working_statuses())`);
  }
  if (filter.dueBefore) onState.push(`s.review_due_date <= ${param(filter.dueBefore)}::date`);
  if (filter.executorId) onState.push(`s.executor_id = ${param(filter.executorId)}::uuid`);
  // AOC 594-1.1.2: the complaints about the caller, few and from a partial index, as a hashed set;
  // on appeal_state, so the shape of every list and search below stays the same.
  if (filter.hiddenFromRespondent) onState.push(notAboutOfficial('s.appeal_id', param(filter.hiddenFromRespondent)));
  // appeals-rules.md 16: a confidential text never matches the words of someone who may not read it.
  const wordsVisible = (alias: string) =>
    filter.confidentialWordsOnlyFor
      ? ` AND (NOT ${alias}.confidential OR EXISTS (SELECT 1 FROM appeal_state x WHERE x.appeal_id = ${alias}.id AND x.executor_id = ${param(filter.confidentialWordsOnlyFor)}::uuid))`
      : '';
  // One agency's search, its shape chosen from PostgreSQL's estimates (searchAppeals).
  const oneAgencySearch = filter.q && filter.agencyIds?.length === 1 && search.matchesFirst !== undefined;
  if (oneAgencySearch && search.matchesFirst) {
    // Few matches: all of them first, from appeals_agency_search_idx, as a hashed set the deadline
    // walk checks each case against, stopping after one page. A set, not a join: a hash join's
    // output has no order, and a nested loop would fetch every match's deadline. PostgreSQL turns
    // no IN under an OR into a join; the parameter is always false.
    onState.push(
      `(s.appeal_id IN (SELECT w.id FROM appeals w WHERE w.agency_id = ${param((filter.agencyIds as string[])[0])}::uuid
                          AND w.search @@ websearch_to_tsquery('simple', ${param(filter.q)})${wordsVisible('w')})
        OR ${param(false)}::boolean)`,
    );
  } else if (oneAgencySearch) {
    // Many matches: walk the agency's deadline index and check each case's words; a page is found
    // within a few hundred cases. The agency is named once (on appeal_state): naming it on appeals
    // too would count its selectivity twice and make the planner expect few matches.
    onAppeals.push(`a.search @@ websearch_to_tsquery('simple', ${param(filter.q)})${wordsVisible('a')}`);
  } else if (filter.q) {
    // The same agencies on appeals (a case never changes agency) let appeals_agency_search_idx
    // find "these words at these agencies" at once, instead of every match in the country.
    const agencies = filter.agencyIds ? ` AND a.agency_id = ANY(${param(filter.agencyIds)}::uuid[])` : '';
    onAppeals.push(`a.search @@ websearch_to_tsquery('simple', ${param(filter.q)})${agencies}${wordsVisible('a')}`);
  }
  const byDeadline = filter.sort === 'deadline';
  const [column, direction] = byDeadline ? ['s.review_due_at', 'ASC'] : ['a.registered_at', 'DESC'];
  // The tie-breaker comes from the same table as the sort column, so one index serves both.
  const idColumn = byDeadline ? 's.appeal_id' : 'a.id';
  if (filter.after) {
    const op = direction === 'ASC' ? '>' : '<';
    (byDeadline ? onState : onAppeals).push(
      `(${column}, ${idColumn}) ${op} (${param(filter.after.value)}::timestamptz, ${param(filter.after.id)}::uuid)`,
    );
  }
  const where = [...onState, ...onAppeals];
  const order = `ORDER BY ${column} ${direction}, ${idColumn} ${direction}`;
  if (!filter.q) {
    // A list walks an index whose order and conditions are the list's: every case it reads is on the page.
    const sql = `SELECT ${APPEAL_COLUMNS} FROM ${FROM_APPEALS}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ${order} LIMIT ${param(filter.limit)}`;
    return { sql, params };
  }
  // A search passes over cases whose words do not match: the page's ids first, reading only the
  // index (sort value and id) of the cases it passes over, then the columns of the page alone.
  const state = byDeadline || onState.length > 0;
  const appeals = !byDeadline || onAppeals.length > 0;
  const sql = `SELECT ${APPEAL_COLUMNS}
    FROM (SELECT ${idColumn} AS id, ${column} AS sort FROM ${state && appeals ? FROM_APPEALS : state ? 'appeal_state s' : 'appeals a'}
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ${order} LIMIT ${param(filter.limit)}) page
    JOIN appeal_state s ON s.appeal_id = page.id JOIN appeals a ON a.id = page.id
    ORDER BY page.sort ${direction}, page.id ${direction}`;
  return { sql, params };
}

/** `id` is not a complaint about the official `user` (a `$n` parameter); appeals_respondent_official_idx. */
function notAboutOfficial(idColumn: string, user: string): string {
  return `${idColumn} NOT IN (SELECT r.id FROM appeals r WHERE r.respondent_official_id = ${user}::uuid)`;
}

/** SQL on one connection inside a transaction: a Tx, or the bench baseline's pg client. */
export type SqlSession = Pick<SqlExecutor, 'query'>;

/**
 * An agency's full-text search, a page nearest deadline first: PostgreSQL's estimates of the
 * agency's cases and of the matches pick the query's shape (one EXPLAIN, no execution). Run inside a transaction: parallel
 * workers are turned off for it, as starting them costs more than these short queries, and 16 at
 * once on two cores leave none idle. Pure SQL otherwise, so the bench's baseline runs the very same.
 */
export async function searchAppeals<T>(session: SqlSession, filter: ListFilter & { q: string }): Promise<T[]> {
  await session.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
  let matchesFirst: boolean | undefined;
  if (filter.agencyIds?.length === 1) {
    const [explained] = await session.query<{ 'QUERY PLAN': Array<{ Plan: { Plans: Array<{ 'Plan Rows': number }> } }> }>(
      `EXPLAIN (FORMAT JSON)
       SELECT 1 FROM appeals a WHERE a.agency_id = $1::uuid
       UNION ALL
       SELECT 1 FROM appeals a WHERE a.agency_id = $1::uuid AND a.search @@ websearch_to_tsquery('simple', $2)`,
      [filter.agencyIds[0], filter.q],
    );
    const [agency, words] = explained['QUERY PLAN'][0].Plan.Plans;
    matchesFirst = searchMatchesFirst({ agencyCases: agency['Plan Rows'], matches: words['Plan Rows'] }, filter.limit);
  }
  const { sql, params } = appealListQuery(filter, { matchesFirst });
  return session.query<T>(sql, params);
}

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
    /** The `registered` event; the statement adds the registration number it draws. */
    event: { actorRole: string; data: Omit<AppealEventPayloads['registered'], 'registrationNumber'> },
    confirmation: { topic: string; template: string; recipients: readonly MailRecipient[] } | null,
    registrationYear: number,
    sequence: string,
  ): Promise<AppealRow & { outbox: OutboxRef[] }> {
    const [row] = await tx.query<AppealRow & { outbox: OutboxRef[] }>(
      INTAKE.text,
      INTAKE.values({
        ...appeal,
        registrationYear,
        sequence,
        actorRole: event.actorRole,
        eventData: JSON.stringify(event.data),
        parties: JSON.stringify(parties),
        // The request's correlation id and trace context ride in the confirmation (no extra parameter for the prepared statement).
        confirmation: confirmation
          ? JSON.stringify({ ...confirmation, correlationId: currentCorrelationId() ?? null, traceparent: currentTraceparent() })
          : null,
      }),
      INTAKE.name,
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
  async compareAndSet(tx: Tx, id: string, version: number, changes: StateChanges, at: Date): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as Array<[keyof StateChanges, unknown]>;
    const sets = entries.map(([field], i) => `${STATE_COLUMNS[field]} = $${i + 4}`);
    // updated_at is the app's clock of the change (the timers' planning skips stages already past it).
    const updated = await tx.execute(
      `UPDATE appeal_state SET ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')}
       WHERE appeal_id = $1 AND version = $2`,
      [id, version, at, ...entries.map(([, value]) => value)],
    );
    return updated === 1;
  }

  async insertAnswer(
    tx: Tx,
    answer: {
      appealId: string;
      text: string;
      decidedBy: string;
      name: string;
      position: string;
      delivery: AnswerChannel;
      dispatchedOn: string;
      at: Date;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO appeal_answers (appeal_id, text, decided_by, decided_by_name, decided_by_position, delivery, dispatched_at, dispatched_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [answer.appealId, answer.text, answer.decidedBy, answer.name, answer.position, answer.delivery, answer.at, answer.dispatchedOn],
    );
  }

  async findAnswer(appealId: string): Promise<AnswerRow | undefined> {
    const [row] = await this.db.query<AnswerRow>(
      `SELECT text, decided_by_name AS "decidedByName", decided_by_position AS "decidedByPosition", delivery,
              to_char(dispatched_on, 'YYYY-MM-DD') AS "dispatchedOn", dispatched_at AS "dispatchedAt"
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

  async list(filter: ListFilter): Promise<AppealRow[]> {
    const { q } = filter;
    if (q) return this.db.transaction((tx) => searchAppeals<AppealRow>(tx, { ...filter, q }));
    const { sql, params } = appealListQuery(filter);
    return this.db.query<AppealRow>(sql, params);
  }

  /**
   * A case made from another one at `agencyId` (Art. 7.10 referral or copy): the registered content,
   * parties and documents carried over, a registration number of its own, its first audit event,
   * and deadlines running from the receiving agency's receipt. One statement.
   */
  async insertLinkedCase(
    tx: Tx,
    linked: {
      id: string;
      parentId: string;
      linkKind: 'referral' | 'copy';
      agencyId: string;
      /** The regime in force at the sending agency goes with the case. */
      regime: Regime;
      receivedOn: string;
      registeredAt: Date;
      actorId: string;
      actorRole: string;
      deadlines: LinkedDeadlines;
      eventData: Omit<AppealEventPayloads['registered'], 'registrationNumber'>;
    },
    registrationYear: number,
    sequence: string,
  ): Promise<AppealRow> {
    const d = linked.deadlines;
    const [row] = await tx.query<AppealRow>(
      INSERT_LINKED_CASE.text,
      INSERT_LINKED_CASE.values({
        id: linked.id,
        parentId: linked.parentId,
        registrationYear,
        sequence,
        receivedOn: linked.receivedOn,
        registeredAt: linked.registeredAt,
        actorId: linked.actorId,
        actorRole: linked.actorRole,
        linkKind: linked.linkKind,
        eventData: JSON.stringify(linked.eventData),
        agencyId: linked.agencyId,
        regime: linked.regime,
        reviewTermWorkingDays: d.reviewTermWorkingDays,
        referralDueDate: d.referralDueDate,
        reviewDueDate: d.reviewDueDate,
        reviewDueAt: d.reviewDueAt,
        provisional: d.provisional,
        calendarVersion: d.calendarVersion,
      }),
      INSERT_LINKED_CASE.name,
    );
    return row;
  }

  async eServiceExists(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM e_services WHERE id = $1`, [id])).length === 1;
  }

  /** Art. 7.10: the record of a referral or copy, with its timeliness. False: already sent there. */
  async insertReferral(tx: Tx, referral: ReferralRecord): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO appeal_referrals (appeal_id, to_appeal_id, kind, from_agency_id, to_agency_id, received_on, due_date,
         referred_on, on_time, note, referred_by, referred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (appeal_id, to_agency_id) DO NOTHING RETURNING 1`,
      [
        referral.appealId,
        referral.toAppealId,
        referral.kind,
        referral.fromAgencyId,
        referral.toAgencyId,
        referral.receivedOn,
        referral.dueDate,
        referral.referredOn,
        referral.onTime,
        referral.note,
        referral.referredBy,
        referral.referredAt,
      ],
    );
    return rows.length === 1;
  }

  /** The cases linked to this one, both ways: where it came from and what was made of it. */
  async linkedCases(id: string): Promise<LinkedCaseRow[]> {
    return this.db.query<LinkedCaseRow>(
      `SELECT a.id, a.registration_number AS "registrationNumber", s.agency_id AS "agencyId", s.status,
              a.link_kind AS "linkKind", 'derived' AS relation,
              a.owner_user_id AS "ownerUserId", a.confidential, s.executor_id AS "executorId", a.respondent_official_id AS "respondentOfficialId"
       FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
       WHERE a.parent_appeal_id = $1
       UNION ALL
       SELECT p.id, p.registration_number, s.agency_id, s.status, c.link_kind, 'source',
              p.owner_user_id, p.confidential, s.executor_id, p.respondent_official_id
       FROM appeals c JOIN appeals p ON p.id = c.parent_appeal_id JOIN appeal_state s ON s.appeal_id = p.id
       WHERE c.id = $1
       ORDER BY 6 DESC, 2`,
      [id],
    );
  }

  /**
   * appeals-rules.md 15: the open appeals of the same applicant at the same agency that this one may
   * be merged into (staff decide; nothing is merged at intake): received no later than it, still
   * open and not past their deadline when it arrived, not follow-ups themselves (merges are not
   * chained), similar enough to it (pg_trgm over subject and the start of the text). The applicant
   * is the account for portal appeals (applicant_key()), never an e-mail typed into the form.
   */
  async followUpCandidates(appeal: AppealRow, minSimilarity: number, limit: number): Promise<FollowUpCandidateRow[]> {
    if (!appeal.applicantKey) return [];
    return this.db.query<FollowUpCandidateRow>(
      // The applicant's latest open appeals only: one applicant filing many (a lawyer, an
      // organisation) must not make the comparison read all of them.
      `SELECT c.id, c.registration_number AS "registrationNumber", round(c.similarity::numeric, 2)::float8 AS similarity,
              to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(c.review_due_date, 'YYYY-MM-DD') AS "reviewDueDate",
              c.owner_user_id AS "ownerUserId", c.agency_id AS "agencyId", c.confidential, c.executor_id AS "executorId",
              c.respondent_official_id AS "respondentOfficialId"
       FROM (
         SELECT a.id, a.registration_number, a.received_on, s.review_due_date, a.owner_user_id, s.agency_id, a.confidential, s.executor_id,
                a.respondent_official_id,
                similarity(left(a.subject || ' ' || a.body, ${SAME_MATTER_PREFIX}), left($4, ${SAME_MATTER_PREFIX})) AS similarity
         FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
         WHERE a.applicant_key = $1 AND a.id <> $2 AND s.agency_id = $3
           AND s.status = ANY (appeal_working_statuses()) AND s.merged_into IS NULL
           AND a.received_on <= $5::date AND s.review_due_date >= $5::date
         ORDER BY a.received_on DESC
         LIMIT ${FOLLOW_UP_CANDIDATES}) c
       WHERE c.similarity >= $6
       ORDER BY c.similarity DESC, c.received_on, c.id
       LIMIT $7`,
      [appeal.applicantKey, appeal.id, appeal.agencyId, `${appeal.subject} ${appeal.text}`, appeal.receivedOn, minSimilarity, limit],
      'appeal-follow-up-candidates',
    );
  }

  /** AOC 594-1.1.2: whom a complaint is about, as recorded by staff (AppealActionsService.setRespondent). */
  async setRespondent(
    tx: Tx,
    id: string,
    respondent: { respondentAgencyId: string | null; respondentOfficialId: string | null; respondentOfficial: string | null },
  ): Promise<void> {
    await tx.query(`UPDATE appeals SET respondent_agency_id = $2, respondent_official_id = $3, respondent_official = $4 WHERE id = $1`, [
      id,
      respondent.respondentAgencyId,
      respondent.respondentOfficialId,
      respondent.respondentOfficial,
    ]);
  }

  /** Whether open appeals merged into this one wait for its answer (appeals-rules.md 15). */
  async hasMergedFollowUps(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM appeal_state WHERE merged_into = $1 LIMIT 1`, [id])).length > 0;
  }

  /**
   * The link a merge shows (linkedCases: `follow_up`), written once: a case that came by referral
   * or copy keeps that link, and its merge shows in appeal_state and the events.
   */
  async linkFollowUp(tx: Tx, id: string, intoId: string): Promise<void> {
    await tx.query(`UPDATE appeals SET parent_appeal_id = $2, link_kind = 'follow_up' WHERE id = $1 AND parent_appeal_id IS NULL`, [
      id,
      intoId,
    ]);
  }

  /**
   * Art. 8.1.4: earlier appeals of the same applicant to the same agency on a similar matter, and
   * how many of them were answered on the merits within the year before this one was received.
   */
  async earlierSimilar(
    appeal: AppealRow,
    minSimilarity: number,
    limit: number,
  ): Promise<{ items: EarlierAppealRow[]; answeredOnMeritsLastYear: number }> {
    if (!appeal.applicantKey) return { items: [], answeredOnMeritsLastYear: 0 };
    const rows = await this.db.query<EarlierAppealRow & { answeredLastYear: number }>(
      `WITH recent AS (
         -- Art. 8.1.4 looks back one year; the latest few hundred appeals of the applicant bound the work.
         SELECT a.id, a.registration_number, a.received_on, a.subject || ' ' || a.body AS doc, a.owner_user_id, a.confidential,
                a.respondent_official_id
         FROM appeals a
         WHERE a.applicant_key = $1 AND a.id <> $2 AND a.agency_id = $3 AND a.received_on <= $5::date
           AND a.received_on >= $5::date - interval '2 years'
         ORDER BY a.received_on DESC
         LIMIT 300),
       -- Distinct appeals: a follow-up merged into another is answered with it and never counts (appeals-rules.md 15).
       alike AS (
         SELECT r.id, r.registration_number, r.received_on, s.status, x.dispatched_at, similarity(r.doc, $4) AS similarity,
                r.owner_user_id, r.confidential, r.respondent_official_id, s.agency_id, s.executor_id
         FROM recent r JOIN appeal_state s ON s.appeal_id = r.id LEFT JOIN appeal_answers x ON x.appeal_id = r.id
         WHERE s.merged_into IS NULL AND similarity(r.doc, $4) >= $6)
       SELECT id, registration_number AS "registrationNumber", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", status,
              dispatched_at AS "answeredAt", round(similarity::numeric, 2)::float8 AS similarity,
              owner_user_id AS "ownerUserId", confidential, respondent_official_id AS "respondentOfficialId", agency_id AS "agencyId",
              executor_id AS "executorId",
              (count(*) FILTER (WHERE status = 'answered' AND dispatched_at >= ($5::date - interval '1 year')) OVER ())::int AS "answeredLastYear"
       FROM alike
       ORDER BY received_on DESC, id
       LIMIT $7`,
      [appeal.applicantKey, appeal.id, appeal.agencyId, `${appeal.subject} ${appeal.text}`, appeal.receivedOn, minSimilarity, limit],
    );
    return {
      items: rows.map(({ answeredLastYear: _count, ...row }) => row),
      answeredOnMeritsLastYear: rows[0]?.answeredLastYear ?? 0,
    };
  }

  /**
   * appeals-rules.md 15: an appeal closed other than by an answer (left without consideration,
   * withdrawn, referred away) answers nobody: the follow-ups merged into it are released and run on
   * their own terms again. Returns their ids.
   */
  async releaseFollowUps(tx: Tx, id: string, at: Date): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE appeal_state SET merged_into = NULL, version = version + 1, updated_at = $2
       WHERE merged_into = $1 AND status = ANY (appeal_working_statuses())
       RETURNING appeal_id AS id`,
      [id, at],
    );
    return rows.map((r) => r.id).sort();
  }

  /** Open follow-ups merged into this appeal: they are answered with it (appeals-rules.md 15). */
  async openFollowUps(tx: Tx, id: string): Promise<Array<{ id: string; version: number }>> {
    return tx.query<{ id: string; version: number }>(
      `SELECT s.appeal_id AS id, s.version FROM appeal_state s
       WHERE s.merged_into = $1 AND s.status = ANY (appeal_working_statuses())
       ORDER BY s.appeal_id FOR UPDATE OF s`,
      [id],
    );
  }

  /** An agency's (or a supervisor's agencies') caseload by status, and how many open ones are overdue. */
  async countByStatus(
    agencyIds: readonly string[],
    now: Date,
    viewerId: string,
  ): Promise<{ byStatus: Record<string, number>; overdue: number }> {
    const rows = await this.db.query<{ status: string; n: number; overdue: number }>(
      // AOC 594-1.1.2: the complaints about the viewer are not theirs to count.
      `SELECT status, count(*)::int AS n,
              (count(*) FILTER (WHERE status = ANY (appeal_working_statuses()) AND review_due_at < $2))::int AS overdue
       FROM appeal_state WHERE agency_id = ANY($1::uuid[]) AND ${notAboutOfficial('appeal_id', '$3')} GROUP BY status`,
      [agencyIds, now, viewerId],
      'appeal-counts',
    );
    return {
      byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
    };
  }
}

export interface LinkedDeadlines {
  referralDueDate: string;
  reviewDueDate: string;
  reviewDueAt: string;
  reviewTermWorkingDays: number | null;
  provisional: boolean;
  calendarVersion: number;
}

export interface ReferralRecord {
  appealId: string;
  toAppealId: string;
  kind: 'referral' | 'copy';
  fromAgencyId: string;
  toAgencyId: string;
  receivedOn: string;
  dueDate: string;
  referredOn: string;
  onTime: boolean;
  note: string | null;
  referredBy: string;
  referredAt: Date;
}

/** What the access policy needs of a case shown beside another one (linked, earlier, candidate). */
export interface BesideFacts {
  ownerUserId: string | null;
  agencyId: string;
  confidential: boolean;
  executorId: string | null;
  respondentOfficialId: string | null;
}

export interface LinkedCaseRow extends BesideFacts {
  id: string;
  registrationNumber: string;
  agencyId: string;
  status: AppealStatus;
  linkKind: LinkKind;
  /** 'source': this case came from it; 'derived': it was made from this case. */
  relation: 'source' | 'derived';
}

/** The access facts are for the policy: the caller must be allowed to see each candidate's applicant. */
export interface FollowUpCandidateRow extends BesideFacts {
  id: string;
  registrationNumber: string;
  similarity: number;
  receivedOn: string;
  reviewDueDate: string;
}

export interface EarlierAppealRow extends BesideFacts {
  id: string;
  registrationNumber: string;
  receivedOn: string;
  status: AppealStatus;
  answeredAt: Date | null;
  similarity: number;
}
