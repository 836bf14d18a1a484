CREATE OR REPLACE FUNCTION public.evaluation_apply_counts(facts evaluation_case_facts[], sign integer)
 RETURNS void
 LANGUAGE sql
AS $function$
        INSERT INTO evaluation_counts AS c (grain, bucket, agency_id, kind, value, n)
        SELECT g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE date_trunc('month', x.day)::date END,
               x.agency_id, x.kind, x.value, sign * sum(x.n)::integer
        FROM (
          SELECT f.agency_id, f.due_date AS day, 1::smallint AS kind,
                 (f.on_time::int | (f.extended::int << 1)) AS value, 1 AS n
          FROM unnest(facts) f WHERE f.status = ANY (appeal_closed_statuses())
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
      $function$;
