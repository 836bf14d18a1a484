CREATE OR REPLACE FUNCTION public.plan_or_defer_deadline_timers(ids uuid[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF ids IS NULL THEN
          RETURN;
        ELSIF cardinality(ids) <= 100 THEN
          PERFORM replan_deadline_timers(ids);
        ELSE
          INSERT INTO deadline_timer_replans SELECT unnest(ids) ON CONFLICT DO NOTHING;
        END IF;
      END $function$;
