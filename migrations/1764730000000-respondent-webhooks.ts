import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: the official a complaint names (appeals.respondent_official_id) gets 404 for it
 * everywhere, webhooks included: the fan-out leaves out the subscriptions that official
 * registered. The function's current body is db/functions/webhook_fan_out.sql.
 */
export class RespondentWebhooks1764730000000 implements MigrationInterface {
  name = 'RespondentWebhooks1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.webhook_fan_out(batch webhook_event[])
 RETURNS void
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
  DECLARE
    written integer;
  BEGIN
    IF cardinality(batch) = 0 OR NOT EXISTS (
      SELECT 1 FROM webhook_subscriptions w WHERE w.deleted_at IS NULL AND w.events && ARRAY(SELECT DISTINCT x.event FROM unnest(batch) x)) THEN
      RETURN;
    END IF;
    WITH RECURSIVE ev AS (
      SELECT x.*, s.agency_id, s.status, a.registration_number, a.type AS appeal_type, a.respondent_official_id
      FROM unnest(batch) x
      JOIN appeal_state s ON s.appeal_id = x.appeal_id
      JOIN appeals a ON a.id = x.appeal_id),
    -- Each event's agency with every agency above it: a subscription on an agency covers its subtree.
    above (agency_id, ancestor_id, depth) AS (
      SELECT DISTINCT ev.agency_id, ev.agency_id, 0 FROM ev
      UNION ALL
      SELECT u.agency_id, g.parent_id, u.depth + 1 FROM above u JOIN agencies g ON g.id = u.ancestor_id
      WHERE g.parent_id IS NOT NULL AND u.depth < 64),
    matched AS (
      SELECT w.id AS subscription_id, ev.*
      FROM ev JOIN webhook_subscriptions w ON w.deleted_at IS NULL AND ev.event = ANY (w.events)
        -- AOC 594-1.1.2: the official a complaint names never learns of it, not through an endpoint they registered either.
        AND w.created_by IS DISTINCT FROM ev.respondent_official_id
      WHERE w.agency_id IS NULL
         OR EXISTS (SELECT 1 FROM above u WHERE u.agency_id = ev.agency_id AND u.ancestor_id = w.agency_id)),
    delivery AS (
      INSERT INTO webhook_deliveries (subscription_id, event_key, event_type, appeal_id, payload)
      SELECT m.subscription_id, m.event_key, m.event, m.appeal_id,
             jsonb_build_object(
               'type', m.event,
               'timestamp', to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', jsonb_strip_nulls(jsonb_build_object(
                 'appealId', m.appeal_id,
                 'registrationNumber', m.registration_number,
                 'appealType', m.appeal_type,
                 'agencyId', m.agency_id,
                 'status', m.status,
                 'occurredAt', to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'dueAt', to_char(m.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
      FROM matched m
      ON CONFLICT (subscription_id, event_key) DO NOTHING
      RETURNING id),
    queued AS (
      INSERT INTO outbox (topic, dedupe_key, payload)
      SELECT 'webhook.deliver', 'webhook:' || d.id::text, jsonb_build_object('deliveryId', d.id) FROM delivery d
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING 1)
    SELECT count(*) INTO written FROM queued;
    IF written > 0 THEN
      PERFORM pg_notify('webhook_outbox', '');
    END IF;
  END $function$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.webhook_fan_out(batch webhook_event[])
 RETURNS void
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
  DECLARE
    written integer;
  BEGIN
    IF cardinality(batch) = 0 OR NOT EXISTS (
      SELECT 1 FROM webhook_subscriptions w WHERE w.deleted_at IS NULL AND w.events && ARRAY(SELECT DISTINCT x.event FROM unnest(batch) x)) THEN
      RETURN;
    END IF;
    WITH RECURSIVE ev AS (
      SELECT x.*, s.agency_id, s.status, a.registration_number, a.type AS appeal_type
      FROM unnest(batch) x
      JOIN appeal_state s ON s.appeal_id = x.appeal_id
      JOIN appeals a ON a.id = x.appeal_id),
    -- Each event's agency with every agency above it: a subscription on an agency covers its subtree.
    above (agency_id, ancestor_id, depth) AS (
      SELECT DISTINCT ev.agency_id, ev.agency_id, 0 FROM ev
      UNION ALL
      SELECT u.agency_id, g.parent_id, u.depth + 1 FROM above u JOIN agencies g ON g.id = u.ancestor_id
      WHERE g.parent_id IS NOT NULL AND u.depth < 64),
    matched AS (
      SELECT w.id AS subscription_id, ev.*
      FROM ev JOIN webhook_subscriptions w ON w.deleted_at IS NULL AND ev.event = ANY (w.events)
      WHERE w.agency_id IS NULL
         OR EXISTS (SELECT 1 FROM above u WHERE u.agency_id = ev.agency_id AND u.ancestor_id = w.agency_id)),
    delivery AS (
      INSERT INTO webhook_deliveries (subscription_id, event_key, event_type, appeal_id, payload)
      SELECT m.subscription_id, m.event_key, m.event, m.appeal_id,
             jsonb_build_object(
               'type', m.event,
               'timestamp', to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', jsonb_strip_nulls(jsonb_build_object(
                 'appealId', m.appeal_id,
                 'registrationNumber', m.registration_number,
                 'appealType', m.appeal_type,
                 'agencyId', m.agency_id,
                 'status', m.status,
                 'occurredAt', to_char(m.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'dueAt', to_char(m.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
      FROM matched m
      ON CONFLICT (subscription_id, event_key) DO NOTHING
      RETURNING id),
    queued AS (
      INSERT INTO outbox (topic, dedupe_key, payload)
      SELECT 'webhook.deliver', 'webhook:' || d.id::text, jsonb_build_object('deliveryId', d.id) FROM delivery d
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING 1)
    SELECT count(*) INTO written FROM queued;
    IF written > 0 THEN
      PERFORM pg_notify('webhook_outbox', '');
    END IF;
  END $function$`);
  }
}
