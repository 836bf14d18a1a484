import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, one definition of each rule's constant: SQL reads the status sets, Art. 7.10's referral
 * term, Art. 8.2's notice term and the appeal mail's outbox key from these functions, never from a
 * literal of its own. Their values are those of src/appeals/domain/case-rules.ts, and
 * test/integration/rule-constants.int-spec.ts holds the two equal: a changed constant needs a new
 * migration that replaces its function. IMMUTABLE SQL functions without arguments are inlined and
 * folded to constants when a statement is planned, so `status = ANY (appeal_working_statuses())`
 * still matches the partial indexes on `status IN ('registered', 'in_review')`.
 *
 * Every function and trigger that repeated a status set (the plan of the timers, the evaluation's
 * case fact, summary rebuild and counts, the trigger of cases closed at intake) is replaced to read
 * it from here; bodies otherwise unchanged.
 */
export class RuleConstants1764900000000 implements MigrationInterface {
  name = 'RuleConstants1764900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of CONSTANT_FUNCTIONS) await q.query(statement);
    await q.query(REPLAN_FUNCTION);
    await q.query(CASE_FACT_FUNCTION);
    await q.query(REBUILD_SUMMARY_FUNCTION);
    await q.query(APPLY_COUNTS_FUNCTION);
    await q.query(`DROP TRIGGER evaluation_case_closed_at_intake ON appeal_state`);
    await q.query(CLOSED_AT_INTAKE_TRIGGER);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER evaluation_case_closed_at_intake ON appeal_state`);
    await q.query(CLOSED_AT_INTAKE_TRIGGER.replace(NEW_FINISHED, `NEW.status IN ('answered', 'left_without_consideration', 'referred')`));
    await q.query(APPLY_COUNTS_FUNCTION.replace(CLOSED_FACTS, `f.status IN ('answered', 'left_without_consideration')`));
    await q.query(
      REBUILD_SUMMARY_FUNCTION.replace(FINISHED_SET, `s.status IN ('answered', 'left_without_consideration', 'referred')`).replace(
        CLOSED_FACTS,
        `f.status IN ('answered', 'left_without_consideration')`,
      ),
    );
    await q.query(REPLAN_FUNCTION.replace(OPEN_SET, `s.status IN ('registered', 'in_review')`));
    await q.query(CASE_FACT_FUNCTION.replace(FINISHED_SET, `s.status IN ('answered', 'left_without_consideration', 'referred')`));
    await q.query(`DROP FUNCTION appeal_mail_dedupe_key(text, uuid, integer, text)`);
    for (const name of ['appeal_working_statuses', 'appeal_closed_statuses', 'appeal_finished_statuses', 'referral_term_working_days', 'notice_term_working_days']) {
      await q.query(`DROP FUNCTION ${name}()`);
    }
  }
}

const CONSTANT_FUNCTIONS = [
  // The statuses in which the handling agency still works on its case (lifecycle.ts).
  `CREATE FUNCTION appeal_working_statuses() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
   RETURN ARRAY['registered', 'in_review']`,
  // Art. 7.5, 8.1: closed on the merits or without consideration.
  `CREATE FUNCTION appeal_closed_statuses() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
   RETURN ARRAY['answered', 'left_without_consideration']`,
  // Out of the agency's hands: closed, or referred (Art. 7.10, terminal for the sender).
  `CREATE FUNCTION appeal_finished_statuses() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
   RETURN ARRAY['answered', 'left_without_consideration', 'referred']`,
  // Art. 7.10: refer within 3 working days.
  `CREATE FUNCTION referral_term_working_days() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 3`,
  // Art. 8.2 (appeals-rules.md 13): the notice of leaving without consideration within 5 working days.
  `CREATE FUNCTION notice_term_working_days() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 5`,
  // The outbox key of an e-mail about an appeal (case-rules.ts appealMailDedupeKey): one mail per
  // template, appeal, event (none for the intake confirmation) and recipient.
  `CREATE FUNCTION appeal_mail_dedupe_key(template text, appeal_id uuid, seq integer, suffix text DEFAULT '')
   RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
   RETURN 'mail:' || template || ':' || appeal_id::text || coalesce(':' || seq::text, '') || suffix`,
];

const OPEN_SET = `s.status = ANY (appeal_working_statuses())`;
const FINISHED_SET = `s.status = ANY (appeal_finished_statuses())`;
const CLOSED_FACTS = `f.status = ANY (appeal_closed_statuses())`;
const NEW_FINISHED = `NEW.status = ANY (appeal_finished_statuses())`;

/**
 * The plan of an appeal's timers (migration 1764385200000's, db/functions/replan_deadline_timers.sql;
 * src/alerts/domain/timer-plan.ts is the same plan in TypeScript and
 * test/integration/timer-plan.int-spec.ts holds the two equal), the open set read from its function.
 */
const REPLAN_FUNCTION = `
  CREATE OR REPLACE FUNCTION replan_deadline_timers(ids uuid[], plan_at timestamptz DEFAULT NULL) RETURNS void LANGUAGE plpgsql
  -- Planned once per connection: re-planning this statement for each intake cost more than running it.
  SET plan_cache_mode = force_generic_plan AS $fn$
  BEGIN
    WITH settings AS (SELECT * FROM deadline_timer_settings),
    s AS (
      SELECT s.appeal_id, s.status, s.referral_due_date, s.review_due_date, s.review_due_at, s.notice_due_date, s.regime,
             s.merged_into, coalesce(plan_at, s.updated_at) AS plan_moment
      FROM appeal_state s
      WHERE s.appeal_id = ANY(ids)),
    open AS (SELECT * FROM s WHERE ${OPEN_SET} AND s.merged_into IS NULL),
    planned AS (
      -- Art. 7.10: the last day to refer a case outside the agency's competence, while nobody took it.
      SELECT o.appeal_id, 'referral_due' AS kind, 0 AS days_before,
             (o.referral_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku' AS fire_at,
             (o.referral_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku' AS due_at, o.plan_moment
      FROM open o, settings st
      WHERE o.status = 'registered' AND o.referral_due_date IS NOT NULL
      UNION ALL
      -- Art. 10.1, 10.2: warnings N working days before the review due date, and "due today" (N = 0).
      -- Not for urgent appeals (Art. 10.4: 24 clock hours, not working days).
      SELECT o.appeal_id, CASE WHEN n.n = 0 THEN 'review_due' ELSE 'review_warning' END, n.n,
             (w.day + st.office_opens) AT TIME ZONE 'Asia/Baku', o.review_due_at, o.plan_moment
      FROM open o CROSS JOIN settings st CROSS JOIN LATERAL unnest(st.warning_days || 0) AS n(n)
      JOIN calendar_days d ON d.day = o.review_due_date
      JOIN calendar_days w ON w.is_working AND w.ordinal = d.ordinal - n.n
      WHERE o.regime <> 'urgent'
      UNION ALL
      -- The first moment after the term (end of the last working day, or receipt + 24 h when urgent).
      SELECT o.appeal_id, 'overdue', 0, o.review_due_at + interval '1 second', o.review_due_at, o.plan_moment
      FROM open o
      UNION ALL
      -- Overdue by N working days: the first moment after the N-th working day past the due date.
      SELECT o.appeal_id, 'escalation', 0, ((e.day + 1)::timestamp) AT TIME ZONE 'Asia/Baku', o.review_due_at, o.plan_moment
      FROM open o CROSS JOIN settings st
      JOIN calendar_days d ON d.day = (o.review_due_at AT TIME ZONE 'Asia/Baku')::date
      JOIN calendar_days e ON e.is_working AND e.ordinal = d.ordinal + st.escalation_working_days
      UNION ALL
      -- Art. 8.2 (appeals-rules.md 13): the notice of leaving without consideration that staff must
      -- post, by the date the service stored (5 working days from the decision): a reminder that day.
      SELECT x.appeal_id, 'notice_due', 0, (x.notice_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku',
             (x.notice_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku', x.plan_moment
      FROM s x CROSS JOIN settings st
      WHERE x.status = 'left_without_consideration' AND x.notice_due_date IS NOT NULL
    ),
    desired AS (
      SELECT p.appeal_id, p.kind, p.days_before, p.fire_at, p.due_at
      FROM planned p
      WHERE p.kind = 'overdue' OR p.fire_at > p.plan_moment
         OR EXISTS (SELECT 1 FROM deadline_timers t
                    WHERE t.appeal_id = p.appeal_id AND t.kind = p.kind AND t.days_before = p.days_before AND t.fire_at = p.fire_at)
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

/** Migration 1764036000000's plan, restored by `down`. */

/** The evaluation's fact of a closed case (migration 1764385200000's), the finished set read from its function. */
const CASE_FACT_FUNCTION = `
  CREATE OR REPLACE FUNCTION evaluation_case_fact(case_id uuid) RETURNS SETOF evaluation_case_facts
  LANGUAGE sql STABLE AS $$
    SELECT s.appeal_id, s.agency_id, s.status, s.review_due_date,
           (c.at AT TIME ZONE 'Asia/Baku')::date,
           c.at <= s.review_due_at,
           s.extension_working_days > 0,
           CASE WHEN s.status = 'answered' THEN
             (SELECT e.ordinal - b.ordinal FROM calendar_days e, calendar_days b
              WHERE e.day = (c.at AT TIME ZONE 'Asia/Baku')::date AND b.day = s.review_term_from) END,
           (SELECT fb.satisfied FROM appeal_feedback fb WHERE fb.appeal_id = s.appeal_id)
    FROM appeal_state s
    JOIN appeals ap ON ap.id = s.appeal_id
    LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
    CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) c
    WHERE s.appeal_id = case_id AND ${FINISHED_SET}
      AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at)
  $$`;

/** The evaluation's rebuild from scratch (migration 1764385200000's), its status sets read from their functions. */
const REBUILD_SUMMARY_FUNCTION = `
  CREATE OR REPLACE FUNCTION evaluation_rebuild_summary() RETURNS void LANGUAGE plpgsql AS $function$
  BEGIN
    TRUNCATE evaluation_case_facts, evaluation_counts;
    INSERT INTO evaluation_case_facts
    SELECT s.appeal_id, s.agency_id, s.status, s.review_due_date, c.day, c.at <= s.review_due_at,
           s.extension_working_days > 0,
           CASE WHEN s.status = 'answered' THEN e.ordinal - b.ordinal END, fb.satisfied
    FROM appeal_state s
    JOIN appeals ap ON ap.id = s.appeal_id
    LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
    LEFT JOIN appeal_feedback fb ON fb.appeal_id = s.appeal_id
    CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) a
    CROSS JOIN LATERAL (SELECT a.at, (a.at AT TIME ZONE 'Asia/Baku')::date AS day) c
    LEFT JOIN calendar_days e ON e.day = c.day
    LEFT JOIN calendar_days b ON b.day = s.review_term_from
    WHERE ${FINISHED_SET} AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at);
    INSERT INTO evaluation_counts (grain, bucket, agency_id, kind, value, n)
    SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END, x.agency_id, x.kind, x.value,
           sum(x.n)::integer
    FROM (
      SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind, (f.on_time::int | (f.extended::int << 1)) AS value, count(*) AS n
      FROM evaluation_case_facts f WHERE ${CLOSED_FACTS} GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.closed_date, 2::smallint, f.answer_working_days, count(*)
      FROM evaluation_case_facts f WHERE f.status = 'answered' AND f.answer_working_days IS NOT NULL GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.closed_date, 3::smallint, f.satisfied::int, count(*)
      FROM evaluation_case_facts f WHERE f.status = 'answered' AND f.satisfied IS NOT NULL GROUP BY 1, 2, 4
      UNION ALL
      SELECT f.agency_id, f.due_date, 4::smallint, 0, count(*) FROM evaluation_case_facts f WHERE f.closed_date > f.due_date GROUP BY 1, 2
      UNION ALL
      SELECT f.agency_id, f.closed_date, 5::smallint, 0, count(*) FROM evaluation_case_facts f WHERE f.closed_date > f.due_date GROUP BY 1, 2
      UNION ALL
      SELECT r.from_agency_id, r.referred_on, 6::smallint, r.on_time::int, count(*)
      FROM appeal_referrals r WHERE r.kind IN ('referral', 'copy') GROUP BY 1, 2, 4
    ) x
    CROSS JOIN (VALUES ('d'::"char"), ('m'::"char")) g(grain)
    GROUP BY 1, 2, 3, 4, 5;
  END $function$`;

/** The evaluation's counts of case facts (migration 1764122400000's), the closed set read from its function. */
const APPLY_COUNTS_FUNCTION = `
  CREATE OR REPLACE FUNCTION evaluation_apply_counts(facts evaluation_case_facts[], sign integer) RETURNS void LANGUAGE sql AS $function$
        INSERT INTO evaluation_counts AS c (grain, bucket, agency_id, kind, value, n)
        SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END,
               x.agency_id, x.kind, x.value, sign * sum(x.n)::integer
        FROM (
          SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind,
                 (f.on_time::int | (f.extended::int << 1)) AS value, 1 AS n
          FROM unnest(facts) f WHERE ${CLOSED_FACTS}
          UNION ALL
          SELECT f.agency_id, f.closed_date, 2::smallint, f.answer_working_days, 1
          FROM unnest(facts) f WHERE f.status = 'answered' AND f.answer_working_days IS NOT NULL
          UNION ALL
          SELECT f.agency_id, f.closed_date, 3::smallint, f.satisfied::int, 1
          FROM unnest(facts) f WHERE f.status = 'answered' AND f.satisfied IS NOT NULL
          UNION ALL
          SELECT f.agency_id, f.due_date, 4::smallint, 0, 1 FROM unnest(facts) f WHERE f.closed_date > f.due_date
          UNION ALL
          SELECT f.agency_id, f.closed_date, 5::smallint, 0, 1 FROM unnest(facts) f WHERE f.closed_date > f.due_date
        ) x
        CROSS JOIN (VALUES ('d'::"char"), ('m'::"char")) g(grain)
        GROUP BY 1, 2, 3, 4, 5
        -- One order for every writer: concurrent commits lock the shared count rows alike, no deadlock.
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (grain, bucket, agency_id, kind, value) DO UPDATE SET n = c.n + EXCLUDED.n
      $function$`;

/**
 * A case closed at intake (left without consideration, or referred, at registration) enters the
 * evaluation at COMMIT (migration 1764122400000's trigger), the finished set read from its function.
 */
const CLOSED_AT_INTAKE_TRIGGER = `
  CREATE CONSTRAINT TRIGGER evaluation_case_closed_at_intake AFTER INSERT ON appeal_state
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (${NEW_FINISHED})
  EXECUTE FUNCTION evaluation_case_changed()`;
