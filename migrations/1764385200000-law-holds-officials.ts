import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, part A: the law holds against the officials it binds.
 *  - the answer channel asked for at intake (Art. 7.6) and the answer's channel and dispatch day;
 *  - the regime in force (appeals-rules.md 10: the applicant's request, confirmed or changed by
 *    staff) on appeal_state, beside the regime requested at intake on appeals;
 *  - follow-ups merged by a staff decision (appeals-rules.md 15), never at intake; the applicant
 *    is the account for portal appeals, never an e-mail typed into the form;
 *  - one notice clock for leaving without consideration (appeals-rules.md 13): the date the
 *    service computed, stored, is the date the `notice_due` timer fires on;
 *  - timers: a stage whose moment has passed when it is planned is skipped (an appeal registered
 *    already overdue alerts once, as overdue); merged follow-ups have none (their appeal does);
 *  - honest figures (evaluation-methodology.md sect. 5): withdrawals, anonymous appeals closed at
 *    intake and merged follow-ups leave the due cohort; copies join referrals in the referral
 *    cohort. The summary is rebuilt, so existing rows are right.
 */
export class LawHoldsOfficials1764385200000 implements MigrationInterface {
  name = 'LawHoldsOfficials1764385200000';

  async up(q: QueryRunner): Promise<void> {
    // Art. 7.6: electronic appeals are answered by e-mail when one was given, others by post.
    await q.query(`
      ALTER TABLE appeals ADD COLUMN answer_channel text NOT NULL DEFAULT 'post'
        CHECK (answer_channel IN ('email', 'post', 'in_person'))`);
    await q.query(`
      UPDATE appeals a SET answer_channel = 'email'
      WHERE a.channel IN ('portal', 'email')
        AND EXISTS (SELECT 1 FROM appeal_parties p WHERE p.appeal_id = a.id AND p.role = 'applicant' AND p.email IS NOT NULL)`);

    // What changes while a case is handled: the regime in force, the appeal a follow-up was merged
    // into, and the last day to post the notice of leaving without consideration.
    await q.query(`
      ALTER TABLE appeal_state
        ADD COLUMN regime text NOT NULL DEFAULT 'standard' CHECK (regime IN ('standard', 'military', 'urgent')),
        ADD COLUMN merged_into uuid REFERENCES appeals(id),
        ADD COLUMN notice_due_date date,
        ADD CONSTRAINT appeal_state_merged_elsewhere CHECK (merged_into IS DISTINCT FROM appeal_id)`);
    await q.query(`UPDATE appeal_state s SET regime = a.regime FROM appeals a WHERE a.id = s.appeal_id AND a.regime <> 'standard'`);
    await q.query(`UPDATE appeal_state s SET merged_into = a.parent_appeal_id FROM appeals a WHERE a.id = s.appeal_id AND a.link_kind = 'follow_up'`);
    // The notices still to post, by the clock the timers used (5 working days from the decision).
    await q.query(`
      UPDATE appeal_state s
      SET notice_due_date = add_working_days((coalesce(s.closed_at, s.updated_at) AT TIME ZONE 'Asia/Baku')::date, 5)
      FROM appeals a
      WHERE a.id = s.appeal_id AND s.status = 'left_without_consideration' AND NOT a.anonymous
        AND s.closure_ground IS DISTINCT FROM 'withdrawn' AND a.channel NOT IN ('reception', 'phone')
        AND NOT EXISTS (SELECT 1 FROM appeal_parties p WHERE p.appeal_id = s.appeal_id AND p.role = 'applicant' AND p.email IS NOT NULL)`);
    // The follow-ups waiting for an appeal's answer (partial: almost every row is NULL, so a
    // calendar recomputation writes no entry here).
    await q.query(`CREATE INDEX appeal_state_merged_into_idx ON appeal_state (merged_into) WHERE merged_into IS NOT NULL`);

    // Art. 7.6 (appeals-rules.md 14): channel and day of dispatch of the answer.
    await q.query(`
      ALTER TABLE appeal_answers
        DROP CONSTRAINT appeal_answers_delivery_check,
        ADD CONSTRAINT appeal_answers_delivery_check CHECK (delivery IN ('email', 'post', 'in_person')),
        ADD COLUMN dispatched_on date`);
    // The evaluation's trigger would refresh every answered case for a column it does not read.
    await q.query(`ALTER TABLE appeal_answers DISABLE TRIGGER evaluation_case_answer`);
    await q.query(`UPDATE appeal_answers SET dispatched_on = (dispatched_at AT TIME ZONE 'Asia/Baku')::date`);
    await q.query(`ALTER TABLE appeal_answers ENABLE TRIGGER evaluation_case_answer`);
    await q.query(`ALTER TABLE appeal_answers ALTER COLUMN dispatched_on SET NOT NULL`);

    // appeals-rules.md 15: the same applicant is the same account for portal appeals; an e-mail
    // typed into the form identifies nobody (citizen A naming B's e-mail is not B). Appeals without
    // an account (registered by staff) are keyed by what staff registered.
    await q.query(APPLICANT_KEY(`
          WHEN owner_user_id IS NOT NULL THEN 'u:' || owner_user_id::text
          WHEN nullif(trim(email), '') IS NOT NULL THEN 'e:' || lower(trim(email))`));
    await q.query(REKEY_APPEALS);

    await q.query(`DROP FUNCTION replan_deadline_timers(uuid[])`);
    await q.query(REPLAN_FUNCTION);
    await q.query(TIMERS_AFTER_UPDATE(`n.regime, n.merged_into, n.notice_due_date`, `o.regime, o.merged_into, o.notice_due_date`));

    await q.query(LEFT_OUT_FUNCTION);
    await q.query(CASE_FACT_FUNCTION);
    await q.query(REFERRAL_CHANGED_FUNCTION(`('referral', 'copy')`));
    await q.query(REBUILD_FUNCTION(`('referral', 'copy')`, `AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at)`));
    // Open cases read live by the evaluation leave merged follow-ups out: the index carries the
    // column, so that stays an index-only scan (its predicate is unchanged: the digest reads it too).
    await q.query(`DROP INDEX appeal_state_open_due_idx`);
    await q.query(`
      CREATE INDEX appeal_state_open_due_idx ON appeal_state (review_due_at)
      INCLUDE (agency_id, review_due_date, extension_working_days, merged_into)
      WHERE status IN ('registered', 'in_review')`);
    await q.query(`SELECT evaluation_rebuild_summary()`);

    // Every appeal with timers is planned again by the scheduler under the new plan.
    await q.query(`
      INSERT INTO deadline_timer_replans
      SELECT appeal_id FROM appeal_state WHERE status IN ('registered', 'in_review', 'left_without_consideration')
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX appeal_state_open_due_idx`);
    await q.query(`
      CREATE INDEX appeal_state_open_due_idx ON appeal_state (review_due_at) INCLUDE (agency_id, review_due_date, extension_working_days)
      WHERE status IN ('registered', 'in_review')`);
    await q.query(REFERRAL_CHANGED_FUNCTION(`('referral')`));
    await q.query(REBUILD_FUNCTION(`('referral')`, ''));
    await q.query(CASE_FACT_FUNCTION.replace(/\n\s*AND NOT evaluation_left_out\([^)]*\)/, ''));
    await q.query(`DROP FUNCTION IF EXISTS evaluation_left_out(text, text, uuid, boolean, timestamptz, timestamptz)`);
    await q.query(TIMERS_AFTER_UPDATE('', ''));
    await q.query(`DROP FUNCTION replan_deadline_timers(uuid[], timestamptz)`);
    await q.query(PREVIOUS_REPLAN_FUNCTION);
    await q.query(APPLICANT_KEY(`
          WHEN nullif(trim(email), '') IS NOT NULL THEN 'e:' || lower(trim(email))
          WHEN owner_user_id IS NOT NULL THEN 'u:' || owner_user_id::text`));
    await q.query(REKEY_APPEALS);
    await q.query(`DELETE FROM appeal_answers WHERE delivery = 'in_person'`);
    await q.query(`
      ALTER TABLE appeal_answers DROP COLUMN dispatched_on, DROP CONSTRAINT appeal_answers_delivery_check,
        ADD CONSTRAINT appeal_answers_delivery_check CHECK (delivery IN ('email', 'post'))`);
    await q.query(`DROP INDEX IF EXISTS appeal_state_merged_into_idx`);
    await q.query(`
      ALTER TABLE appeal_state DROP CONSTRAINT appeal_state_merged_elsewhere,
        DROP COLUMN notice_due_date, DROP COLUMN merged_into, DROP COLUMN regime`);
    await q.query(`ALTER TABLE appeals DROP COLUMN answer_channel`);
    await q.query(`SELECT evaluation_rebuild_summary()`);
    await q.query(`INSERT INTO deadline_timer_replans SELECT appeal_id FROM appeal_state ON CONFLICT DO NOTHING`);
  }
}

