CREATE OR REPLACE FUNCTION public.appeal_event_hash(prev_hash text, appeal_id uuid, seq integer, type text, actor_id uuid, actor_role text, occurred_at timestamp with time zone, data jsonb)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
        SELECT encode(sha256(convert_to(concat_ws(E'\n', coalesce(prev_hash, ''), appeal_id::text, seq::text, type,
          coalesce(actor_id::text, ''), coalesce(actor_role, ''),
          to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), data::text), 'UTF8')), 'hex')
      $function$;
