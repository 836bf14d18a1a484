CREATE OR REPLACE FUNCTION public.replan_deadline_timers(ids uuid[], plan_at timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS void
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
  BEGIN
    WITH settings AS (SELECT * FROM deadline_timer_settings),
    s AS (
      SELECT s.appeal_id, s.status, s.referral_due_date, s.review_due_date, s.review_due_at, s.notice_due_date, s.regime,
             s.merged_into, coalesce(plan_at, s.updated_at) AS plan_moment
      FROM appeal_state s
      WHERE s.appeal_id = ANY(ids)),
    open AS (SELECT * FROM s WHERE s.status = ANY (appeal_working_statuses()) AND s.merged_into IS NULL),
    planned AS (
      -- Art. 7.10: the last day to refer a case outside the agency's competence, while nobody took it.
      SELECT o.appeal_id, 'referral_due' AS kind, 0 AS days_before,
             (o.referral_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku' AS fire_at,
             (o.referral_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku' AS due_at, o.plan_moment
      FROM open o, settings st
      WHERE o.status = 'registered' AND o.referral_due_date IS NOT NULL
      UNION ALL
      -- Art. 10.1, 10.2: warnings N working days before the review due date, and "due today" (N = 0).
      -- Not for urgent appeals (Art. 10.4: 24 clock hours, not working days).
      SELECT o.appeal_id, CASE WHEN n.n = 0 THEN 'review_due' ELSE 'review_warning' END, n.n,
             (w.day + st.office_opens) AT TIME ZONE 'Asia/Baku', o.review_due_at, o.plan_moment
      FROM open o CROSS JOIN settings st CROSS JOIN LATERAL unnest(st.warning_days || 0) AS n(n)
      JOIN calendar_days d ON d.day = o.review_due_date
      JOIN calendar_days w ON w.is_working AND w.ordinal = d.ordinal - n.n
      WHERE o.regime <> 'urgent'
      UNION ALL
      -- The first moment after the term (end of the last working day, or receipt + 24 h when urgent).
      SELECT o.appeal_id, 'overdue', 0, o.review_due_at + interval '1 second', o.review_due_at, o.plan_moment
      FROM open o
      UNION ALL
      -- Overdue by N working days: the first moment after the N-th working day past the due date.
      SELECT o.appeal_id, 'escalation', 0, ((e.day + 1)::timestamp) AT TIME ZONE 'Asia/Baku', o.review_due_at, o.plan_moment
      FROM open o CROSS JOIN settings st
      JOIN calendar_days d ON d.day = (o.review_due_at AT TIME ZONE 'Asia/Baku')::date
      JOIN calendar_days e ON e.is_working AND e.ordinal = d.ordinal + st.escalation_working_days
      UNION ALL
      -- Art. 8.2 (appeals-rules.md 13): the notice of leaving without consideration that staff must
      -- post, by the date the service stored (5 working days from the decision): a reminder that day.
      SELECT x.appeal_id, 'notice_due', 0, (x.notice_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku',
             (x.notice_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku', x.plan_moment
      FROM s x CROSS JOIN settings st
      WHERE x.status = 'left_without_consideration' AND x.notice_due_date IS NOT NULL
    ),
    desired AS (
      SELECT p.appeal_id, p.kind, p.days_before, p.fire_at, p.due_at
      FROM planned p
      WHERE p.kind = 'overdue' OR p.fire_at > p.plan_moment
         OR EXISTS (SELECT 1 FROM deadline_timers t
                    WHERE t.appeal_id = p.appeal_id AND t.kind = p.kind AND t.days_before = p.days_before AND t.fire_at = p.fire_at)
    ),
    removed AS (
      DELETE FROM deadline_timers t
      WHERE t.appeal_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.appeal_id = t.appeal_id AND d.kind = t.kind AND d.days_before = t.days_before))
    INSERT INTO deadline_timers AS t (appeal_id, kind, days_before, fire_at, due_at)
    SELECT d.appeal_id, d.kind, d.days_before, d.fire_at, d.due_at FROM desired d
    ON CONFLICT (appeal_id, kind, days_before) DO UPDATE
      SET fire_at = EXCLUDED.fire_at, due_at = EXCLUDED.due_at, generation = t.generation + 1, state = 'pending', fired_at = NULL
      WHERE t.fire_at IS DISTINCT FROM EXCLUDED.fire_at;
  END $function$;