/** applicant_key() with its first two cases (the e-mail and the account) in the order given. */
const APPLICANT_KEY = (first: string): string => `
  CREATE OR REPLACE FUNCTION applicant_key(email text, owner_user_id uuid, full_name text, organisation_name text, address text)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE ${first}
      WHEN coalesce(nullif(trim(full_name), ''), nullif(trim(organisation_name), '')) IS NOT NULL
        THEN 'n:' || lower(regexp_replace(coalesce(nullif(trim(organisation_name), ''), full_name) || '|' || coalesce(address, ''), '\\s+', ' ', 'g'))
    END
  $$`;

/** Every appeal's key by the current definition (rows already right are left alone). */
const REKEY_APPEALS = `
  UPDATE appeals a SET applicant_key = k.key
  FROM (
    SELECT a.id, CASE WHEN NOT a.anonymous
                      THEN applicant_key(p.email, a.owner_user_id, p.full_name, p.organisation_name, p.address) END AS key
    FROM appeals a LEFT JOIN appeal_parties p ON p.appeal_id = a.id AND p.role = 'applicant' AND p.position = 0) k
  WHERE k.id = a.id AND a.applicant_key IS DISTINCT FROM k.key`;

/**
 * The plan of an appeal's timers, set-wise for many appeals. `plan_at` is the moment of planning
 * (the scheduler's clock for deferred re-plans); without it, each appeal's last change
 * (appeal_state.updated_at, which the app writes from its clock). A stage whose fire time had
 * already passed at that moment is not planned (a warning or the last referral day nobody could
 * act on any more), unless it was planned before with that very fire time (a timer the scheduler
 * has yet to fire, or fired: kept as it is). Overdue is the exception, a state rather than a
 * stage: an appeal registered already overdue alerts its supervisors once, as overdue (and the
 * bodies above see it in their daily digest; an escalation already past is not sent late).
 * Merged follow-ups have no timers: the appeal they are answered with has them.
 */
