CREATE OR REPLACE FUNCTION public.evaluation_left_out(status text, closure_ground text, merged_into uuid, anonymous boolean, closed_at timestamp with time zone, review_due_at timestamp with time zone)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- Never NULL: a case with no closure ground or no anonymity flag is simply counted.
    SELECT coalesce(
      merged_into IS NOT NULL
        OR (status = 'left_without_consideration' AND anonymous IS TRUE)
        OR (status = 'left_without_consideration' AND closure_ground IS NOT DISTINCT FROM 'withdrawn' AND closed_at <= review_due_at),
      false)
  $function$;
