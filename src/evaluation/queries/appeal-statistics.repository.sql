-- NOTE: generated from the query module beside this file; do not edit.
-- Regenerate: npm run db:queries

-- AppealStatisticsRepository.counts (appeal-statistics-counts)
--   $1 = :from
--   $2 = :to
--   $3 = :agencyIds
SELECT to_char(a.received_on, 'YYYY-MM') AS month, s.agency_id AS "agencyId", a.type, a.channel,
       count(*)::int AS received,
       count(*) FILTER (WHERE s.status = 'answered')::int AS answered,
       count(*) FILTER (WHERE s.status = 'referred')::int AS referred,
       count(*) FILTER (WHERE s.status = 'left_without_consideration')::int AS "leftWithoutConsideration",
       count(*) FILTER (WHERE s.status = ANY (appeal_working_statuses()))::int AS open
FROM appeals a
JOIN appeal_state s ON s.appeal_id = a.id
WHERE a.received_on BETWEEN $1::date AND $2::date
  AND ($3::uuid[] IS NULL OR s.agency_id = ANY ($3::uuid[]))
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
