import { INestApplicationContext } from '@nestjs/common';
import { AlertsRepository } from '../../src/alerts/alerts.repository';
import { Db } from '../../src/platform/database/db';
import { vacuumAnalyze } from './database';

/**
 * Open appeals at MTAX written straight with SQL (appeal, first audit event, state with deadlines
 * from the SQL calendar mirror), 100,000 per statement; with `applicantEmails`, an applicant with an e-mail each. `receivedOn` is a SQL expression over `g`,
 * the appeal's 1-based number, and may use `$3` onwards from `params`.
 */
export async function seedOpenAppeals(
  db: Db,
  databaseUrl: string,
  count: number,
  options: { status: 'registered' | 'in_review'; receivedOn: string; params?: readonly unknown[]; applicantEmails?: boolean },
): Promise<void> {
  await db.query(`INSERT INTO users (email, password_hash, full_name, role) VALUES ('bench-citizen@bench.local', 'x', 'Bench', 'citizen')
                  ON CONFLICT DO NOTHING`);
  const batch = 100_000;
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await db.query(
      `WITH agency AS (SELECT id FROM agencies WHERE code = 'MTAX'),
            citizen AS (SELECT id FROM users WHERE email = 'bench-citizen@bench.local'),
            rows AS (SELECT gen_random_uuid() AS id, g AS n, ${options.receivedOn} AS received_on FROM generate_series($1::int, $2::int) g),
            appeal AS (
              INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on,
                registered_at, owner_user_id, registered_by, agency_id)
              SELECT r.id, 'B-2026-' || lpad(r.n::text, 7, '0'), 'complaint', 'Bench', 'Bench appeal text', 'portal',
                'standard', r.received_on, r.received_on + time '10:00', citizen.id, citizen.id, agency.id
              FROM rows r, citizen, agency
              RETURNING id, registered_by, registered_at, received_on),
            event AS (
              INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
              SELECT a.id, 1, 'registered', a.registered_by, 'citizen', a.registered_at, '{}'::jsonb, NULL,
                     appeal_event_hash(NULL, a.id, 1, 'registered', a.registered_by, 'citizen', a.registered_at, '{}'::jsonb)
              FROM appeal a
              RETURNING appeal_id, hash)
       INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, referral_due_date,
         review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash)
       SELECT a.id, agency.id, '${options.status}', a.received_on, 15, add_working_days(a.received_on, 3),
              add_working_days(a.received_on, 15), (add_working_days(a.received_on, 15) + time '23:59:59') AT TIME ZONE 'Asia/Baku',
              1, 1, e.hash
       FROM appeal a JOIN event e ON e.appeal_id = a.id, agency`,
      [offset + 1, offset + size, ...(options.params ?? [])],
    );
  }
  if (options.applicantEmails) {
    // Each appeal's applicant with an e-mail, as portal appeals have: notices are written for them.
    await db.query(
      `INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, email)
       SELECT id, 'applicant', 0, 'natural', 'Bench applicant', 'applicant-' || registration_number || '@bench.local'
       FROM appeals WHERE registration_number LIKE 'B-2026-%'`,
    );
  }
  await vacuumAnalyze(databaseUrl, ['appeals', 'appeal_state', 'appeal_events', 'appeal_parties']);
}

/**
 * Plans the timers of bulk-seeded appeals, as the scheduler does after any bulk change, until none
 * is left; returns how many appeals and how long it took.
 */
export async function planDeferredTimers(app: INestApplicationContext): Promise<{ appeals: number; seconds: number }> {
  const repository = app.get(AlertsRepository);
  const started = process.hrtime.bigint();
  let appeals = 0;
  for (let n = -1; n !== 0; appeals += n) n = await repository.replanDeferred(5_000);
  return { appeals, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
