CREATE OR REPLACE FUNCTION public.add_working_days(d date, n integer)
 RETURNS date
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
        SELECT w.day FROM calendar_days w
        WHERE w.is_working AND w.ordinal = (SELECT c.ordinal FROM calendar_days c WHERE c.day = d) + n
      $function$;
