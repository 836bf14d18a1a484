CREATE OR REPLACE FUNCTION public.appeal_state_timers_after_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
  BEGIN
    PERFORM plan_or_defer_deadline_timers(ARRAY(
      SELECT n.appeal_id FROM new_rows n JOIN old_rows o ON o.appeal_id = n.appeal_id
      WHERE (n.status, n.review_due_at, n.review_due_date, n.referral_due_date, n.closed_at, n.regime, n.merged_into, n.notice_due_date)
            IS DISTINCT FROM (o.status, o.review_due_at, o.review_due_date, o.referral_due_date, o.closed_at, o.regime, o.merged_into, o.notice_due_date)));
    RETURN NULL;
  END $function$;
