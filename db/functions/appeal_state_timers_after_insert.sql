CREATE OR REPLACE FUNCTION public.appeal_state_timers_after_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        PERFORM plan_or_defer_deadline_timers(ARRAY(SELECT appeal_id FROM new_rows));
        RETURN NULL;
      END $function$;
