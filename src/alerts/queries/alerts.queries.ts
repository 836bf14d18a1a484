import { namedQuery } from '../../platform/database/named-query';
import { ALERT_MAIL_TEMPLATE, DIGEST_MAIL_TEMPLATE } from '../domain/alert-mail';

/**
 * The large statements of AlertsRepository, with named parameters. The SQL PostgreSQL receives is
 * committed beside this file as alerts.repository.sql (generated: `npm run db:queries`).
 */

/**
 * Fires a batch of timers in one statement: each timer still of the job's generation, due, and
 * not fired yet is locked, marked fired and gets its alert (unique per timer and generation); each
 * recipient gets one mail in the outbox listing their new alerts of the batch (AlertsRepository.fireBatch).
 */
export const FIRE_BATCH = namedQuery<{ timerIds: string[]; generations: number[]; now: Date; mailTopic: string }>(
  'AlertsRepository.fireBatch',
  'timers-fire',
  `WITH job AS (SELECT * FROM unnest(:timerIds::bigint[], :generations::int[]) AS j(id, generation)),
   locked AS (
     SELECT t.id, t.generation, t.appeal_id, t.kind, t.days_before, t.due_at,
            EXISTS (SELECT 1 FROM deadline_timer_replans r WHERE r.appeal_id = t.appeal_id) AS held
     FROM deadline_timers t JOIN job ON job.id = t.id AND job.generation = t.generation
     WHERE t.state <> 'fired' AND t.fire_at <= :now
     ORDER BY t.id
     -- Waits, never skips: the holder may be the claim that enqueued this very job and has not
     -- committed yet, or a worker that dies and rolls back. Once the lock is free the row is
     -- read again, and a timer another worker fired meanwhile is left out.
     FOR UPDATE OF t),
   -- A bulk change is about to re-plan these appeals: back to pending, claimed again after it.
   held AS (UPDATE deadline_timers t SET state = 'pending' WHERE t.id = ANY(ARRAY(SELECT id FROM locked WHERE held))),
   due AS (SELECT * FROM locked WHERE NOT held),
   fired AS (UPDATE deadline_timers t SET state = 'fired', fired_at = :now WHERE t.id = ANY(ARRAY(SELECT id FROM due)) RETURNING t.id),
   -- Art. 7.10: the last day to refer is worth an alert only while a referral is still possible:
   -- a timer the scheduler reaches after that day (or after the case was taken) fires silently.
   alerted AS (
     INSERT INTO alerts (timer_id, generation, appeal_id, agency_id, kind, days_before, due_at, created_at)
     SELECT due.id, due.generation, due.appeal_id, s.agency_id, due.kind, due.days_before, due.due_at, :now
     FROM due JOIN appeal_state s ON s.appeal_id = due.appeal_id
     WHERE due.kind <> 'referral_due' OR (s.status = 'registered' AND due.due_at >= :now)
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
     SELECT :mailTopic, 'mail:${ALERT_MAIL_TEMPLATE}:' || min(r.id) || ':' || r.user_id,
            jsonb_build_object('template', '${ALERT_MAIL_TEMPLATE}', 'to', u.email, 'alertIds', jsonb_agg(r.id::text ORDER BY r.id))
     -- A deactivated account (a departed official, issue 13) is mailed nothing; its alerts stay on record.
     FROM recipients r JOIN users u ON u.id = r.user_id AND u.active
     GROUP BY r.user_id, u.email
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id::text, topic)
   SELECT (SELECT count(*)::int FROM fired) AS fired, coalesce((SELECT jsonb_agg(m) FROM mails m), '[]'::jsonb) AS outbox`,
);

/**
 * The daily digest of one Baku day: per supervisor, the open appeals of the agencies they oversee
 * due today, due within the next working days up to `soonDate`, and overdue at `now`.
 */
export const WRITE_DIGESTS = namedQuery<{ day: string; soonDate: string; now: Date; mailTopic: string }>(
  'AlertsRepository.writeDigests',
  'alerts-digests',
  `WITH RECURSIVE closure(ancestor, descendant) AS (
     SELECT id, id FROM agencies
     UNION ALL
     SELECT c.ancestor, g.id FROM closure c JOIN agencies g ON g.parent_id = c.descendant),
   -- Split by the official a complaint names: their own digest never counts it (AOC 594-1.1.2).
   per_agency AS (
     SELECT s.agency_id, a.respondent_official_id,
            count(*) FILTER (WHERE s.review_due_date = :day::date AND s.review_due_at >= :now) AS due_today,
            count(*) FILTER (WHERE s.review_due_date > :day::date) AS due_soon,
            count(*) FILTER (WHERE s.review_due_at < :now) AS overdue
     FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
     WHERE s.status = ANY (appeal_working_statuses()) AND s.review_due_date <= :soonDate::date
     GROUP BY s.agency_id, a.respondent_official_id),
   per_supervisor AS (
     SELECT u.id, u.email, sum(p.due_today)::int AS due_today, sum(p.due_soon)::int AS due_soon, sum(p.overdue)::int AS overdue
     FROM users u JOIN closure c ON c.ancestor = u.agency_id JOIN per_agency p ON p.agency_id = c.descendant
     WHERE u.role = 'supervisor' AND u.active AND p.respondent_official_id IS DISTINCT FROM u.id
     GROUP BY u.id, u.email)
   INSERT INTO outbox (topic, dedupe_key, payload)
   SELECT :mailTopic, 'mail:${DIGEST_MAIL_TEMPLATE}:' || :day || ':' || p.id,
          jsonb_build_object('template', '${DIGEST_MAIL_TEMPLATE}', 'to', p.email, 'day', :day::text,
                             'dueToday', p.due_today, 'dueSoon', p.due_soon, 'overdue', p.overdue)
   FROM per_supervisor p WHERE p.due_today + p.due_soon + p.overdue > 0
   ON CONFLICT (dedupe_key) DO NOTHING
   RETURNING id::text, topic`,
);

/** Every statement of this module, in the order of alerts.repository.sql. */
export const QUERIES = [FIRE_BATCH, WRITE_DIGESTS];
