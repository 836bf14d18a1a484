-- NOTE: generated from the query module beside this file; do not edit.
-- Regenerate: npm run db:queries

-- AlertsRepository.fireBatch (timers-fire)
--   $1 = :timerIds
--   $2 = :generations
--   $3 = :now
--   $4 = :mailTopic
WITH job AS (SELECT * FROM unnest($1::bigint[], $2::int[]) AS j(id, generation)),
locked AS (
  SELECT t.id, t.generation, t.appeal_id, t.kind, t.days_before, t.due_at,
         EXISTS (SELECT 1 FROM deadline_timer_replans r WHERE r.appeal_id = t.appeal_id) AS held
  FROM deadline_timers t JOIN job ON job.id = t.id AND job.generation = t.generation
  WHERE t.state <> 'fired' AND t.fire_at <= $3
  ORDER BY t.id
  -- Waits, never skips: the holder may be the claim that enqueued this very job and has not
  -- committed yet, or a worker that dies and rolls back. Once the lock is free the row is
  -- read again, and a timer another worker fired meanwhile is left out.
  FOR UPDATE OF t),
-- A bulk change is about to re-plan these appeals: back to pending, claimed again after it.
held AS (UPDATE deadline_timers t SET state = 'pending' WHERE t.id = ANY(ARRAY(SELECT id FROM locked WHERE held))),
due AS (SELECT * FROM locked WHERE NOT held),
fired AS (UPDATE deadline_timers t SET state = 'fired', fired_at = $3 WHERE t.id = ANY(ARRAY(SELECT id FROM due)) RETURNING t.id),
-- Art. 7.10: the last day to refer is worth an alert only while a referral is still possible:
-- a timer the scheduler reaches after that day (or after the case was taken) fires silently.
alerted AS (
  INSERT INTO alerts (timer_id, generation, appeal_id, agency_id, kind, days_before, due_at, created_at)
  SELECT due.id, due.generation, due.appeal_id, s.agency_id, due.kind, due.days_before, due.due_at, $3
  FROM due JOIN appeal_state s ON s.appeal_id = due.appeal_id
  WHERE due.kind <> 'referral_due' OR (s.status = 'registered' AND due.due_at >= $3)
  ON CONFLICT (timer_id, generation) DO NOTHING
  RETURNING id, timer_id, generation, appeal_id, agency_id, kind),
-- AOC 594-1.1.2: the official a complaint is about, and whether they supervise the handling agency.
about AS (
  SELECT al.id, a.respondent_official_id AS user_id, (ro.role = 'supervisor' AND ro.agency_id = al.agency_id) AS head
  FROM alerted al JOIN appeals a ON a.id = al.appeal_id JOIN users ro ON ro.id = a.respondent_official_id),
candidates AS (
  SELECT al.id, al.timer_id, al.generation, s.executor_id AS user_id
  FROM alerted al JOIN appeal_state s ON s.appeal_id = al.appeal_id
  WHERE al.kind <> 'escalation' AND s.executor_id IS NOT NULL
  UNION
  SELECT al.id, al.timer_id, al.generation, u.id
  FROM alerted al JOIN agencies g ON g.id = al.agency_id
  LEFT JOIN about ON about.id = al.id
  JOIN users u ON u.role = 'supervisor'
              AND u.agency_id = CASE WHEN al.kind = 'escalation' OR coalesce(about.head, false) THEN coalesce(g.parent_id, g.id) ELSE g.id END
  UNION
  SELECT al.id, al.timer_id, al.generation, u.id
  FROM alerted al JOIN appeal_controls c ON c.appeal_id = al.appeal_id
  JOIN users u ON u.role = 'supervisor' AND u.agency_id = c.agency_id),
recipients AS (
  SELECT c.* FROM candidates c
  WHERE NOT EXISTS (SELECT 1 FROM about WHERE about.id = c.id AND about.user_id = c.user_id)),
-- One mail per recipient for the alerts of this job: a midnight burst is a message per
-- supervisor listing its cases, not thousands of messages (and of queue jobs). Each alert
-- is new in this transaction, so its id keys the mail it is in: no alert mailed twice.
mails AS (
  INSERT INTO outbox (topic, dedupe_key, payload)
  SELECT $4, 'mail:deadline-alert:' || min(r.id) || ':' || r.user_id,
         jsonb_build_object('template', 'deadline-alert', 'to', u.email, 'alertIds', jsonb_agg(r.id::text ORDER BY r.id))
  -- A deactivated account (a departed official, issue 13) is mailed nothing; its alerts stay on record.
  FROM recipients r JOIN users u ON u.id = r.user_id AND u.active
  GROUP BY r.user_id, u.email
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id::text, topic)
SELECT (SELECT count(*)::int FROM fired) AS fired, coalesce((SELECT jsonb_agg(m) FROM mails m), '[]'::jsonb) AS outbox;

-- AlertsRepository.writeDigests (alerts-digests)
--   $1 = :day
--   $2 = :now
--   $3 = :soonDate
--   $4 = :mailTopic
WITH RECURSIVE closure(ancestor, descendant) AS (
  SELECT id, id FROM agencies
  UNION ALL
  SELECT c.ancestor, g.id FROM closure c JOIN agencies g ON g.parent_id = c.descendant),
-- Split by the official a complaint names: their own digest never counts it (AOC 594-1.1.2).
per_agency AS (
  SELECT s.agency_id, a.respondent_official_id,
         count(*) FILTER (WHERE s.review_due_date = $1::date AND s.review_due_at >= $2) AS due_today,
         count(*) FILTER (WHERE s.review_due_date > $1::date) AS due_soon,
         count(*) FILTER (WHERE s.review_due_at < $2) AS overdue
  FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
  WHERE s.status = ANY (appeal_working_statuses()) AND s.review_due_date <= $3::date
  GROUP BY s.agency_id, a.respondent_official_id),
per_supervisor AS (
  SELECT u.id, u.email, sum(p.due_today)::int AS due_today, sum(p.due_soon)::int AS due_soon, sum(p.overdue)::int AS overdue
  FROM users u JOIN closure c ON c.ancestor = u.agency_id JOIN per_agency p ON p.agency_id = c.descendant
  WHERE u.role = 'supervisor' AND u.active AND p.respondent_official_id IS DISTINCT FROM u.id
  GROUP BY u.id, u.email)
INSERT INTO outbox (topic, dedupe_key, payload)
SELECT $4, 'mail:alert-digest:' || $1 || ':' || p.id,
       jsonb_build_object('template', 'alert-digest', 'to', p.email, 'day', $1::text,
                          'dueToday', p.due_today, 'dueSoon', p.due_soon, 'overdue', p.overdue)
FROM per_supervisor p WHERE p.due_today + p.due_soon + p.overdue > 0
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id::text, topic;
