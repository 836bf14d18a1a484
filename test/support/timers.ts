import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from './actors';
import { TestApp } from './test-app';

/** A Baku wall-clock time (UTC+4) as an instant. */
export const baku = (date: string, time: string): Date => new Date(`${date}T${time}+04:00`);

export interface TimerRow {
  id: string;
  kind: string;
  daysBefore: number;
  fireAt: Date;
  state: string;
  generation: number;
}

/** The deadline timers PostgreSQL planned for one appeal, in fire order. */
export function timersOf(t: TestApp, appealId: string): Promise<TimerRow[]> {
  return t.app.get(Db).query<TimerRow>(
    `SELECT id::text, kind, days_before AS "daysBefore", fire_at AS "fireAt", state, generation
     FROM deadline_timers WHERE appeal_id = $1 ORDER BY fire_at, kind`,
    [appealId],
  );
}

/** A paper appeal recorded by a registrar with a past receipt date (appeals-rules.md 2). */
export async function recordPaperAppeal(
  t: TestApp,
  registrar: TestUser,
  agencyId: string,
  receivedOn: string,
): Promise<{ id: string; registrationNumber: string; version: number; reviewDueDate: string }> {
  const response = await t.http
    .post('/api/v1/appeals')
    .set(registrar.auth)
    .send({
      type: 'complaint',
      agencyId,
      subject: 'Küçə işıqlandırılmır',
      text: 'Yaşadığım küçədə iki aydır işıqlandırma işləmir, müraciətlərimə cavab verilmir.',
      applicant: { kind: 'natural', fullName: 'Məmmədova Aygün Elçin qızı', address: 'Bakı, Nəsimi r., 5' },
      channel: 'post',
      receivedOn,
    })
    .expect(201);
  return response.body as { id: string; registrationNumber: string; version: number; reviewDueDate: string };
}

export async function assign(
  t: TestApp,
  registrar: TestUser,
  appeal: { id: string; version: number },
  executorId: string,
): Promise<{ version: number }> {
  const response = await t.http
    .post(`/api/v1/appeals/${appeal.id}/assignment`)
    .set(registrar.auth)
    .send({ executorId, version: appeal.version })
    .expect(200);
  return response.body as { version: number };
}

/** Removes this run's queue keys, as a FLUSHALL would, without touching other users of the server. */
export async function emptyRedis(t: TestApp): Promise<void> {
  const redis = new IORedis(t.config.redisUrl as string);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type { Actors };

/**
 * A new agency of its own below `parentCode` (so no other test's alerts share it), with the people
 * who handle and oversee its cases.
 */
export async function caseStaff(
  t: TestApp,
  actors: Actors,
  parentCode: string,
): Promise<{ agency: string; agencyCode: string; registrar: TestUser; official: TestUser; supervisor: TestUser }> {
  const agencyCode = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
  const created = await t.http
    .post('/api/v1/agencies')
    .set(await actors.admin())
    .send({ code: agencyCode, name: `Sınaq qurumu ${agencyCode}`, parentId: await new Actors(t).agencyId(parentCode) })
    .expect(201);
  // A fresh Actors: each caches the agency list it first read.
  const actorsWithAgency = new Actors(t);
  return {
    agency: (created.body as { id: string }).id,
    agencyCode,
    registrar: await actorsWithAgency.staff('registrar', agencyCode),
    official: await actorsWithAgency.staff('official', agencyCode),
    supervisor: await actorsWithAgency.staff('supervisor', agencyCode),
  };
}
