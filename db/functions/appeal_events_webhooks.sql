CREATE OR REPLACE FUNCTION public.appeal_events_webhooks()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL) THEN
          RETURN NULL;
        END IF;
        -- A plain scan with a CASE (no join): a calendar slice brings thousands of deadline_moved events, none of them sent.
        PERFORM webhook_fan_out(ARRAY(
          SELECT ROW(m.appeal_id, m.appeal_id::text || ':' || m.seq::text, m.event, m.occurred_at, NULL)::webhook_event
          FROM (SELECT e.appeal_id, e.seq, e.occurred_at,
                       CASE e.type WHEN 'registered' THEN 'appeal.registered' WHEN 'assigned' THEN 'appeal.assigned' WHEN 'referred' THEN 'appeal.referred' WHEN 'answered' THEN 'appeal.answered' WHEN 'left_without_consideration' THEN 'appeal.left_without_consideration' WHEN 'withdrawn' THEN 'appeal.left_without_consideration' END AS event
                FROM new_events e) m
          WHERE m.event IS NOT NULL));
        RETURN NULL;
      END $function$;
