CREATE OR REPLACE FUNCTION public.evaluation_add_referral(agency uuid, day date, on_time boolean, sign integer)
 RETURNS void
 LANGUAGE sql
AS $function$
        INSERT INTO evaluation_counts AS c (grain, bucket, agency_id, kind, value, n)
        VALUES ('d', day, agency, 6, on_time::int, sign), ('m', date_trunc('month', day)::date, agency, 6, on_time::int, sign)
        ON CONFLICT (grain, bucket, agency_id, kind, value) DO UPDATE SET n = c.n + EXCLUDED.n
      $function$;
