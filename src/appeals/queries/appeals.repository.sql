-- NOTE: generated from the query module beside this file; do not edit.
-- Regenerate: npm run db:queries

-- AppealsRepository.insert (appeal-intake)
--   $1 = :id
--   $2 = :registrationYear
--   $3 = :sequence
--   $4 = :type
--   $5 = :subject
--   $6 = :text
--   $7 = :channel
--   $8 = :regime
--   $9 = :confidential
--   $10 = :anonymous
--   $11 = :collective
--   $12 = :receivedOn
--   $13 = :registeredAt
--   $14 = :ownerUserId
--   $15 = :registeredBy
--   $16 = :respondentAgencyId
--   $17 = :respondentOfficial
--   $18 = :parentAppealId
--   $19 = :linkKind
--   $20 = :agencyId
--   $21 = :eServiceId
--   $22 = :answerChannel
--   $23 = :respondentOfficialId
--   $24 = :parties
--   $25 = :eventData
--   $26 = :actorRole
--   $27 = :status
--   $28 = :closureGround
--   $29 = :reviewTermFrom
--   $30 = :reviewTermWorkingDays
--   $31 = :referralDueDate
--   $32 = :reviewDueDate
--   $33 = :reviewDueAt
--   $34 = :deadlinesProvisional
--   $35 = :calendarVersion
--   $36 = :confirmation
WITH a AS (
   INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous,
     collective, received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official,
     parent_appeal_id, link_kind, agency_id, e_service_id, answer_channel, respondent_official_id, applicant_key)
   VALUES ($1, format('M-%s-%s', $2::int, lpad(nextval($3::regclass)::text, 7, '0')), $4, $5, $6,
     $7, $8, $9, $10, $11, $12, $13, $14, $15,
     $16, $17, $18, $19, $20, $21, $22, $23,
     CASE WHEN NOT $10 THEN applicant_key($24::jsonb->0->>'email', $14, $24::jsonb->0->>'fullName',
       $24::jsonb->0->>'organisationName', $24::jsonb->0->>'address') END)
   RETURNING *),
 ev AS (
   SELECT a.id, $25::jsonb || jsonb_build_object('registrationNumber', a.registration_number) AS data FROM a),
 e AS (
   INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
   SELECT ev.id, 1, 'registered', $15, $26, $13, ev.data, NULL,
          appeal_event_hash(NULL, ev.id, 1, 'registered', $15, $26, $13, ev.data)
   FROM ev
   RETURNING hash),
 s AS (
   -- updated_at is the app's clock of the change: the timers' planning reads it (stages already past are skipped).
   INSERT INTO appeal_state (appeal_id, agency_id, status, closure_ground, review_term_from, review_term_working_days,
     referral_due_date, review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash,
     closed_at, regime, updated_at)
   SELECT $1, $20, $27, $28, $29, $30, $31, $32,
          $33, $34, $35, 1, e.hash,
          CASE WHEN $27::text = 'registered' THEN NULL ELSE $13::timestamptz END, $8, $13 FROM e
   RETURNING *),
 p AS (
   INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
   SELECT $1, p.role, p.position, p.kind, p."fullName", p."organisationName", p.address, p.email, p.phone, p."authorityDocument"
   FROM jsonb_to_recordset($24::jsonb) AS p(role text, position smallint, kind text, "fullName" text,
     "organisationName" text, address text, email text, phone text, "authorityDocument" text)),
 -- Decree No. 429 para 2.3: the confirmation notice leaves through the outbox, in this same statement.
 -- To the applicant and the representative, each address once (appeals-rules.md 1, 6).
 o AS (
   INSERT INTO outbox (topic, dedupe_key, payload, correlation_id, traceparent)
   SELECT c.topic, appeal_mail_dedupe_key(c.template, a.id, NULL, r.suffix),
          jsonb_build_object('template', c.template, 'to', r.to, 'appealId', a.id), c."correlationId", c.traceparent
   FROM a, jsonb_to_record($36::jsonb) AS c(topic text, template text, recipients jsonb, "correlationId" text, traceparent text),
        jsonb_to_recordset(c.recipients) AS r("to" text, suffix text)
   WHERE $36::jsonb IS NOT NULL
   ON CONFLICT (dedupe_key) DO NOTHING
   RETURNING id::text, topic)
 SELECT
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
a.e_service_id AS "eServiceId", s.merged_into AS "mergedInto", s.version, coalesce((SELECT jsonb_agg(o) FROM o), '[]'::jsonb) AS outbox
 FROM a JOIN s ON s.appeal_id = a.id;

-- AppealsRepository.insertLinkedCase (appeal-linked-case)
--   $1 = :parentId
--   $2 = :id
--   $3 = :registrationYear
--   $4 = :sequence
--   $5 = :regime
--   $6 = :receivedOn
--   $7 = :registeredAt
--   $8 = :actorId
--   $9 = :linkKind
--   $10 = :agencyId
--   $11 = :eventData
--   $12 = :actorRole
--   $13 = :reviewTermWorkingDays
--   $14 = :referralDueDate
--   $15 = :reviewDueDate
--   $16 = :reviewDueAt
--   $17 = :provisional
--   $18 = :calendarVersion
WITH src AS (SELECT * FROM appeals WHERE id = $1),
 a AS (
   INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous, collective,
     received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official,
     parent_appeal_id, link_kind, agency_id, e_service_id, answer_channel, respondent_official_id, applicant_key)
   SELECT $2, format('M-%s-%s', $3::int, lpad(nextval($4::regclass)::text, 7, '0')), type, subject, body, channel, $5,
     confidential, anonymous, collective, $6::date, $7::timestamptz, owner_user_id, $8::uuid, respondent_agency_id,
     respondent_official, src.id, $9, $10, e_service_id, answer_channel, respondent_official_id, applicant_key
   FROM src
   RETURNING *),
 ev AS (SELECT a.id, $11::jsonb || jsonb_build_object('registrationNumber', a.registration_number) AS data FROM a),
 e AS (
   INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
   SELECT ev.id, 1, 'registered', $8::uuid, $12, $7::timestamptz, ev.data, NULL,
          appeal_event_hash(NULL, ev.id, 1, 'registered', $8::uuid, $12, $7::timestamptz, ev.data)
   FROM ev
   RETURNING hash),
 s AS (
   INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, referral_due_date,
     review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash, regime, updated_at)
   SELECT $2, $10, 'registered', $6::date, $13, $14, $15, $16,
          $17, $18, 1, e.hash, $5, $7::timestamptz FROM e
   RETURNING *),
 p AS (
   INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
   SELECT $2, role, position, kind, full_name, organisation_name, address, email, phone, authority_document
   FROM appeal_parties WHERE appeal_id = $1 AND EXISTS (SELECT 1 FROM a)),
 f AS (
   INSERT INTO appeal_attachments (appeal_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
   SELECT $2, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at
   FROM appeal_attachments WHERE appeal_id = $1 AND EXISTS (SELECT 1 FROM a))
 SELECT
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
a.e_service_id AS "eServiceId", s.merged_into AS "mergedInto", s.version FROM a JOIN s ON s.appeal_id = a.id;
