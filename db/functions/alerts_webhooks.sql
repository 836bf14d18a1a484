CREATE OR REPLACE FUNCTION public.alerts_webhooks()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL) THEN
          RETURN NULL;
        END IF;
        PERFORM webhook_fan_out(ARRAY(
          SELECT ROW(a.appeal_id, 'alert:' || a.id::text, 'appeal.overdue', a.created_at, a.due_at)::webhook_event
          FROM new_alerts a WHERE a.kind = 'overdue'));
        RETURN NULL;
      END $function$;
