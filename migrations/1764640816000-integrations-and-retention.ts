import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, integrations and data safety:
 *  - webhooks for agencies' systems: subscriptions, one delivery row per (subscription, event), and
 *    statement-level triggers on the audit trail and on alerts that write the deliveries and their
 *    outbox rows in the transaction of the change itself, so intake, case actions and the
 *    calendar's recomputation need no code of their own (a cheap EXISTS when nobody subscribed);
 *  - calendar feeds: only the SHA-256 of each secret feed token is stored;
 *  - retention: free text of audit events (notes, reasons) lives beside the hash-chained event,
 *    which keeps only a salted digest of it, so erasing personal data leaves every chain intact;
 *    erased appeals are marked; each retention run is recorded.
 */
export class IntegrationsAndRetention1764640816000 implements MigrationInterface {
  name = 'IntegrationsAndRetention1764640816000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        -- null: every agency (admins only); else the agency and the bodies under it.
        agency_id uuid REFERENCES agencies(id),
        -- The Standard Webhooks signing key (whsec_...), needed in clear to sign each delivery.
        secret text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (agency_id) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        -- Also the Standard Webhooks message id (webhook-id): the same on every retry.
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
        -- The event delivered: '<appeal id>:<event seq>' or 'alert:<alert id>'. One delivery per
        -- subscription and event, whatever retries or re-runs happen.
        event_key text NOT NULL,
        event_type text NOT NULL,
        appeal_id uuid NOT NULL,
        -- The exact body sent on every attempt (ids, number, agency, status, times; rule 18: no identity).
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_response_code integer,
        last_error text,
        -- At most a few hundred characters of the receiver's answer, for diagnosis.
        last_response_excerpt text CHECK (length(last_response_excerpt) <= 256),
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_key)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`);
    // The NOTIFY listener's look-up of new deliveries, however many mails wait in the outbox.
    await q.query(`CREATE INDEX outbox_webhook_untried_idx ON outbox (id) WHERE status = 'pending' AND topic = 'webhook.deliver' AND attempts = 0`);

    await q.query(`CREATE TYPE webhook_event AS (appeal_id uuid, event_key text, event text, occurred_at timestamptz, due_at timestamptz)`);
    await q.query(WEBHOOK_FAN_OUT);
    // appeal_events: one trigger call per statement, whatever the number of events (the calendar's
    // recomputation inserts thousands per statement). Without subscriptions it is one index probe.
    await q.query(`
      CREATE FUNCTION appeal_events_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL) THEN
          RETURN NULL;
        END IF;
        -- A plain scan with a CASE (no join): a calendar slice brings thousands of deadline_moved events, none of them sent.
        PERFORM webhook_fan_out(ARRAY(
          SELECT ROW(m.appeal_id, m.appeal_id::text || ':' || m.seq::text, m.event, m.occurred_at, NULL)::webhook_event
          FROM (SELECT e.appeal_id, e.seq, e.occurred_at,
                       CASE e.type ${EVENT_MAP.map(([type, event]) => `WHEN '${type}' THEN '${event}'`).join(' ')} END AS event
                FROM new_events e) m
          WHERE m.event IS NOT NULL));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER appeal_events_webhooks AFTER INSERT ON appeal_events
      REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION appeal_events_webhooks()`);
    // appeal.overdue is not an audit event but the firing of the overdue timer (its alert row).
    await q.query(`
      CREATE FUNCTION alerts_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE deleted_at IS NULL) THEN
          RETURN NULL;
        END IF;
        PERFORM webhook_fan_out(ARRAY(
          SELECT ROW(a.appeal_id, 'alert:' || a.id::text, 'appeal.overdue', a.created_at, a.due_at)::webhook_event
          FROM new_alerts a WHERE a.kind = 'overdue'));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER alerts_webhooks AFTER INSERT ON alerts
      REFERENCING NEW TABLE AS new_alerts FOR EACH STATEMENT EXECUTE FUNCTION alerts_webhooks()`);

    await q.query(`
      CREATE TABLE calendar_feeds (
        -- SHA-256 (hex) of the secret token in the feed's URL; the token itself is never stored.
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Kept after revocation so that the old URL answers 410 Gone rather than 404.
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_feeds_user_active_idx ON calendar_feeds (user_id) WHERE revoked_at IS NULL`);

    // Free text written with an audit event (a note, a reason), kept outside the hash chain: the
    // event holds sha256(salt || texts) instead, so the chain still proves the text while it exists,
    // and erasing this row (with its salt) leaves a digest nobody can reverse and a chain that verifies.
    await q.query(`
      CREATE TABLE appeal_event_texts (
        appeal_id uuid NOT NULL,
        seq integer NOT NULL,
        texts jsonb NOT NULL,
        salt text NOT NULL,
        PRIMARY KEY (appeal_id, seq)
      )`);

    // Retention: when an appeal's personal data was erased (its statistics kept).
    await q.query(`ALTER TABLE appeals ADD COLUMN personal_data_erased_at timestamptz`);
    // A citizen's own appeal was registered by the citizen's account; erasure removes that link too.
    await q.query(`ALTER TABLE appeals ALTER COLUMN registered_by DROP NOT NULL`);
    await q.query(`
      CREATE TABLE retention_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The Baku day of a scheduled run: one per day, whatever the number of workers.
        scheduled_day date UNIQUE,
        dry_run boolean NOT NULL,
        retention_years integer NOT NULL,
        closed_before timestamptz NOT NULL,
        actor_id uuid REFERENCES users(id),
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        -- Counts only, never personal data.
        counts jsonb
      )`);

    // Erasing the text of an answer or the comment of a feedback must not re-run the evaluation's
    // per-case refresh: the summary depends on neither, and a refresh would recount an old case
    // with today's calendar. The triggers now fire only for the columns the summary reads.
    await q.query(`DROP TRIGGER evaluation_case_answer ON appeal_answers`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_answer AFTER INSERT OR UPDATE OF appeal_id, dispatched_at ON appeal_answers
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`DROP TRIGGER evaluation_case_feedback ON appeal_feedback`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_feedback AFTER INSERT OR UPDATE OF appeal_id, satisfied ON appeal_feedback
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_feedback ON appeal_feedback`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_feedback AFTER INSERT OR UPDATE ON appeal_feedback
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_answer ON appeal_answers`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_answer AFTER INSERT OR UPDATE ON appeal_answers
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`DROP TABLE IF EXISTS retention_runs`);
    await q.query(`UPDATE appeals SET registered_by = owner_user_id WHERE registered_by IS NULL AND owner_user_id IS NOT NULL`);
    await q.query(`ALTER TABLE appeals DROP COLUMN IF EXISTS personal_data_erased_at`);
    await q.query(`DROP TABLE IF EXISTS appeal_event_texts`);
    await q.query(`DROP TABLE IF EXISTS calendar_feeds`);
    await q.query(`DROP TRIGGER IF EXISTS alerts_webhooks ON alerts`);
    await q.query(`DROP TRIGGER IF EXISTS appeal_events_webhooks ON appeal_events`);
    await q.query(`DROP FUNCTION IF EXISTS alerts_webhooks()`);
    await q.query(`DROP FUNCTION IF EXISTS appeal_events_webhooks()`);
    await q.query(`DROP FUNCTION IF EXISTS webhook_fan_out(webhook_event[])`);
    await q.query(`DROP TYPE IF EXISTS webhook_event`);
    await q.query(`DROP INDEX IF EXISTS outbox_webhook_untried_idx`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
  }
}

/** Audit event types -> webhook event names (API.md "Integrations"); a withdrawal ends the case like leaving it. */
const EVENT_MAP: ReadonlyArray<readonly [string, string]> = [
  ['registered', 'appeal.registered'],
  ['assigned', 'appeal.assigned'],
  ['referred', 'appeal.referred'],
  ['answered', 'appeal.answered'],
  ['left_without_consideration', 'appeal.left_without_consideration'],
  ['withdrawn', 'appeal.left_without_consideration'],
];

/**
 * Matches events with the live subscriptions (the event's name, and its handling agency inside the
 * subscription's agency subtree), writes one delivery per pair and its outbox row, and wakes the
 * workers (NOTIFY is delivered at COMMIT only). The payload carries no identity (rule 18).
 */
const WEBHOOK_FAN_OUT = `
  CREATE FUNCTION webhook_fan_out(batch webhook_event[]) RETURNS void LANGUAGE plpgsql
  -- Planned once per connection (as replan_deadline_timers): planning this statement per intake cost more than running it.
  SET plan_cache_mode = force_generic_plan AS $fn$
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
  END $fn$`;
