import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { withOwnerConnection } from './owner-db';
import { TestApp } from './test-app';

/**
 * Hand-built appeals for the statistics and dashboard suites: cases written straight into the case
 * tables as case handling leaves them (one transaction each, so the evaluation's triggers run at
 * COMMIT), in agencies of the suite's own, so the figures can be computed by hand.
 */
export interface SeedCase {
  readonly agency: string;
  readonly receivedOn: string;
  readonly type: 'proposal' | 'application' | 'complaint';
  readonly channel: 'portal' | 'email' | 'post' | 'fax' | 'in_person' | 'reception' | 'phone';
  readonly status: 'registered' | 'in_review' | 'answered' | 'left_without_consideration' | 'referred';
  /** The review deadline (YYYY-MM-DD); due at its last second, Baku time. */
  readonly dueDate: string;
  readonly closedOn?: string;
  readonly closureGround?: 'form_defect' | 'withdrawn';
  readonly parent?: string;
}

export async function seedAgencies(t: TestApp, admin: { Authorization: string }, prefix: string, names: readonly string[]) {
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const parent = (
    await t.http
      .post('/api/v1/agencies')
      .set(admin)
      .send({ code: `${prefix}-P-${tag}`, name: `${prefix} Nazirlik ${tag}` })
      .expect(201)
  ).body as { id: string; code: string };
  const children: Array<{ id: string; code: string; name: string }> = [];
  for (const name of names) {
    const code = `${prefix}-${name.slice(0, 1).toUpperCase()}-${tag}`;
    const created = (
      await t.http
        .post('/api/v1/agencies')
        .set(admin)
        .send({ code, name: `${name} ${tag}`, parentId: parent.id })
        .expect(201)
    ).body as { id: string; code: string; name: string };
    children.push(created);
  }
  return { parent, children };
}

export async function insertCase(db: Client, registeredBy: string, c: SeedCase): Promise<string> {
  const id = randomUUID();
  const closedAt = c.closedOn ? `${c.closedOn}T10:00:00+04:00` : null;
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on, registered_at, registered_by,
                          parent_appeal_id, link_kind, agency_id)
     VALUES ($1::uuid, 'S-' || $1::text, $2, 'Mövzu', 'Mətn', $3, 'standard', $4, $5, $6, $7, $8, $9)`,
    [
      id,
      c.type,
      c.channel,
      c.receivedOn,
      `${c.receivedOn}T09:00:00+04:00`,
      registeredBy,
      c.parent ?? null,
      c.parent ? 'referral' : null,
      c.agency,
    ],
  );
  await db.query(
    `INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, extension_working_days,
                               review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash, closed_at, closure_ground)
     VALUES ($1, $2, $3, $4, 15, 0, $5, ($5::date + 1)::timestamp AT TIME ZONE 'Asia/Baku' - interval '1 second', 1, 1, $8, $6, $7)`,
    [
      id,
      c.agency,
      c.status,
      c.receivedOn,
      c.dueDate,
      closedAt,
      c.closureGround ?? null,
      await registeredEvent(db, id, registeredBy, c.receivedOn),
    ],
  );
  if (c.status === 'answered') {
    await db.query(
      `INSERT INTO appeal_answers (appeal_id, text, decided_by, decided_by_name, decided_by_position, delivery, dispatched_at, dispatched_on)
       VALUES ($1, 'Cavab', $2, 'Test', 'İcraçı', 'post', $3, ($3::timestamptz AT TIME ZONE 'Asia/Baku')::date)`,
      [id, registeredBy, closedAt],
    );
  }
  await db.query('COMMIT');
  return id;
}

/**
 * The case's first audit event with its real hash, so the chain head in appeal_state matches it:
 * suites sharing the database (backup-restore) verify every chain, hand-built cases included.
 */
async function registeredEvent(db: Client, id: string, registeredBy: string, receivedOn: string): Promise<string> {
  const { rows } = await db.query<{ hash: string }>(
    `INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
     SELECT $1::uuid, 1, 'registered', $2::uuid, 'registrar', at, '{}'::jsonb, NULL,
            appeal_event_hash(NULL, $1::uuid, 1, 'registered', $2::uuid, 'registrar', at, '{}'::jsonb)
     FROM (SELECT ($3::date + time '09:00') AT TIME ZONE 'Asia/Baku' AS at) t
     RETURNING hash`,
    [id, registeredBy, receivedOn],
  );
  return rows[0].hash;
}

/** Art. 7.10: a referral from one agency's case to another's, sent on `referredOn`. */
export async function insertReferral(
  db: Client,
  registeredBy: string,
  r: { from: { id: string; agency: string }; to: { id: string; agency: string }; receivedOn: string; referredOn: string; onTime: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO appeal_referrals (appeal_id, to_appeal_id, kind, from_agency_id, to_agency_id, received_on, due_date, referred_on, on_time,
                                   referred_by, referred_at)
     VALUES ($1, $2, 'referral', $3, $4, $5, $5::date + 3, $6, $7, $8, $6::date + time '11:00')`,
    [r.from.id, r.to.id, r.from.agency, r.to.agency, r.receivedOn, r.referredOn, r.onTime, registeredBy],
  );
}

