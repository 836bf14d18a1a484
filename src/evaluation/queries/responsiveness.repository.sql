-- NOTE: generated from the query module beside this file; do not edit.
-- Regenerate: npm run db:queries

-- ResponsivenessRepository.aggregate (responsiveness-aggregate)
--   $1 = :from
--   $2 = :to
--   $3 = :now
--   $4 = :agencyIds
WITH
params AS (
  SELECT b.f, b.t, b.now, b.f_at, b.t_end,
         CASE WHEN b.m_from < b.m_to THEN b.m_from ELSE b.t + 1 END AS m_from,
         CASE WHEN b.m_from < b.m_to THEN b.m_to ELSE b.t + 1 END AS m_to,
         date_trunc('month', b.t + 1)::date AS cum_m_to
  FROM (
    SELECT $1::date AS f, $2::date AS t, $3::timestamptz AS now,
           ($1::date)::timestamp AT TIME ZONE 'Asia/Baku' AS f_at,
           ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Baku' AS t_end,
           CASE WHEN extract(day FROM $1::date) = 1 THEN $1::date
                ELSE (date_trunc('month', $1::date) + interval '1 month')::date END AS m_from,
           date_trunc('month', $2::date + 1)::date AS m_to
  ) b
), agencies_in AS (SELECT a.id FROM agencies a WHERE $4::uuid[] IS NULL OR a.id = ANY($4::uuid[])),
 -- Counts of the period: whole months from month rows, the partial months from day rows.
 period_counts AS (
   SELECT c.agency_id, c.kind, c.value, c.n FROM evaluation_counts c, params p
   WHERE c.grain = 'm' AND c.bucket >= p.m_from AND c.bucket < p.m_to AND c.kind IN (1, 2, 3, 6)
   UNION ALL
   SELECT c.agency_id, c.kind, c.value, c.n FROM evaluation_counts c, params p
   WHERE c.grain = 'd' AND c.bucket >= p.f AND c.bucket < p.m_from AND c.kind IN (1, 2, 3, 6)
   UNION ALL
   SELECT c.agency_id, c.kind, c.value, c.n FROM evaluation_counts c, params p
   WHERE c.grain = 'd' AND c.bucket >= greatest(p.m_to, p.f) AND c.bucket <= p.t AND c.kind IN (1, 2, 3, 6)
 ),
 -- Cases closed late, from the beginning up to the period end: closed late with a deadline by
 -- then (kind 4) minus closed late by then (kind 5) = overdue at the end and closed only after it.
 cumulative AS (
   SELECT c.agency_id, sum(CASE c.kind WHEN 4 THEN c.n ELSE -c.n END) AS closed_late_after_end
   FROM (
     SELECT c.agency_id, c.kind, c.n FROM evaluation_counts c, params p
     WHERE c.grain = 'm' AND c.bucket < p.cum_m_to AND c.kind IN (4, 5)
     UNION ALL
     SELECT c.agency_id, c.kind, c.n FROM evaluation_counts c, params p
     WHERE c.grain = 'd' AND c.bucket >= p.cum_m_to AND c.bucket <= p.t AND c.kind IN (4, 5)
   ) c
   GROUP BY c.agency_id
 ),
 per_value AS (
   SELECT agency_id, kind, value, sum(n) AS n FROM period_counts GROUP BY 1, 2, 3
 ),
 -- Nearest-rank percentiles (responsiveness.ts percentile(), SQL percentile_disc) from the
 -- histogram of working days to answer: the smallest value whose cumulative count reaches rank.
 answer_days AS (
   SELECT agency_id, value, n,
          sum(n) OVER (PARTITION BY agency_id ORDER BY value) AS cum,
          sum(n) OVER (PARTITION BY agency_id) AS total
   FROM per_value WHERE kind = 2 AND n > 0
 ),
 percentiles AS (
   SELECT agency_id,
          min(value) FILTER (WHERE cum >= greatest(1, ceil(total * 0.5))) AS median,
          min(value) FILTER (WHERE cum >= greatest(1, ceil(total * 0.9))) AS p90
   FROM answer_days GROUP BY agency_id
 ),
 r AS (
   SELECT v.agency_id,
     sum(v.n) FILTER (WHERE v.kind = 1) AS due_closed,
     sum(v.n) FILTER (WHERE v.kind = 1 AND v.value & 1 = 1) AS on_time,
     sum(v.n) FILTER (WHERE v.kind = 1 AND v.value & 2 = 2) AS extended,
     sum(v.n) FILTER (WHERE v.kind = 6) AS referral_cohort,
     sum(v.n) FILTER (WHERE v.kind = 6 AND v.value = 1) AS referred_on_time,
     sum(v.n) FILTER (WHERE v.kind = 2) AS answered,
     sum(v.n) FILTER (WHERE v.kind = 3) AS feedback,
     sum(v.n) FILTER (WHERE v.kind = 3 AND v.value = 1) AS satisfied,
     max(pc.median) AS median, max(pc.p90) AS p90,
     max(cu.closed_late_after_end) AS closed_late_after_end
   FROM (SELECT agency_id FROM per_value UNION SELECT agency_id FROM cumulative) ag
   LEFT JOIN per_value v ON v.agency_id = ag.agency_id
   LEFT JOIN percentiles pc ON pc.agency_id = ag.agency_id
   LEFT JOIN cumulative cu ON cu.agency_id = ag.agency_id
   GROUP BY 1
 ),

