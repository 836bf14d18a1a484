import { namedQuery } from '../../platform/database/named-query';
import { APPEAL_COLUMNS } from './appeals.queries';

/**
 * The officials' inbox (issue 15), with named parameters. The SQL PostgreSQL receives is committed
 * beside this file as inbox.repository.sql (generated: `npm run db:queries`). The statements run
 * unnamed, so each is planned with its values: an absent filter (NULL) folds away, and the open
 * list (no status chosen) matches the partial indexes of migration 1765040000000-inbox-indexes.
 */

/** What every inbox statement filters on; `null` is "no such filter". */
export interface InboxFilterParams {
  /** The agencies the viewer works for (a supervisor: the agencies they oversee). */
  readonly agencyIds: readonly string[];
  /**
   * The one agency, when the list is one agency's (every registrar's and official's): an equality,
   * so the (agency, due, id) index also gives the order and the scan stops after a page; ANY()
   * would read all the agency's open cases and sort them. Null for several.
   */
  readonly oneAgencyId: string | null;
  /** The viewer: AOC 594-1.1.2 leaves out the complaints about them; "mine" and confidential words are theirs. */
  readonly viewerId: string;
  /** One status; null: the open ones (appeal_working_statuses()). */
  readonly status: string | null;
  readonly type: string | null;
  readonly channel: string | null;
  /** Full-text query (web-search syntax). */
  readonly q: string | null;
  /** appeals-rules.md 16: a confidential text's words match only for its executor (everyone but supervisors). */
  readonly confidentialWordsHidden: boolean;
}

/** The tab's own filters: who handles the case, and how near its term is. */
export interface InboxViewParams {
  /** Cases of this executor (the viewer, for "mine"). */
  readonly executorId: string | null;
  /** Cases nobody is assigned to yet. */
  readonly unassigned: boolean;
  /** Open cases whose review term ended before this instant. */
  readonly overdueAt: string | null;
  /** Open cases due between these days (today and the week's Sunday, Baku). */
  readonly dueFrom: string | null;
  readonly dueTo: string | null;
}

export interface InboxPageParams extends InboxFilterParams, InboxViewParams {
  /** The keyset position (due instant, id) the page starts after, or (backwards) ends before. */
  readonly at: string | null;
  readonly id: string | null;
  readonly limit: number;
}

export interface InboxCountParams extends InboxFilterParams {
  readonly now: string;
  readonly today: string;
  readonly weekEnd: string;
}

const OPEN = `s.status = ANY (appeal_working_statuses())`;

/** The agency, status, type, channel, words and the respondent rule: shared by the pages and the counts. */
const BASE_FILTER = `CASE WHEN :oneAgencyId::uuid IS NULL THEN s.agency_id = ANY (:agencyIds::uuid[]) ELSE s.agency_id = :oneAgencyId::uuid END
       AND CASE WHEN :status::text IS NULL THEN ${OPEN} ELSE s.status = :status::text END
       AND (:type::text IS NULL OR a.type = :type::text)
       AND (:channel::text IS NULL OR a.channel = :channel::text)
       -- AOC 594-1.1.2: never the complaints about the viewer (appeals_respondent_official_idx).
       AND s.appeal_id NOT IN (SELECT r.id FROM appeals r WHERE r.respondent_official_id = :viewerId::uuid)
       -- appeals-rules.md 16: a confidential text never matches the words of someone who may not read it.
       AND (:q::text IS NULL
            OR (a.search @@ websearch_to_tsquery('simple', :q::text)
                AND a.agency_id = ANY (:agencyIds::uuid[])
                AND (NOT a.confidential OR NOT :confidentialWordsHidden::boolean OR s.executor_id = :viewerId::uuid)))`;

const VIEW_FILTER = `(:executorId::uuid IS NULL OR s.executor_id = :executorId::uuid)
       AND (NOT :unassigned::boolean OR s.executor_id IS NULL)
       AND (:overdueAt::timestamptz IS NULL OR (s.review_due_at < :overdueAt::timestamptz AND ${OPEN}))
       AND (:dueTo::date IS NULL OR (s.review_due_date BETWEEN :dueFrom::date AND :dueTo::date AND ${OPEN}))`;

const FROM = `appeals a JOIN appeal_state s ON s.appeal_id = a.id`;

/** A page after a position (or the first page), nearest due first; ties by id, so no case is shown twice or skipped. */
export const INBOX_PAGE_AFTER = namedQuery<InboxPageParams>(
  'InboxRepository.page (forward)',
  'inbox-page-after',
  `SELECT ${APPEAL_COLUMNS}
     FROM ${FROM}
     WHERE ${BASE_FILTER}
       AND ${VIEW_FILTER}
       AND (:at::timestamptz IS NULL OR (s.review_due_at, s.appeal_id) > (:at::timestamptz, :id::uuid))
     ORDER BY s.review_due_at, s.appeal_id
     LIMIT :limit`,
);

/** The page before a position, read backwards on the same index (the caller puts it back in order). */
export const INBOX_PAGE_BEFORE = namedQuery<InboxPageParams>(
  'InboxRepository.page (backward)',
  'inbox-page-before',
  `SELECT ${APPEAL_COLUMNS}
     FROM ${FROM}
     WHERE ${BASE_FILTER}
       AND ${VIEW_FILTER}
       AND (s.review_due_at, s.appeal_id) < (:at::timestamptz, :id::uuid)
     ORDER BY s.review_due_at DESC, s.appeal_id DESC
     LIMIT :limit`,
);

/** Every tab's count in one pass over the cases the other filters leave (each tab adds its own condition). */
export const INBOX_COUNTS = namedQuery<InboxCountParams>(
  'InboxRepository.counts',
  'inbox-counts',
  `SELECT count(*)::int AS "all",
            count(*) FILTER (WHERE s.executor_id = :viewerId::uuid)::int AS mine,
            count(*) FILTER (WHERE s.executor_id IS NULL)::int AS unassigned,
            count(*) FILTER (WHERE s.review_due_at < :now::timestamptz AND ${OPEN})::int AS overdue,
            count(*) FILTER (WHERE s.review_due_date BETWEEN :today::date AND :weekEnd::date AND ${OPEN})::int AS week
     FROM ${FROM}
     WHERE ${BASE_FILTER}`,
);

export const QUERIES = [INBOX_PAGE_AFTER, INBOX_PAGE_BEFORE, INBOX_COUNTS];