/**
 * The statistics suites' cases (clock: 15 June 2026, Baku). Agency A:
 * - January: a1 complaint/portal answered on time (due 2 Feb), a2 application/post answered late
 *   (due 10 Feb, answered 12 Feb), a3 proposal/email referred to B on 23 Jan, within the term;
 * - February: a4 complaint/reception left without consideration on time (due 24 Feb), a5
 *   complaint/portal in review, due 9 March (late by June), a6 application/phone registered, due
 *   30 June (pending).
 * Agency B: b1 the referred proposal/email, answered on time (due 13 Feb); b2 complaint/post received
 * 5 Feb, answered late (due 26 Feb, answered 2 March).
 */
export async function seedStatisticsCases(registeredBy: string, a: string, b: string): Promise<void> {
  await withOwnerConnection(async (db) => {
    await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-01-12',
      type: 'complaint',
      channel: 'portal',
      status: 'answered',
      dueDate: '2026-02-02',
      closedOn: '2026-01-28',
    });
    await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-01-20',
      type: 'application',
      channel: 'post',
      status: 'answered',
      dueDate: '2026-02-10',
      closedOn: '2026-02-12',
    });
    const a3 = await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-01-22',
      type: 'proposal',
      channel: 'email',
      status: 'referred',
      dueDate: '2026-02-12',
      closedOn: '2026-01-23',
    });
    await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-02-03',
      type: 'complaint',
      channel: 'reception',
      status: 'left_without_consideration',
      closureGround: 'form_defect',
      dueDate: '2026-02-24',
      closedOn: '2026-02-10',
    });
    await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-02-16',
      type: 'complaint',
      channel: 'portal',
      status: 'in_review',
      dueDate: '2026-03-09',
    });
    await insertCase(db, registeredBy, {
      agency: a,
      receivedOn: '2026-02-20',
      type: 'application',
      channel: 'phone',
      status: 'registered',
      dueDate: '2026-06-30',
    });
    const b1 = await insertCase(db, registeredBy, {
      agency: b,
      receivedOn: '2026-01-23',
      type: 'proposal',
      channel: 'email',
      status: 'answered',
      dueDate: '2026-02-13',
      closedOn: '2026-02-05',
      parent: a3,
    });
    await insertReferral(db, registeredBy, {
      from: { id: a3, agency: a },
      to: { id: b1, agency: b },
      receivedOn: '2026-01-22',
      referredOn: '2026-01-23',
      onTime: true,
    });
    await insertCase(db, registeredBy, {
      agency: b,
      receivedOn: '2026-02-05',
      type: 'complaint',
      channel: 'post',
      status: 'answered',
      dueDate: '2026-02-26',
      closedOn: '2026-03-02',
    });
  });
}
