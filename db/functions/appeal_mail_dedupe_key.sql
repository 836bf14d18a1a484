CREATE OR REPLACE FUNCTION public.appeal_mail_dedupe_key(template text, appeal_id uuid, seq integer, suffix text DEFAULT ''::text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN ((((('mail:'::text || template) || ':'::text) || (appeal_id)::text) || COALESCE((':'::text || (seq)::text), ''::text)) || suffix);
