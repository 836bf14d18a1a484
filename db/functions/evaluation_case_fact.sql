CREATE OR REPLACE FUNCTION public.evaluation_case_fact(case_id uuid)
 RETURNS SETOF evaluation_case_facts
 LANGUAGE sql
 STABLE
AS $function$
    SELECT s.appeal_id, s.agency_id, s.status, s.review_due_date,
           (c.at AT TIME ZONE 'Asia/Baku')::date,
           c.at <= s.review_due_at,
           s.extension_working_days > 0,
           CASE WHEN s.status = 'answered' THEN
             (SELECT e.ordinal - b.ordinal FROM calendar_days e, calendar_days b
              WHERE e.day = (c.at AT TIME ZONE 'Asia/Baku')::date AND b.day = s.review_term_from) END,
           (SELECT fb.satisfied FROM appeal_feedback fb WHERE fb.appeal_id = s.appeal_id)
    FROM appeal_state s
    JOIN appeals ap ON ap.id = s.appeal_id
    LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
    CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) c
    WHERE s.appeal_id = case_id AND s.status = ANY (appeal_finished_statuses())
      AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at)
  $function$;