open_cases AS (
  SELECT s.agency_id,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at < p.now) AS open_late,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at < p.now
                       AND s.extension_working_days > 0) AS open_late_extended,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at >= p.now) AS pending,
    count(*) FILTER (WHERE s.review_due_at < least(p.t_end, p.now)) AS open_overdue
  FROM appeal_state s, params p
  -- A follow-up merged into another appeal is answered with it and never counts on its own.
  WHERE s.status = ANY (appeal_working_statuses()) AND s.merged_into IS NULL AND s.review_due_at < p.t_end
  GROUP BY s.agency_id
)

SELECT a.id AS "agencyId",
  coalesce(r.due_closed, 0)::int AS "dueClosed",
  coalesce(o.open_late, 0)::int AS "openLate",
  coalesce(r.on_time, 0)::int AS "onTime",
  (coalesce(r.extended, 0) + coalesce(o.open_late_extended, 0))::int AS "extended",
  coalesce(o.pending, 0)::int AS "pending",
  coalesce(r.referral_cohort, 0)::int AS "referralCohort",
  coalesce(r.referred_on_time, 0)::int AS "referredOnTime",
  coalesce(r.answered, 0)::int AS "answered",
  r.median AS "medianWorkingDaysToAnswer",
  r.p90 AS "p90WorkingDaysToAnswer",
  (coalesce(o.open_overdue, 0) + coalesce(r.closed_late_after_end, 0))::int AS "openOverdue",
  coalesce(r.feedback, 0)::int AS "feedbackCount",
  coalesce(r.satisfied, 0)::int AS "satisfiedCount"
FROM agencies_in a
LEFT JOIN r ON r.agency_id = a.id
LEFT JOIN open_cases o ON o.agency_id = a.id
ORDER BY a.id;

-- ResponsivenessRepository.aggregateDirect (responsiveness-aggregate-direct)
--   $1 = :from
--   $2 = :to
--   $3 = :now
--   $4 = :agencyIds
WITH
params AS (
  SELECT b.f, b.t, b.now, b.f_at, b.t_end,
         CASE WHEN b.m_from < b.m_to THEN b.m_from ELSE b.t + 1 END AS m_from,
         CASE WHEN b.m_from < b.m_to THEN b.m_to ELSE b.t + 1 END AS m_to,
         date_trunc('month', b.t + 1)::date AS cum_m_to
  FROM (
    SELECT $1::date AS f, $2::date AS t, $3::timestamptz AS now,
           ($1::date)::timestamp AT TIME ZONE 'Asia/Baku' AS f_at,
           ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Baku' AS t_end,
           CASE WHEN extract(day FROM $1::date) = 1 THEN $1::date
                ELSE (date_trunc('month', $1::date) + interval '1 month')::date END AS m_from,
           date_trunc('month', $2::date + 1)::date AS m_to
  ) b
), agencies_in AS (SELECT a.id FROM agencies a WHERE $4::uuid[] IS NULL OR a.id = ANY($4::uuid[])),
 cases AS (
   SELECT s.agency_id, s.status, s.review_due_date, s.review_due_at, s.extension_working_days, c.at,
          (c.at AT TIME ZONE 'Asia/Baku')::date AS closed_date, fb.satisfied,
          CASE WHEN s.status = 'answered' THEN e.ordinal - b.ordinal END AS wd
   FROM appeal_state s
   JOIN appeals ap ON ap.id = s.appeal_id
   LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
   LEFT JOIN appeal_feedback fb ON fb.appeal_id = s.appeal_id
   CROSS JOIN LATERAL (SELECT CASE WHEN NOT s.status = ANY (appeal_working_statuses())
                                   THEN coalesce(s.closed_at, x.dispatched_at, s.updated_at) END AS at) c
   LEFT JOIN calendar_days e ON e.day = (c.at AT TIME ZONE 'Asia/Baku')::date
   LEFT JOIN calendar_days b ON b.day = s.review_term_from
   -- Sect. 5: merged follow-ups, anonymous appeals closed at intake and timely withdrawals are left out.
   WHERE NOT s.status = ANY (appeal_working_statuses())
     AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at)
 ),
 -- Art. 7.10 gives referrals and copies the same 3 working days: both are the referral cohort.
 referrals AS (
   SELECT r.from_agency_id AS agency_id, count(*) AS referral_cohort, count(*) FILTER (WHERE r.on_time) AS referred_on_time
   FROM appeal_referrals r, params p
   WHERE r.kind IN ('referral', 'copy') AND r.referred_on BETWEEN p.f AND p.t
   GROUP BY 1
 ),
 closed AS (
   SELECT k.agency_id,
     count(*) FILTER (WHERE k.status = ANY (appeal_closed_statuses()) AND k.review_due_date BETWEEN p.f AND p.t) AS due_closed,
     count(*) FILTER (WHERE k.status = ANY (appeal_closed_statuses()) AND k.review_due_date BETWEEN p.f AND p.t
                        AND k.at <= k.review_due_at) AS on_time,
     count(*) FILTER (WHERE k.status = ANY (appeal_closed_statuses()) AND k.review_due_date BETWEEN p.f AND p.t
                        AND k.extension_working_days > 0) AS extended,
     count(*) FILTER (WHERE k.wd IS NOT NULL AND k.closed_date BETWEEN p.f AND p.t) AS answered,
     percentile_disc(0.5) WITHIN GROUP (ORDER BY k.wd) FILTER (WHERE k.wd IS NOT NULL AND k.closed_date BETWEEN p.f AND p.t) AS median,
     percentile_disc(0.9) WITHIN GROUP (ORDER BY k.wd) FILTER (WHERE k.wd IS NOT NULL AND k.closed_date BETWEEN p.f AND p.t) AS p90,
     count(*) FILTER (WHERE k.status = 'answered' AND k.satisfied IS NOT NULL AND k.closed_date BETWEEN p.f AND p.t) AS feedback,
     count(*) FILTER (WHERE k.status = 'answered' AND k.satisfied AND k.closed_date BETWEEN p.f AND p.t) AS satisfied,
     count(*) FILTER (WHERE k.closed_date > k.review_due_date AND k.review_due_date <= p.t AND k.closed_date > p.t) AS closed_late_after_end
   FROM cases k, params p
   GROUP BY k.agency_id
 ),
 r AS (
   SELECT coalesce(c.agency_id, f.agency_id) AS agency_id, c.due_closed, c.on_time, c.extended,
          f.referral_cohort, f.referred_on_time, c.answered, c.median, c.p90, c.feedback, c.satisfied,
          c.closed_late_after_end
   FROM closed c FULL JOIN referrals f ON f.agency_id = c.agency_id
 ),