const REPLAN_FUNCTION = `
  CREATE FUNCTION replan_deadline_timers(ids uuid[], plan_at timestamptz DEFAULT NULL) RETURNS void LANGUAGE plpgsql
  -- Planned once per connection: re-planning this statement for each intake cost more than running it.
  SET plan_cache_mode = force_generic_plan AS $fn$
  BEGIN
    WITH settings AS (SELECT * FROM deadline_timer_settings),
    s AS (
      SELECT s.appeal_id, s.status, s.referral_due_date, s.review_due_date, s.review_due_at, s.notice_due_date, s.regime,
             s.merged_into, coalesce(plan_at, s.updated_at) AS plan_moment
      FROM appeal_state s
      WHERE s.appeal_id = ANY(ids)),
    open AS (SELECT * FROM s WHERE s.status IN ('registered', 'in_review') AND s.merged_into IS NULL),
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
const PREVIOUS_REPLAN_FUNCTION = `
  CREATE FUNCTION replan_deadline_timers(ids uuid[]) RETURNS void LANGUAGE plpgsql
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
      SELECT o.appeal_id, 'referral_due' AS kind, 0 AS days_before,
             (o.referral_due_date + st.office_opens) AT TIME ZONE 'Asia/Baku' AS fire_at,
             (o.referral_due_date + time '23:59:59') AT TIME ZONE 'Asia/Baku' AS due_at
      FROM open o, settings st
      WHERE o.status = 'registered' AND o.referral_due_date IS NOT NULL
      UNION ALL
      SELECT o.appeal_id, CASE WHEN n.n = 0 THEN 'review_due' ELSE 'review_warning' END, n.n,
             (w.day + st.office_opens) AT TIME ZONE 'Asia/Baku', o.review_due_at
      FROM open o CROSS JOIN settings st CROSS JOIN LATERAL unnest(st.warning_days || 0) AS n(n)
      JOIN calendar_days d ON d.day = o.review_due_date
      JOIN calendar_days w ON w.is_working AND w.ordinal = d.ordinal - n.n
      WHERE o.regime <> 'urgent'
      UNION ALL
      SELECT o.appeal_id, 'overdue', 0, o.review_due_at + interval '1 second', o.review_due_at
      FROM open o
      UNION ALL
      SELECT o.appeal_id, 'escalation', 0, ((e.day + 1)::timestamp) AT TIME ZONE 'Asia/Baku', o.review_due_at
      FROM open o CROSS JOIN settings st
      JOIN calendar_days d ON d.day = (o.review_due_at AT TIME ZONE 'Asia/Baku')::date
      JOIN calendar_days e ON e.is_working AND e.ordinal = d.ordinal + st.escalation_working_days
      UNION ALL
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

