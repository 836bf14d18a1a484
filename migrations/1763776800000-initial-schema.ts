import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The base schema: agencies, users, appeals with their parties, attachments and hash-chained audit
 * events, the mail/job outbox, idempotency keys, the working-day calendar and the admin audit log.
 */
export class InitialSchema1763776800000 implements MigrationInterface {
  name = 'InitialSchema1763776800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text,
        parent_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE INDEX agencies_parent_idx ON agencies (parent_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('citizen', 'registrar', 'official', 'supervisor', 'admin')),
        agency_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Staff roles act for exactly one agency (API.md "Auth and users").
        CHECK (role IN ('citizen', 'admin') OR agency_id IS NOT NULL)
      )`);

    // What was registered (Art. 6.3): written once at intake and not changed afterwards.
    await q.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_number text NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('proposal', 'application', 'complaint')),
        subject text NOT NULL,
        body text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('portal', 'email', 'post', 'fax', 'in_person', 'reception', 'phone')),
        regime text NOT NULL CHECK (regime IN ('standard', 'military', 'urgent')),
        confidential boolean NOT NULL DEFAULT false,
        anonymous boolean NOT NULL DEFAULT false,
        collective boolean NOT NULL DEFAULT false,
        received_on date NOT NULL,
        registered_at timestamptz NOT NULL,
        owner_user_id uuid REFERENCES users(id),
        registered_by uuid NOT NULL REFERENCES users(id),
        respondent_agency_id uuid REFERENCES agencies(id),
        respondent_official text
      )`);
    await q.query(`CREATE INDEX appeals_owner_idx ON appeals (owner_user_id, registered_at DESC, id DESC) WHERE owner_user_id IS NOT NULL`);

    // What changes while a case is handled, kept narrow on purpose: a calendar change rewrites the
    // deadlines of up to millions of open appeals, and every action is a compare-and-set on
    // \`version\`. It also holds the head of the appeal's audit hash chain.
    await q.query(`
      CREATE TABLE appeal_state (
        appeal_id uuid PRIMARY KEY REFERENCES appeals(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        status text NOT NULL CHECK (status IN ('registered', 'in_review', 'referred', 'answered', 'left_without_consideration')),
        closure_ground text,
        version integer NOT NULL DEFAULT 1,
        -- Day 0 of the review term: the receipt date, or the receiving agency's receipt after a referral (Art. 7.10).
        review_term_from date NOT NULL,
        review_term_working_days integer,
        -- Art. 10.2: at most 30 working days, once, counted from the end of the current term.
        extension_working_days integer NOT NULL DEFAULT 0 CHECK (extension_working_days BETWEEN 0 AND 30),
        referral_due_date date,
        review_due_date date NOT NULL,
        review_due_at timestamptz NOT NULL,
        deadlines_provisional boolean NOT NULL DEFAULT false,
        calendar_version integer NOT NULL,
        last_event_seq integer NOT NULL,
        last_event_hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Officials' lists: an agency's appeals by nearest deadline. Deliberately the only index on the
    // deadline columns: each one more is rewritten for every appeal a calendar change moves.
    await q.query(`CREATE INDEX appeal_state_agency_due_idx ON appeal_state (agency_id, review_due_at, appeal_id)`);

    await q.query(`
      CREATE TABLE appeal_parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        appeal_id uuid NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('applicant', 'co_applicant', 'representative')),
        position smallint NOT NULL,
        kind text CHECK (kind IN ('natural', 'legal')),
        full_name text,
        organisation_name text,
        address text,
        email text,
        phone text,
        authority_document text,
        UNIQUE (appeal_id, role, position)
      )`);

    await q.query(`
      CREATE TABLE appeal_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        appeal_id uuid NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX appeal_attachments_appeal_idx ON appeal_attachments (appeal_id)`);

    // The audit trail is append-only and hash-chained per appeal: each event carries the SHA-256
    // of the previous one, so a quiet rewrite breaks the chain.
    await q.query(`
      CREATE TABLE appeal_events (
        -- No foreign key: every insert goes with the update of the chain head in appeal_state
        -- (which has one), and bulk recomputation should not pay a check per event.
        appeal_id uuid NOT NULL,
        seq integer NOT NULL,
        type text NOT NULL,
        actor_id uuid,
        actor_role text,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text,
        hash text NOT NULL,
        PRIMARY KEY (appeal_id, seq)
      )`);
    // The hash of an event: SHA-256 over the previous hash and the event's fields as PostgreSQL
    // renders them, so set-wise SQL (calendar recomputation) and single inserts chain alike.
    // STABLE (like concat_ws and to_char inside it), which lets the planner inline it.
    await q.query(`
      CREATE FUNCTION appeal_event_hash(prev_hash text, appeal_id uuid, seq integer, type text, actor_id uuid,
                                        actor_role text, occurred_at timestamptz, data jsonb)
      RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT encode(sha256(convert_to(concat_ws(E'\\n', coalesce(prev_hash, ''), appeal_id::text, seq::text, type,
          coalesce(actor_id::text, ''), coalesce(actor_role, ''),
          to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), data::text), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`);

    // Side effects leave through here after commit (STYLE.md "E-mail"); the unique key makes a
    // second write of the same effect impossible.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL CHECK (status IN ('official', 'provisional')),
        decision_ref text,
        non_working_days jsonb NOT NULL,
        working_weekend_days jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    // The working-day calendar mirrored for set-wise SQL: ordinal = working days from the range
    // start up to and including the day, so "N working days after d" is the working day whose
    // ordinal is ordinal(d) + N. Rebuilt from the engine whenever the calendar data changes.
    await q.query(`
      CREATE TABLE calendar_days (
        day date PRIMARY KEY,
        ordinal integer NOT NULL,
        is_working boolean NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_days_working_ordinal_idx ON calendar_days (ordinal) INCLUDE (day) WHERE is_working`);
    await q.query(`CREATE TABLE calendar_mirror (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL)`);
    // appeals-rules.md 7: the N-th working day after d (d itself is day 0), set-wise in SQL.
    await q.query(`
      CREATE FUNCTION add_working_days(d date, n integer) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT w.day FROM calendar_days w
        WHERE w.is_working AND w.ordinal = (SELECT c.ordinal FROM calendar_days c WHERE c.day = d) + n
      $$`);
    // Each change of calendar data is one row; the calendar version is the highest id.
    await q.query(`
      CREATE TABLE calendar_changes (
        version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        year integer NOT NULL,
        changed_by uuid REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL,
        before jsonb,
        after jsonb NOT NULL,
        -- The recomputation of open appeals this change needs; durable, so a crash resumes it.
        recompute jsonb,
        recomputed_at timestamptz,
        moved_appeals integer
      )`);
    await q.query(`CREATE INDEX calendar_changes_pending_idx ON calendar_changes (version) WHERE recompute IS NOT NULL AND recomputed_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'calendar_changes',
      'calendar_mirror',
      'calendar_days',
      'calendar_years',
      'idempotency_keys',
      'outbox',
      'appeal_events',
      'appeal_attachments',
      'appeal_parties',
      'appeal_state',
      'appeals',
      'users',
      'agencies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS forbid_change()`);
    await q.query(`DROP FUNCTION IF EXISTS add_working_days(date, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS appeal_event_hash(text, uuid, integer, text, uuid, text, timestamptz, jsonb)`);
  }
}
