CREATE OR REPLACE FUNCTION public.appeal_closed_statuses()
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN ARRAY['answered'::text, 'left_without_consideration'::text];