/**
 * Only rows whose deadlines, status or (with `more`) the other planned facts changed: appending an
 * audit event also updates appeal_state (the chain head) and must stay cheap.
 */
const TIMERS_AFTER_UPDATE = (newMore: string, oldMore: string): string => `
  CREATE OR REPLACE FUNCTION appeal_state_timers_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM plan_or_defer_deadline_timers(ARRAY(
      SELECT n.appeal_id FROM new_rows n JOIN old_rows o ON o.appeal_id = n.appeal_id
      WHERE (n.status, n.review_due_at, n.review_due_date, n.referral_due_date, n.closed_at${newMore ? `, ${newMore}` : ''})
            IS DISTINCT FROM (o.status, o.review_due_at, o.review_due_date, o.referral_due_date, o.closed_at${oldMore ? `, ${oldMore}` : ''})));
    RETURN NULL;
  END $$`;

/**
 * Sect. 5: the cases left out of every figure: follow-ups merged into another appeal (that appeal
 * counts once), anonymous appeals closed at intake (Art. 6.4: not considered at all), and appeals
 * withdrawn by the applicant before their deadline. A withdrawal after the deadline stays a late
 * case: nobody, the agency recording a withdrawal included, can take a late case out of the cohort.
 */
const LEFT_OUT_FUNCTION = `
  CREATE FUNCTION evaluation_left_out(status text, closure_ground text, merged_into uuid, anonymous boolean,
                                      closed_at timestamptz, review_due_at timestamptz)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- Never NULL: a case with no closure ground or no anonymity flag is simply counted.
    SELECT coalesce(
      merged_into IS NOT NULL
        OR (status = 'left_without_consideration' AND anonymous IS TRUE)
        OR (status = 'left_without_consideration' AND closure_ground IS NOT DISTINCT FROM 'withdrawn' AND closed_at <= review_due_at),
      false)
  $$`;

/** What a case contributes now (migration 1764122400000), less the cases left out. */
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
    WHERE s.appeal_id = case_id AND s.status IN ('answered', 'left_without_consideration', 'referred')
      AND NOT evaluation_left_out(s.status, s.closure_ground, s.merged_into, ap.anonymous, c.at, s.review_due_at)
  $$`;

/** Art. 7.10: the timeliness of referrals (and, from this migration, copies) is the sender's. */
const REFERRAL_CHANGED_FUNCTION = (kinds: string): string => `
  CREATE OR REPLACE FUNCTION evaluation_referral_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind IN ${kinds} THEN
      PERFORM evaluation_add_referral(OLD.from_agency_id, OLD.referred_on, OLD.on_time, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.kind IN ${kinds} THEN
      PERFORM evaluation_add_referral(NEW.from_agency_id, NEW.referred_on, NEW.on_time, 1);
    END IF;
    RETURN NULL;
  END $$`;

/** The set-wise rebuild (migration 1764122400000) with the referral kinds and the cases left out. */
const REBUILD_FUNCTION = (kinds: string, leftOut: string): string => `
  CREATE OR REPLACE FUNCTION evaluation_rebuild_summary() RETURNS void LANGUAGE plpgsql AS $$
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
    WHERE s.status IN ('answered', 'left_without_consideration', 'referred') ${leftOut};
    INSERT INTO evaluation_counts (grain, bucket, agency_id, kind, value, n)
    SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END, x.agency_id, x.kind, x.value,
           sum(x.n)::integer
    FROM (
      SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind, (f.on_time::int | (f.extended::int << 1)) AS value, count(*) AS n
      FROM evaluation_case_facts f WHERE f.status IN ('answered', 'left_without_consideration') GROUP BY 1, 2, 4
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
      FROM appeal_referrals r WHERE r.kind IN ${kinds} GROUP BY 1, 2, 4
    ) x
    CROSS JOIN (VALUES ('d'::"char"), ('m'::"char")) g(grain)
    GROUP BY 1, 2, 3, 4, 5;
  END $$`;
