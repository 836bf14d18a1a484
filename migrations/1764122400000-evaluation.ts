import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from './1763949600000-referrals-and-search';

/**
 * Service evaluation (domain/evaluation-methodology.md): the e-service catalogue, evaluation
 * periods, self-assessments, the expert infrastructure survey, published snapshots, and the
 * responsiveness summary that keeps the league table fast (sect. 5).
 *
 * The summary is maintained from the appeals tables by deferred triggers (they run at COMMIT, when
 * the answer row of the same transaction exists). Evaluation owns every table the triggers write;
 * they only read the case tables, so case handling needs no change to feed the evaluation.
 */
export class Evaluation1764122400000 implements MigrationInterface {
  name = 'Evaluation1764122400000';

  async up(q: QueryRunner): Promise<void> {
    // Sect. 1: e-services by their Cabinet of Ministers registry number, each with its provider.
    await q.query(`
      CREATE TABLE e_services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registry_number text NOT NULL UNIQUE CHECK (registry_number ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){1,2}$'),
        name text NOT NULL,
        name_en text,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX e_services_agency_idx ON e_services (agency_id, registry_number)`);

    // Sect. 1: any date range (a quarter, a year). Published = frozen in evaluation_snapshots.
    await q.query(`
      CREATE TABLE evaluation_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id),
        UNIQUE (starts_on, ends_on),
        CHECK (ends_on >= starts_on)
      )`);

    // Sect. 3: N (services that can be made electronic) and M (offered electronically) per agency
    // and period; M null = the number of the agency's active e-services in the catalogue.
    await q.query(`
      CREATE TABLE evaluation_agency_services (
        period_id uuid NOT NULL REFERENCES evaluation_periods(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        services_total integer NOT NULL CHECK (services_total >= 0),
        services_electronic integer CHECK (services_electronic >= 0),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (period_id, agency_id)
      )`);

    // Sect. 2: the 17 yes/no answers per e-service and period, with the result and the
    // methodology version it was computed with.
    await q.query(`
      CREATE TABLE evaluation_self_assessments (
        period_id uuid NOT NULL REFERENCES evaluation_periods(id),
        e_service_id uuid NOT NULL REFERENCES e_services(id),
        answers jsonb NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 0 AND 5),
        levels_reached smallint[] NOT NULL,
        corruption_score smallint NOT NULL,
        corruption_band text NOT NULL,
        methodology_version text NOT NULL,
        source text NOT NULL CHECK (source IN ('api', 'xlsx')),
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (period_id, e_service_id)
      )`);

    // Sect. 4: the national expert survey, one per period.
    await q.query(`
      CREATE TABLE evaluation_infrastructure_surveys (
        period_id uuid PRIMARY KEY REFERENCES evaluation_periods(id),
        answers jsonb NOT NULL,
        result jsonb NOT NULL,
        methodology_version text NOT NULL,
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // A published period: results frozen with the methodology and calendar versions they were
    // computed with, so later edits never change published scores. Written once.
    await q.query(`
      CREATE TABLE evaluation_snapshots (
        period_id uuid PRIMARY KEY REFERENCES evaluation_periods(id),
        methodology_version text NOT NULL,
        calendar_version integer NOT NULL,
        min_cohort integer NOT NULL,
        computed_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        published_at timestamptz NOT NULL,
        content jsonb NOT NULL
      )`);
    await q.query(`CREATE TRIGGER evaluation_snapshots_append_only BEFORE UPDATE OR DELETE ON evaluation_snapshots
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON evaluation_snapshots FROM ${APP_DB_ROLE}`);

    await this.responsivenessSummary(q);
  }

  /**
   * Sect. 5 by SQL, fast for any period: one fact row per closed case (what it contributes, so a
   * reopen or a late answer row subtracts exactly what was added), and counts per agency, kind and
   * value by day and by month. A period reads whole months from the month rows and its partial
   * months from the day rows. Open cases are not summarised (whether they are late depends on
   * "now"); they are read live through a partial index of open cases.
   */
  private async responsivenessSummary(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_case_facts (
        appeal_id uuid PRIMARY KEY,
        agency_id uuid NOT NULL,
        status text NOT NULL,
        due_date date NOT NULL,
        closed_date date NOT NULL,
        on_time boolean NOT NULL,
        extended boolean NOT NULL,
        -- Working days from the start of the term at this agency to the answer; answered cases only.
        answer_working_days integer,
        satisfied boolean
      )`);
    // Evidence for indicator 11 reads one agency's answers of a period (methodology sect. 5).
    await q.query(`CREATE INDEX evaluation_case_facts_answered_idx ON evaluation_case_facts (agency_id, closed_date) WHERE status = 'answered'`);
    // kind: 1 due cohort closed (value bit 1 = on time, bit 2 = extended), 2 answered (value =
    // working days), 3 feedback (value 1 = satisfied), 4 closed late by due date, 5 closed late by
    // closing date, 6 referral (value 1 = on time; by referral date, charged to the sender).
    await q.query(`
      CREATE TABLE evaluation_counts (
        grain "char" NOT NULL CHECK (grain IN ('d', 'm')),
        bucket date NOT NULL,
        agency_id uuid NOT NULL,
        kind smallint NOT NULL,
        value integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (grain, bucket, agency_id, kind, value)
      )`);
    // Open cases by deadline, for the due cohort's late-and-open part and the open overdue count.
    // Partial: closed cases (the vast majority) are not in it.
    await q.query(`
      CREATE INDEX appeal_state_open_due_idx ON appeal_state (review_due_at) INCLUDE (agency_id, review_due_date, extension_working_days)
      WHERE status IN ('registered', 'in_review')`);

    await q.query(`
      CREATE FUNCTION evaluation_apply_counts(facts evaluation_case_facts[], sign integer) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO evaluation_counts AS c (grain, bucket, agency_id, kind, value, n)
        SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END,
               x.agency_id, x.kind, x.value, sign * sum(x.n)::integer
        FROM (
          SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind,
                 (f.on_time::int | (f.extended::int << 1)) AS value, 1 AS n
          FROM unnest(facts) f WHERE f.status IN ('answered', 'left_without_consideration')
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
      $$`);

    // What a case contributes now: closed at this agency (answered, left without consideration, or
    // referred away), when, and whether on time. The closing instant is closed_at, else the
    // answer's dispatch, else the last state change (rows closed before closed_at existed).
    await q.query(`
      CREATE FUNCTION evaluation_case_fact(case_id uuid) RETURNS SETOF evaluation_case_facts
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
        LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
        CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) c
        WHERE s.appeal_id = case_id AND s.status IN ('answered', 'left_without_consideration', 'referred')
      $$`);

    // Idempotent: take back what the case contributed, then add what it contributes now.
    await q.query(`
      CREATE FUNCTION evaluation_refresh_case(case_id uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        old_facts evaluation_case_facts[];
        new_facts evaluation_case_facts[];
      BEGIN
        -- One refresh of a case at a time (a feedback and a reopen may commit together); case
        -- transitions hold this lock already.
        PERFORM 1 FROM appeal_state WHERE appeal_id = case_id FOR UPDATE;
        SELECT array_agg(f) INTO old_facts FROM evaluation_case_facts f WHERE f.appeal_id = case_id;
        SELECT array_agg(f) INTO new_facts FROM evaluation_case_fact(case_id) f;
        IF old_facts IS NOT DISTINCT FROM new_facts THEN
          RETURN;
        END IF;
        IF old_facts IS NOT NULL THEN
          DELETE FROM evaluation_case_facts WHERE appeal_id = case_id;
          PERFORM evaluation_apply_counts(old_facts, -1);
        END IF;
        IF new_facts IS NOT NULL THEN
          INSERT INTO evaluation_case_facts SELECT * FROM unnest(new_facts);
          PERFORM evaluation_apply_counts(new_facts, 1);
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION evaluation_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM evaluation_refresh_case(NEW.appeal_id);
        RETURN NULL;
      END $$`);
    // Deferred to COMMIT: the answer row is written after the status change in the same
    // transaction. Only status and closing changes fire, never a calendar recomputation of deadlines.
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_closed_at_intake AFTER INSERT ON appeal_state
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW.status IN ('answered', 'left_without_consideration', 'referred'))
      EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_state AFTER UPDATE OF status, closed_at ON appeal_state
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
      EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_answer AFTER INSERT OR UPDATE ON appeal_answers
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER evaluation_case_feedback AFTER INSERT OR UPDATE ON appeal_feedback
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION evaluation_case_changed()`);

    // Art. 7.10: a referral's timeliness is charged to the sending agency, by the referral date.
    await q.query(`
      CREATE FUNCTION evaluation_referral_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'referral' THEN
          PERFORM evaluation_add_referral(OLD.from_agency_id, OLD.referred_on, OLD.on_time, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.kind = 'referral' THEN
          PERFORM evaluation_add_referral(NEW.from_agency_id, NEW.referred_on, NEW.on_time, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION evaluation_add_referral(agency uuid, day date, on_time boolean, sign integer) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO evaluation_counts AS c (grain, bucket, agency_id, kind, value, n)
        VALUES ('d', day, agency, 6, on_time::int, sign), ('m', date_trunc('month', day)::date, agency, 6, on_time::int, sign)
        ON CONFLICT (grain, bucket, agency_id, kind, value) DO UPDATE SET n = c.n + EXCLUDED.n
      $$`);
    await q.query(`
      CREATE TRIGGER evaluation_referral AFTER INSERT OR UPDATE OR DELETE ON appeal_referrals
      FOR EACH ROW EXECUTE FUNCTION evaluation_referral_changed()`);

    // Set-wise rebuild from scratch: for existing data here, after a bulk load, or after a change
    // of past calendar data (answer working days are counted with the calendar of their day).
    await q.query(`
      CREATE FUNCTION evaluation_rebuild_summary() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE evaluation_case_facts, evaluation_counts;
        INSERT INTO evaluation_case_facts
        SELECT s.appeal_id, s.agency_id, s.status, s.review_due_date, c.day, c.at <= s.review_due_at,
               s.extension_working_days > 0,
               CASE WHEN s.status = 'answered' THEN e.ordinal - b.ordinal END, fb.satisfied
        FROM appeal_state s
        LEFT JOIN appeal_answers x ON x.appeal_id = s.appeal_id
        LEFT JOIN appeal_feedback fb ON fb.appeal_id = s.appeal_id
        CROSS JOIN LATERAL (SELECT coalesce(s.closed_at, x.dispatched_at, s.updated_at) AS at) a
        CROSS JOIN LATERAL (SELECT a.at, (a.at AT TIME ZONE 'Asia/Baku')::date AS day) c
        LEFT JOIN calendar_days e ON e.day = c.day
        LEFT JOIN calendar_days b ON b.day = s.review_term_from
        WHERE s.status IN ('answered', 'left_without_consideration', 'referred');
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
          FROM appeal_referrals r WHERE r.kind = 'referral' GROUP BY 1, 2, 4
        ) x
        CROSS JOIN (VALUES ('d'::"char"), ('m'::"char")) g(grain)
        GROUP BY 1, 2, 3, 4, 5;
      END $$`);
    await q.query(`SELECT evaluation_rebuild_summary()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS evaluation_referral ON appeal_referrals`);
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_feedback ON appeal_feedback`);
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_answer ON appeal_answers`);
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_state ON appeal_state`);
    await q.query(`DROP TRIGGER IF EXISTS evaluation_case_closed_at_intake ON appeal_state`);
    for (const fn of [
      'evaluation_rebuild_summary()',
      'evaluation_add_referral(uuid, date, boolean, integer)',
      'evaluation_referral_changed()',
      'evaluation_case_changed()',
      'evaluation_refresh_case(uuid)',
      'evaluation_case_fact(uuid)',
      'evaluation_apply_counts(evaluation_case_facts[], integer)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    await q.query(`DROP INDEX IF EXISTS appeal_state_open_due_idx`);
    for (const table of [
      'evaluation_counts',
      'evaluation_case_facts',
      'evaluation_snapshots',
      'evaluation_infrastructure_surveys',
      'evaluation_self_assessments',
      'evaluation_agency_services',
      'evaluation_periods',
      'e_services',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
