import { namedQuery } from '../../platform/database/named-query';

/**
 * The large statements of AppealsRepository, with named parameters. The SQL PostgreSQL receives is
 * committed beside this file as appeals.repository.sql (generated: `npm run db:queries`).
 */

/** The columns of an appeal as AppealRow reads them (appeals `a` joined with appeal_state `s`). */
export const APPEAL_COLUMNS = `
  a.id, a.registration_number AS "registrationNumber", a.type, s.status, s.agency_id AS "agencyId",
  a.subject, a.body AS text, a.channel, s.regime, a.answer_channel AS "answerChannel", a.confidential, a.anonymous, a.collective,
  to_char(a.received_on, 'YYYY-MM-DD') AS "receivedOn", a.registered_at AS "registeredAt",
  to_char(s.review_term_from, 'YYYY-MM-DD') AS "reviewTermFrom", s.extension_working_days AS "extensionWorkingDays",
  a.owner_user_id AS "ownerUserId", a.registered_by AS "registeredBy",
  a.respondent_agency_id AS "respondentAgencyId", a.respondent_official AS "respondentOfficial",
  a.respondent_official_id AS "respondentOfficialId",
  to_char(s.referral_due_date, 'YYYY-MM-DD') AS "referralDueDate",
  to_char(s.review_due_date, 'YYYY-MM-DD') AS "reviewDueDate", s.review_due_at AS "reviewDueAt",
  s.review_term_working_days AS "reviewTermWorkingDays", s.deadlines_provisional AS "deadlinesProvisional",
  s.calendar_version AS "calendarVersion", s.closure_ground AS "closureGround", s.executor_id AS "executorId",
  a.parent_appeal_id AS "parentAppealId", a.link_kind AS "linkKind", a.applicant_key AS "applicantKey", s.closed_at AS "closedAt",
  a.e_service_id AS "eServiceId", s.merged_into AS "mergedInto", s.version`;

export interface IntakeParams {
  id: string;
  type: string;
  status: string;
  agencyId: string;
  subject: string;
  text: string;
  channel: string;
  regime: string;
  confidential: boolean;
  anonymous: boolean;
  collective: boolean;
  receivedOn: string;
  registeredAt: Date;
  ownerUserId: string | null;
  registeredBy: string | null;
  respondentAgencyId: string | null;
  respondentOfficial: string | null;
  respondentOfficialId: string | null;
  parentAppealId: string | null;
  linkKind: string | null;
  eServiceId: string | null;
  answerChannel: string | null;
  referralDueDate: string | null;
  reviewDueDate: string;
  reviewDueAt: string;
  reviewTermFrom: string;
  reviewTermWorkingDays: number | null;
  deadlinesProvisional: boolean;
  calendarVersion: number;
  closureGround: string | null;
  registrationYear: number;
  /** The per-year registration sequence (AppealsRepository.ensureRegistrationSequence). */
  sequence: string;
  actorRole: string;
  /** JSON: the first event's data. */
  eventData: string;
  /** JSON: the parties, in order (appeal_parties' columns). */
  parties: string;
  /** JSON { topic, template, recipients: [{ to, suffix }], correlationId, traceparent }, or null: no confirmation mail. */
  confirmation: string | null;
}

/**
 * Intake in one statement, atomic by itself and one round trip: the registration number, the
 * appeal, its state, its parties, its first audit event (the head of its hash chain) and the
 * confirmation mail's outbox row.
 */