open_cases AS (
  SELECT s.agency_id,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at < p.now) AS open_late,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at < p.now
                       AND s.extension_working_days > 0) AS open_late_extended,
    count(*) FILTER (WHERE s.review_due_date BETWEEN p.f AND p.t AND s.review_due_at >= p.now) AS pending,
    count(*) FILTER (WHERE s.review_due_at < least(p.t_end, p.now)) AS open_overdue
  FROM appeal_state s, params p
  -- A follow-up merged into another appeal is answered with it and never counts on its own.
  WHERE s.status = ANY (appeal_working_statuses()) AND s.merged_into IS NULL AND s.review_due_at < p.t_end
  GROUP BY s.agency_id
)

SELECT a.id AS "agencyId",
  coalesce(r.due_closed, 0)::int AS "dueClosed",
  coalesce(o.open_late, 0)::int AS "openLate",
  coalesce(r.on_time, 0)::int AS "onTime",
  (coalesce(r.extended, 0) + coalesce(o.open_late_extended, 0))::int AS "extended",
  coalesce(o.pending, 0)::int AS "pending",
  coalesce(r.referral_cohort, 0)::int AS "referralCohort",
  coalesce(r.referred_on_time, 0)::int AS "referredOnTime",
  coalesce(r.answered, 0)::int AS "answered",
  r.median AS "medianWorkingDaysToAnswer",
  r.p90 AS "p90WorkingDaysToAnswer",
  (coalesce(o.open_overdue, 0) + coalesce(r.closed_late_after_end, 0))::int AS "openOverdue",
  coalesce(r.feedback, 0)::int AS "feedbackCount",
  coalesce(r.satisfied, 0)::int AS "satisfiedCount"
FROM agencies_in a
LEFT JOIN r ON r.agency_id = a.id
LEFT JOIN open_cases o ON o.agency_id = a.id
ORDER BY a.id;

-- ResponsivenessRepository.notificationEvidence (responsiveness-notification-evidence)
--   $1 = :template
--   $2 = :from
--   $3 = :to
--   $4 = :agencyIds
SELECT f.agency_id AS "agencyId", count(*)::int AS answered,
       count(*) FILTER (WHERE x.delivery = 'post' OR EXISTS (
         SELECT 1 FROM appeal_events ev
         JOIN outbox o ON o.dedupe_key = appeal_mail_dedupe_key($1, ev.appeal_id, ev.seq)
         WHERE ev.appeal_id = f.appeal_id AND ev.type = 'answered' AND o.status = 'done'))::int AS notified
FROM evaluation_case_facts f JOIN appeal_answers x ON x.appeal_id = f.appeal_id
WHERE f.status = 'answered' AND f.closed_date BETWEEN $2::date AND $3::date
  AND ($4::uuid[] IS NULL OR f.agency_id = ANY($4::uuid[]))
GROUP BY f.agency_id;
