import { namedQuery } from '../../platform/database/named-query';

/**
 * The statements of AppealStatisticsRepository (appeals-rules.md 18: agencies keep counts of
 * appeals by type, channel and outcome), with named parameters. The SQL PostgreSQL receives is
 * committed beside this file as appeal-statistics.repository.sql (`npm run db:queries`).
 */

interface CountsParams {
  /** First and last day (YYYY-MM-DD, Baku dates) of the months asked for. */
  from: string;
  to: string;
  /** null = every agency. */
  agencyIds: readonly string[] | null;
}

/**
 * Appeals received in each month (the receipt date is a Baku date), by the agency that holds the
 * case, its type and its channel, with the outcome each has now. "Open" is the working status set
 * of case-rules.ts (registered, in review); the other outcomes are the closed and referred statuses.
 */
export const COUNTS = namedQuery<CountsParams>(
  'AppealStatisticsRepository.counts',
  'appeal-statistics-counts',
  `SELECT to_char(a.received_on, 'YYYY-MM') AS month, s.agency_id AS "agencyId", a.type, a.channel,
          count(*)::int AS received,
          count(*) FILTER (WHERE s.status = 'answered')::int AS answered,
          count(*) FILTER (WHERE s.status = 'referred')::int AS referred,
          count(*) FILTER (WHERE s.status = 'left_without_consideration')::int AS "leftWithoutConsideration",
          count(*) FILTER (WHERE s.status = ANY (appeal_working_statuses()))::int AS open
   FROM appeals a
   JOIN appeal_state s ON s.appeal_id = a.id
   WHERE a.received_on BETWEEN :from::date AND :to::date
     AND (:agencyIds::uuid[] IS NULL OR s.agency_id = ANY (:agencyIds::uuid[]))
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4`,
);

/** Every statement of this module, in the order of appeal-statistics.repository.sql. */
export const QUERIES = [COUNTS];
