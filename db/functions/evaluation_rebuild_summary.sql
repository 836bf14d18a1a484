CREATE OR REPLACE FUNCTION public.evaluation_rebuild_summary()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
  BEGIN
    TRUNCATE evaluation_case_facts, evaluation_counts;
    INSERT INTO evaluation_case_facts
    SELECT s.appeal_id, s.agency_id, s.status, s.review_due_date, c.day, c.at <= s.review_due_at,
           s.extension_working_days > 0,
           CASE WHEN s.status = 'answered' THEN e.ordinal - b.ordinal END, fb.satisfied
    FROM appeal_state s
    JOIN appeals ap ON ap.id = s.appeal_id
    LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
    LEFT JOIN appeal_feedback fb ON fb.appeal_id = s.appeal_id
    CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) a
    CROSS JOIN LATERAL (SELECT a.at, (a.at AT TIME ZONE 'Asia/Baku')::date AS day) c
    LEFT JOIN calendar_days e ON e.day = c.day
    LEFT JOIN calendar_days b ON b.day = s.review_term_from
    WHERE s.status = ANY (appeal_finished_statuses()) AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at);
    INSERT INTO evaluation_counts (grain, bucket, agency_id, kind, value, n)
    SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END, x.agency_id, x.kind, x.value,
           sum(x.n)::integer
    FROM (
      SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind, (f.on_time::int | (f.extended::int << 1)) AS value, count(*) AS n
      FROM evaluation_case_facts f WHERE f.status = ANY (appeal_closed_statuses()) GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.closed_date, 2::smallint, f.answer_working_days, count(*)
      FROM evaluation_case_facts f WHERE f.status = 'answered' AND f.answer_working_days IS NOT NULL GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.closed_date, 3::smallint, f.satisfied::int, count(*)
      FROM evaluation_case_facts f WHERE f.status = 'answered' AND f.satisfied IS NOT NULL GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.due_date, 4::smallint, 0, count(*) FROM evaluation_case_facts f WHERE f.closed_date > f.due_date GROUP BY 1, 2
      UNION ALL
      SELECT f.agency_id, f.closed_date, 5::smallint, 0, count(*) FROM evaluation_case_facts f WHERE f.closed_date > f.due_date GROUP BY 1, 2
      UNION ALL
      SELECT r.from_agency_id, r.referred_on, 6::smallint, r.on_time::int, count(*)
      FROM appeal_referrals r WHERE r.kind IN ('referral', 'copy') GROUP BY 1, 2, 4
    ) x
    CROSS JOIN (VALUES ('d'::"char"), ('m'::"char")) g(grain)
    GROUP BY 1, 2, 3, 4, 5;
  END $function$;
