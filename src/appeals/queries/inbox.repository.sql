-- NOTE: generated from the query module beside this file; do not edit.
-- Regenerate: npm run db:queries

-- InboxRepository.page (forward) (inbox-page-after)
--   $1 = :oneAgencyId
--   $2 = :agencyIds
--   $3 = :status
--   $4 = :type
--   $5 = :channel
--   $6 = :viewerId
--   $7 = :q
--   $8 = :confidentialWordsHidden
--   $9 = :executorId
--   $10 = :unassigned
--   $11 = :overdueAt
--   $12 = :dueTo
--   $13 = :dueFrom
--   $14 = :at
--   $15 = :id
--   $16 = :limit
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
a.e_service_id AS "eServiceId", s.merged_into AS "mergedInto", s.version
   FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
   WHERE CASE WHEN $1::uuid IS NULL THEN s.agency_id = ANY ($2::uuid[]) ELSE s.agency_id = $1::uuid END
     AND CASE WHEN $3::text IS NULL THEN s.status = ANY (appeal_working_statuses()) ELSE s.status = $3::text END
     AND ($4::text IS NULL OR a.type = $4::text)
     AND ($5::text IS NULL OR a.channel = $5::text)
     -- AOC 594-1.1.2: never the complaints about the viewer (appeals_respondent_official_idx).
     AND s.appeal_id NOT IN (SELECT r.id FROM appeals r WHERE r.respondent_official_id = $6::uuid)
     -- appeals-rules.md 16: a confidential text never matches the words of someone who may not read it.
     AND ($7::text IS NULL
          OR (a.search @@ websearch_to_tsquery('simple', $7::text)
              AND a.agency_id = ANY ($2::uuid[])
              AND (NOT a.confidential OR NOT $8::boolean OR s.executor_id = $6::uuid)))
     AND ($9::uuid IS NULL OR s.executor_id = $9::uuid)
     AND (NOT $10::boolean OR s.executor_id IS NULL)
     AND ($11::timestamptz IS NULL OR (s.review_due_at < $11::timestamptz AND s.status = ANY (appeal_working_statuses())))
     AND ($12::date IS NULL OR (s.review_due_date BETWEEN $13::date AND $12::date AND s.status = ANY (appeal_working_statuses())))
     AND ($14::timestamptz IS NULL OR (s.review_due_at, s.appeal_id) > ($14::timestamptz, $15::uuid))
   ORDER BY s.review_due_at, s.appeal_id
   LIMIT $16;

-- InboxRepository.page (backward) (inbox-page-before)
--   $1 = :oneAgencyId
--   $2 = :agencyIds
--   $3 = :status
--   $4 = :type
--   $5 = :channel
--   $6 = :viewerId
--   $7 = :q
--   $8 = :confidentialWordsHidden
--   $9 = :executorId
--   $10 = :unassigned
--   $11 = :overdueAt
--   $12 = :dueTo
--   $13 = :dueFrom
--   $14 = :at
--   $15 = :id
--   $16 = :limit
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
a.e_service_id AS "eServiceId", s.merged_into AS "mergedInto", s.version
   FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
   WHERE CASE WHEN $1::uuid IS NULL THEN s.agency_id = ANY ($2::uuid[]) ELSE s.agency_id = $1::uuid END
     AND CASE WHEN $3::text IS NULL THEN s.status = ANY (appeal_working_statuses()) ELSE s.status = $3::text END
     AND ($4::text IS NULL OR a.type = $4::text)
     AND ($5::text IS NULL OR a.channel = $5::text)
     -- AOC 594-1.1.2: never the complaints about the viewer (appeals_respondent_official_idx).
     AND s.appeal_id NOT IN (SELECT r.id FROM appeals r WHERE r.respondent_official_id = $6::uuid)
     -- appeals-rules.md 16: a confidential text never matches the words of someone who may not read it.
     AND ($7::text IS NULL
          OR (a.search @@ websearch_to_tsquery('simple', $7::text)
              AND a.agency_id = ANY ($2::uuid[])
              AND (NOT a.confidential OR NOT $8::boolean OR s.executor_id = $6::uuid)))
     AND ($9::uuid IS NULL OR s.executor_id = $9::uuid)
     AND (NOT $10::boolean OR s.executor_id IS NULL)
     AND ($11::timestamptz IS NULL OR (s.review_due_at < $11::timestamptz AND s.status = ANY (appeal_working_statuses())))
     AND ($12::date IS NULL OR (s.review_due_date BETWEEN $13::date AND $12::date AND s.status = ANY (appeal_working_statuses())))
     AND (s.review_due_at, s.appeal_id) < ($14::timestamptz, $15::uuid)
   ORDER BY s.review_due_at DESC, s.appeal_id DESC
   LIMIT $16;

-- InboxRepository.counts (inbox-counts)
--   $1 = :viewerId
--   $2 = :now
--   $3 = :today
--   $4 = :weekEnd
--   $5 = :oneAgencyId
--   $6 = :agencyIds
--   $7 = :status
--   $8 = :type
--   $9 = :channel
--   $10 = :q
--   $11 = :confidentialWordsHidden
SELECT count(*)::int AS "all",
       count(*) FILTER (WHERE s.executor_id = $1::uuid)::int AS mine,
       count(*) FILTER (WHERE s.executor_id IS NULL)::int AS unassigned,
       count(*) FILTER (WHERE s.review_due_at < $2::timestamptz AND s.status = ANY (appeal_working_statuses()))::int AS overdue,
       count(*) FILTER (WHERE s.review_due_date BETWEEN $3::date AND $4::date AND s.status = ANY (appeal_working_statuses()))::int AS week
FROM appeals a JOIN appeal_state s ON s.appeal_id = a.id
WHERE CASE WHEN $5::uuid IS NULL THEN s.agency_id = ANY ($6::uuid[]) ELSE s.agency_id = $5::uuid END
  AND CASE WHEN $7::text IS NULL THEN s.status = ANY (appeal_working_statuses()) ELSE s.status = $7::text END
  AND ($8::text IS NULL OR a.type = $8::text)
  AND ($9::text IS NULL OR a.channel = $9::text)
  -- AOC 594-1.1.2: never the complaints about the viewer (appeals_respondent_official_idx).
  AND s.appeal_id NOT IN (SELECT r.id FROM appeals r WHERE r.respondent_official_id = $1::uuid)
  -- appeals-rules.md 16: a confidential text never matches the words of someone who may not read it.
  AND ($10::text IS NULL
       OR (a.search @@ websearch_to_tsquery('simple', $10::text)
           AND a.agency_id = ANY ($6::uuid[])
           AND (NOT a.confidential OR NOT $11::boolean OR s.executor_id = $1::uuid)));