export const INTAKE = namedQuery<IntakeParams>(
  'AppealsRepository.insert',
  'appeal-intake',
  `WITH a AS (
     INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous,
       collective, received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official,
       parent_appeal_id, link_kind, agency_id, e_service_id, answer_channel, respondent_official_id, applicant_key)
     VALUES (:id, format('M-%s-%s', :registrationYear::int, lpad(nextval(:sequence::regclass)::text, 7, '0')), :type, :subject, :text,
       :channel, :regime, :confidential, :anonymous, :collective, :receivedOn, :registeredAt, :ownerUserId, :registeredBy,
       :respondentAgencyId, :respondentOfficial, :parentAppealId, :linkKind, :agencyId, :eServiceId, :answerChannel, :respondentOfficialId,
       CASE WHEN NOT :anonymous THEN applicant_key(:parties::jsonb->0->>'email', :ownerUserId, :parties::jsonb->0->>'fullName',
         :parties::jsonb->0->>'organisationName', :parties::jsonb->0->>'address') END)
     RETURNING *),
   ev AS (
     SELECT a.id, :eventData::jsonb || jsonb_build_object('registrationNumber', a.registration_number) AS data FROM a),
   e AS (
     INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
     SELECT ev.id, 1, 'registered', :registeredBy, :actorRole, :registeredAt, ev.data, NULL,
            appeal_event_hash(NULL, ev.id, 1, 'registered', :registeredBy, :actorRole, :registeredAt, ev.data)
     FROM ev
     RETURNING hash),
   s AS (
     -- updated_at is the app's clock of the change: the timers' planning reads it (stages already past are skipped).
     INSERT INTO appeal_state (appeal_id, agency_id, status, closure_ground, review_term_from, review_term_working_days,
       referral_due_date, review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash,
       closed_at, regime, updated_at)
     SELECT :id, :agencyId, :status, :closureGround, :reviewTermFrom, :reviewTermWorkingDays, :referralDueDate, :reviewDueDate,
            :reviewDueAt, :deadlinesProvisional, :calendarVersion, 1, e.hash,
            CASE WHEN :status::text = 'registered' THEN NULL ELSE :registeredAt::timestamptz END, :regime, :registeredAt FROM e
     RETURNING *),
   p AS (
     INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
     SELECT :id, p.role, p.position, p.kind, p."fullName", p."organisationName", p.address, p.email, p.phone, p."authorityDocument"
     FROM jsonb_to_recordset(:parties::jsonb) AS p(role text, position smallint, kind text, "fullName" text,
       "organisationName" text, address text, email text, phone text, "authorityDocument" text)),
   -- Decree No. 429 para 2.3: the confirmation notice leaves through the outbox, in this same statement.
   -- To the applicant and the representative, each address once (appeals-rules.md 1, 6).
   o AS (
     INSERT INTO outbox (topic, dedupe_key, payload, correlation_id, traceparent)
     SELECT c.topic, appeal_mail_dedupe_key(c.template, a.id, NULL, r.suffix),
            jsonb_build_object('template', c.template, 'to', r.to, 'appealId', a.id), c."correlationId", c.traceparent
     FROM a, jsonb_to_record(:confirmation::jsonb) AS c(topic text, template text, recipients jsonb, "correlationId" text, traceparent text),
          jsonb_to_recordset(c.recipients) AS r("to" text, suffix text)
     WHERE :confirmation::jsonb IS NOT NULL
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id::text, topic)
   SELECT ${APPEAL_COLUMNS}, coalesce((SELECT jsonb_agg(o) FROM o), '[]'::jsonb) AS outbox
   FROM a JOIN s ON s.appeal_id = a.id`,
);

export interface LinkedCaseParams {
  id: string;
  parentId: string;
  registrationYear: number;
  sequence: string;
  receivedOn: string;
  registeredAt: Date;
  actorId: string;
  actorRole: string;
  linkKind: 'referral' | 'copy';
  /** JSON: the first event's data. */
  eventData: string;
  agencyId: string;
  regime: string;
  reviewTermWorkingDays: number | null;
  referralDueDate: string;
  reviewDueDate: string;
  reviewDueAt: string;
  provisional: boolean;
  calendarVersion: number;
}

/**
 * A case made from another one at `agencyId` (Art. 7.10 referral or copy): the registered content,
 * parties and documents carried over, a registration number of its own, its first audit event,
 * and deadlines running from the receiving agency's receipt. One statement.
 */
export const INSERT_LINKED_CASE = namedQuery<LinkedCaseParams>(
  'AppealsRepository.insertLinkedCase',
  'appeal-linked-case',
  `WITH src AS (SELECT * FROM appeals WHERE id = :parentId),
   a AS (
     INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous, collective,
       received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official,
       parent_appeal_id, link_kind, agency_id, e_service_id, answer_channel, respondent_official_id, applicant_key)
     SELECT :id, format('M-%s-%s', :registrationYear::int, lpad(nextval(:sequence::regclass)::text, 7, '0')), type, subject, body, channel, :regime,
       confidential, anonymous, collective, :receivedOn::date, :registeredAt::timestamptz, owner_user_id, :actorId::uuid, respondent_agency_id,
       respondent_official, src.id, :linkKind, :agencyId, e_service_id, answer_channel, respondent_official_id, applicant_key
     FROM src
     RETURNING *),
   ev AS (SELECT a.id, :eventData::jsonb || jsonb_build_object('registrationNumber', a.registration_number) AS data FROM a),
   e AS (
     INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
     SELECT ev.id, 1, 'registered', :actorId::uuid, :actorRole, :registeredAt::timestamptz, ev.data, NULL,
            appeal_event_hash(NULL, ev.id, 1, 'registered', :actorId::uuid, :actorRole, :registeredAt::timestamptz, ev.data)
     FROM ev
     RETURNING hash),
   s AS (
     INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, referral_due_date,
       review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash, regime, updated_at)
     SELECT :id, :agencyId, 'registered', :receivedOn::date, :reviewTermWorkingDays, :referralDueDate, :reviewDueDate, :reviewDueAt,
            :provisional, :calendarVersion, 1, e.hash, :regime, :registeredAt::timestamptz FROM e
     RETURNING *),
   p AS (
     INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
     SELECT :id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document
     FROM appeal_parties WHERE appeal_id = :parentId AND EXISTS (SELECT 1 FROM a)),
   f AS (
     INSERT INTO appeal_attachments (appeal_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
     SELECT :id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at
     FROM appeal_attachments WHERE appeal_id = :parentId AND EXISTS (SELECT 1 FROM a))
   SELECT ${APPEAL_COLUMNS} FROM a JOIN s ON s.appeal_id = a.id`,
);

/** Every statement of this module, in the order of appeals.repository.sql. */
export const QUERIES = [INTAKE, INSERT_LINKED_CASE];
