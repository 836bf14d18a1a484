CREATE OR REPLACE FUNCTION public.appeal_working_statuses()
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN ARRAY['registered'::text, 'in_review'::text];
