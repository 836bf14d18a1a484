import type { AppealIdRange, RecomputeInput } from '../../calendar/deadline-recomputation.port';
import { namedQuery } from '../../platform/database/named-query';

/**
 * The statement of AppealDeadlinesRepository, with named parameters. The SQL PostgreSQL receives is
 * committed beside this file as appeal-deadlines.repository.sql (generated: `npm run db:queries`).
 * It runs unnamed, planned with each slice's values.
 */

/** The calendar's change and the slice of appeals (the port's types), and where the notices go. */
export type RecomputeParams = RecomputeInput & AppealIdRange & { readonly mailTopic: string; readonly template: string };

/**
 * working-days-az.md "recompute open cases": in one statement, the deadlines of every open appeal of
 * the slice whose term spans a changed date, computed on the SQL mirror of the calendar (which must
 * already hold the new calendar); a hash-chained `deadline_moved` event (old, new, calendar version)
 * for each appeal whose deadline moved; and the applicant's notice in the outbox.
 */
export const RECOMPUTE_OPEN_APPEALS = namedQuery<RecomputeParams>(
  'AppealDeadlinesRepository.recomputeOpenAppeals',
  'deadlines-recompute',
  `WITH candidates AS (
     -- New terms by ordinal arithmetic on the mirror (hash joins, not a function call per row).
     SELECT s.appeal_id, s.status, s.review_term_from, s.review_term_working_days, s.last_event_seq, s.last_event_hash,
            s.review_due_date AS old_review, s.referral_due_date AS old_referral, s.deadlines_provisional AS old_provisional,
            CASE WHEN s.review_term_working_days IS NULL THEN s.review_due_date ELSE review.day END AS new_review,
            -- Art. 7.10: 3 working days from the same day 0 as the review term (receipt, or reopening).
            CASE WHEN s.referral_due_date IS NULL THEN NULL ELSE referral.day END AS new_referral
     FROM appeal_state s
     JOIN calendar_days term_from ON term_from.day = s.review_term_from
     LEFT JOIN calendar_days review
       ON review.is_working AND review.ordinal = term_from.ordinal + s.review_term_working_days + s.extension_working_days
     LEFT JOIN calendar_days referral ON referral.is_working AND referral.ordinal = term_from.ordinal + referral_term_working_days()
     -- Open cases only: a referred case is closed at its agency (the receiving one has its own).
     WHERE s.status = ANY (appeal_working_statuses())
       AND s.review_term_from < :to::date
       AND greatest(s.review_due_date, s.referral_due_date) >= :from::date
       AND s.appeal_id >= :first::uuid AND s.appeal_id <= :last::uuid
   ),
   changed AS (
     SELECT x.*,
            (extract(year FROM x.review_term_from)::int = ANY(:provisionalYears::int[])
             OR extract(year FROM x.new_review)::int = ANY(:provisionalYears::int[])) AS new_provisional,
            (x.new_review IS DISTINCT FROM x.old_review OR x.new_referral IS DISTINCT FROM x.old_referral) AS moved
     FROM candidates x
   ),
   prepared AS (
     SELECT c.*, c.last_event_seq + 1 AS seq,
            jsonb_build_object(
              'reason', 'calendar_changed', 'year', :year::int, 'calendarVersion', :calendarVersion::int, 'provisional', c.new_provisional,
              'before', jsonb_build_object('reviewDueDate', c.old_review, 'referralDueDate', c.old_referral),
              'after', jsonb_build_object('reviewDueDate', c.new_review, 'referralDueDate', c.new_referral)) AS data
     FROM changed c
     WHERE c.moved OR c.new_provisional IS DISTINCT FROM c.old_provisional
   ),
   hashed AS (
     SELECT p.*, CASE WHEN p.moved
                      THEN appeal_event_hash(p.last_event_hash, p.appeal_id, p.seq, 'deadline_moved', :actorId::uuid, 'admin', :at::timestamptz, p.data)
                 END AS hash
     FROM prepared p
   ),
   updated AS (
     UPDATE appeal_state s
     SET review_due_date = h.new_review,
         review_due_at = CASE WHEN h.review_term_working_days IS NULL THEN s.review_due_at
                              ELSE (h.new_review + time '23:59:59') AT TIME ZONE 'Asia/Baku' END,
         referral_due_date = h.new_referral,
         deadlines_provisional = h.new_provisional,
         calendar_version = :calendarVersion,
         last_event_seq = CASE WHEN h.moved THEN h.seq ELSE s.last_event_seq END,
         last_event_hash = coalesce(h.hash, s.last_event_hash),
         version = s.version + 1,
         -- The app's clock of the change, as every case action writes it (the timers' planning reads it).
         updated_at = :at::timestamptz
     FROM hashed h
     WHERE s.appeal_id = h.appeal_id
     RETURNING 1
   ),
   events AS (
     INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
     SELECT h.appeal_id, h.seq, 'deadline_moved', :actorId::uuid, 'admin', :at::timestamptz, h.data, h.last_event_hash, h.hash
     FROM hashed h WHERE h.moved
     RETURNING 1
   ),
   -- working-days-az.md: "notify where a deadline moved": the applicant, by e-mail where one was
   -- given (appeals-rules.md 16), of the review due date (the referral term is the agency's own).
   notices AS (
     INSERT INTO outbox (topic, dedupe_key, payload)
     SELECT :mailTopic, appeal_mail_dedupe_key(:template, h.appeal_id, h.seq),
            jsonb_build_object('template', :template::text, 'to', p.email, 'appealId', h.appeal_id, 'seq', h.seq)
     FROM hashed h
     JOIN appeals a ON a.id = h.appeal_id AND NOT a.anonymous
     JOIN appeal_parties p ON p.appeal_id = h.appeal_id AND p.role = 'applicant' AND p.position = 0 AND p.email IS NOT NULL
     WHERE h.moved AND h.new_review IS DISTINCT FROM h.old_review
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id::text, topic
   )
   SELECT (SELECT count(*)::int FROM events) AS moved, (SELECT count(*)::int FROM updated) AS updated,
          coalesce((SELECT jsonb_agg(n) FROM notices n), '[]'::jsonb) AS outbox`,
);

/** Every statement of this module, in the order of appeal-deadlines.repository.sql. */
export const QUERIES = [RECOMPUTE_OPEN_APPEALS];
