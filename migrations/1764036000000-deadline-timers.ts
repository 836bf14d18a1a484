import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline timers and supervisors' alerts (appeals-rules.md 7-17). PostgreSQL is the source of
 * truth: each open appeal's pending timers are rows derived from its deadlines in appeal_state by a
 * statement-level trigger, so every path that moves a deadline (intake, case actions, the
 * calendar's set-wise recomputation, closing) re-plans its timers in the same transaction, with no
 * code of its own. Redis only holds the jobs of the next few minutes.
 */
export class DeadlineTimers1764036000000 implements MigrationInterface {
  name = 'DeadlineTimers1764036000000';

  async up(q: QueryRunner): Promise<void> {
    // The configurable terms (appeals-rules.md: "keep it in configuration"): written from the app's
    // config at start (TIMER_WARNING_DAYS, ESCALATION_WORKING_DAYS), read by the planning trigger.
    await q.query(`
      CREATE TABLE deadline_timer_settings (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        warning_days integer[] NOT NULL DEFAULT '{3,1}',
        escalation_working_days integer NOT NULL DEFAULT 5 CHECK (escalation_working_days BETWEEN 1 AND 60),
        -- Warnings ("due in N days", "due today") go out when the office opens, Baku time.
        office_opens time NOT NULL DEFAULT '09:00'
      )`);
    await q.query(`INSERT INTO deadline_timer_settings DEFAULT VALUES`);

    await q.query(`
      CREATE TABLE deadline_timers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- No foreign key: rows are written by the trigger on appeal_state (which has one), and the
        -- calendar recomputation should not pay a check per re-planned timer.
        appeal_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('referral_due', 'review_warning', 'review_due', 'overdue', 'escalation', 'notice_due')),
        -- review_warning: this many working days before the review due date.
        days_before smallint NOT NULL DEFAULT 0,
        fire_at timestamptz NOT NULL,
        -- The deadline the timer is about (shown as the alert's dueAt).
        due_at timestamptz NOT NULL,
        -- pending: waits in PostgreSQL; queued: a job is in Redis; fired: its alert exists.
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'fired')),
        -- Bumped whenever the fire time moves: a job of an older generation does nothing.
        generation integer NOT NULL DEFAULT 1,
        -- Bumped at each hand-off to Redis, so a re-claim is a new job even if the old one lingers.
        claims integer NOT NULL DEFAULT 0,
        -- When the last claim handed it to Redis (a late claim of a long-past timer is not a lost job).
        queued_at timestamptz,
        fired_at timestamptz,
        UNIQUE (appeal_id, kind, days_before)
      )`);
    // The scheduler's claim and the lost-job sweep: both read only the near future.
    await q.query(`CREATE INDEX deadline_timers_pending_idx ON deadline_timers (fire_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX deadline_timers_queued_idx ON deadline_timers (fire_at) WHERE state = 'queued'`);

    // One alert per firing of a timer (timer, generation); recipients each get one mail whose
    // outbox dedupe key is (timer, generation, recipient).
    await q.query(`
      CREATE TABLE alerts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        timer_id bigint NOT NULL,
        generation integer NOT NULL,
        appeal_id uuid NOT NULL REFERENCES appeals(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        kind text NOT NULL,
        days_before smallint NOT NULL DEFAULT 0,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users(id),
        UNIQUE (timer_id, generation)
      )`);
    await q.query(`CREATE INDEX alerts_agency_created_idx ON alerts (agency_id, created_at DESC, id DESC)`);

    // appeals-rules.md 17: a higher body puts a case "under control"; its supervisors get the alerts too.
    await q.query(`
      CREATE TABLE appeal_controls (
        appeal_id uuid NOT NULL REFERENCES appeals(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        placed_by uuid NOT NULL REFERENCES users(id),
        placed_at timestamptz NOT NULL,
        PRIMARY KEY (appeal_id, agency_id)
      )`);

    // The daily digest runs once per Baku day whatever the number of replicas.
    await q.query(`CREATE TABLE alert_digest_days (day date PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`);

    // Appeals whose timers must be re-planned outside the statement that moved their deadlines: a
    // bulk change (the calendar's recomputation of up to millions of appeals) marks them here and
    // the scheduler re-plans them in short batches right after. Until then their timers are held
    // back (neither claimed nor fired), so no timer fires on a deadline that is no longer true.
    await q.query(`CREATE TABLE deadline_timer_replans (appeal_id uuid PRIMARY KEY)`);
    // Both tables churn like queues (a calendar change marks and clears a million rows, a midnight
    // fires a hundred thousand timers): vacuumed soon, or every scheduler tick steps over dead rows.
    await q.query(`ALTER TABLE deadline_timer_replans SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`);
    await q.query(`ALTER TABLE deadline_timers SET (autovacuum_vacuum_scale_factor = 0.02)`);

    await q.query(REPLAN_FUNCTION);
    await q.query(`
      CREATE FUNCTION plan_or_defer_deadline_timers(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL THEN
          RETURN;
        ELSIF cardinality(ids) <= ${INLINE_REPLAN_MAX} THEN
          PERFORM replan_deadline_timers(ids);
        ELSE
          INSERT INTO deadline_timer_replans SELECT unnest(ids) ON CONFLICT DO NOTHING;
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION appeal_state_timers_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM plan_or_defer_deadline_timers(ARRAY(SELECT appeal_id FROM new_rows));
        RETURN NULL;
      END $$`);
    // Only rows whose deadlines or status changed: appending an audit event also updates
    // appeal_state (the chain head) and must stay cheap.
    await q.query(`
      CREATE FUNCTION appeal_state_timers_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM plan_or_defer_deadline_timers(ARRAY(
          SELECT n.appeal_id FROM new_rows n JOIN old_rows o ON o.appeal_id = n.appeal_id
          WHERE (n.status, n.review_due_at, n.review_due_date, n.referral_due_date, n.closed_at)
                IS DISTINCT FROM (o.status, o.review_due_at, o.review_due_date, o.referral_due_date, o.closed_at)));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER appeal_state_timers_insert AFTER INSERT ON appeal_state
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION appeal_state_timers_after_insert()`);
    await q.query(`CREATE TRIGGER appeal_state_timers_update AFTER UPDATE ON appeal_state
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION appeal_state_timers_after_update()`);

    // Appeals that exist before this migration get their timers from the scheduler.
    await q.query(`INSERT INTO deadline_timer_replans SELECT appeal_id FROM appeal_state`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS appeal_state_timers_update ON appeal_state`);
    await q.query(`DROP TRIGGER IF EXISTS appeal_state_timers_insert ON appeal_state`);
    await q.query(`DROP FUNCTION IF EXISTS appeal_state_timers_after_update()`);
    await q.query(`DROP FUNCTION IF EXISTS appeal_state_timers_after_insert()`);
    await q.query(`DROP FUNCTION IF EXISTS plan_or_defer_deadline_timers(uuid[])`);
    await q.query(`DROP FUNCTION IF EXISTS replan_deadline_timers(uuid[])`);
    for (const table of ['deadline_timer_replans', 'alert_digest_days', 'appeal_controls', 'alerts', 'deadline_timers', 'deadline_timer_settings']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

/**
 * Statements that change more appeals than this (the calendar's recomputation, bulk loads) leave
 * the re-planning to the scheduler; intake and case actions (one appeal) re-plan in place.
 */
const INLINE_REPLAN_MAX = 100;

/**
 * The plan of an appeal's timers, set-wise for many appeals (src/alerts/domain/timer-plan.ts is the
 * same plan in TypeScript, and a test holds the two equal). plpgsql keeps the statement's plan per
 * connection, which matters on the intake path. A timer whose fire time moved is re-armed with the
 * next generation; one that no longer applies (closed case, assigned case's referral) is deleted.
 */
const REPLAN_FUNCTION = `
  CREATE FUNCTION replan_deadline_timers(ids uuid[]) RETURNS void LANGUAGE plpgsql
  -- Planned once per connection: re-planning this statement for each intake cost more than running it.
  SET plan_cache_mode = force_generic_plan AS $fn$
  BEGIN
    WITH settings AS (SELECT * FROM deadline_timer_settings),
    s AS (
      SELECT s.appeal_id, s.status, s.closure_ground, s.referral_due_date, s.review_due_date, s.review_due_at,
             coalesce(s.closed_at, s.updated_at) AS closed_at, a.regime, a.anonymous
      FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
      WHERE s.appeal_id = ANY(ids)),
    open AS (SELECT * FROM s WHERE s.status IN ('registered', 'in_review')),
    desired AS (
      -- Art. 7.10: the last day to refer a case outside the agency's competence, while nobody took it.
      SELECT o.appeal_id, 'referral_due' AS kind, 0 AS days_before,
             (o.referral_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku' AS fire_at,
             (o.referral_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku' AS due_at
      FROM open o, settings st
      WHERE o.status = 'registered' AND o.referral_due_date IS NOT NULL
      UNION ALL
      -- Art. 10.1, 10.2: warnings N working days before the review due date, and "due today" (N = 0).
      -- Not for urgent appeals (Art. 10.4: 24 clock hours, not working days).
      SELECT o.appeal_id, CASE WHEN n.n = 0 THEN 'review_due' ELSE 'review_warning' END, n.n,
             (w.day + st.office_opens) AT TIME ZONE 'Asia/Baku', o.review_due_at
      FROM open o CROSS JOIN settings st CROSS JOIN LATERAL unnest(st.warning_days || 0) AS n(n)
      JOIN calendar_days d ON d.day = o.review_due_date
      JOIN calendar_days w ON w.is_working AND w.ordinal = d.ordinal - n.n
      WHERE o.regime <> 'urgent'
      UNION ALL
      -- The first moment after the term (end of the last working day, or receipt + 24 h when urgent).
      SELECT o.appeal_id, 'overdue', 0, o.review_due_at + interval '1 second', o.review_due_at
      FROM open o
      UNION ALL
      -- Overdue by N working days: the first moment after the N-th working day past the due date.
      SELECT o.appeal_id, 'escalation', 0, ((e.day + 1)::timestamp) AT TIME ZONE 'Asia/Baku', o.review_due_at
      FROM open o CROSS JOIN settings st
      JOIN calendar_days d ON d.day = (o.review_due_at AT TIME ZONE 'Asia/Baku')::date
      JOIN calendar_days e ON e.is_working AND e.ordinal = d.ordinal + st.escalation_working_days
      UNION ALL
      -- Art. 8.1: the applicant is told within 5 working days why the appeal was left without
      -- consideration. With an e-mail on file the notice leaves with the status change; without
      -- one staff must post it, so the last day is a reminder. None for anonymous or withdrawn ones.
      SELECT x.appeal_id, 'notice_due', 0, (w.day + st.office_opens) AT TIME ZONE 'Asia/Baku',
             (w.day + time '23:59:59') AT TIME ZONE 'Asia/Baku'
      FROM s x CROSS JOIN settings st
      JOIN calendar_days c ON c.day = (x.closed_at AT TIME ZONE 'Asia/Baku')::date
      JOIN calendar_days w ON w.is_working AND w.ordinal = c.ordinal + 5
      WHERE x.status = 'left_without_consideration' AND NOT x.anonymous AND x.closure_ground IS DISTINCT FROM 'withdrawn'
        AND NOT EXISTS (SELECT 1 FROM appeal_parties p WHERE p.appeal_id = x.appeal_id AND p.role = 'applicant' AND p.email IS NOT NULL)
    ),
    removed AS (
      DELETE FROM deadline_timers t
      WHERE t.appeal_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.appeal_id = t.appeal_id AND d.kind = t.kind AND d.days_before = t.days_before))
    INSERT INTO deadline_timers AS t (appeal_id, kind, days_before, fire_at, due_at)
    SELECT d.appeal_id, d.kind, d.days_before, d.fire_at, d.due_at FROM desired d
    ON CONFLICT (appeal_id, kind, days_before) DO UPDATE
      SET fire_at = EXCLUDED.fire_at, due_at = EXCLUDED.due_at, generation = t.generation + 1, state = 'pending', fired_at = NULL
      WHERE t.fire_at IS DISTINCT FROM EXCLUDED.fire_at;
  END $fn$`;
