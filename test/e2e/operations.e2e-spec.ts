import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { FixedClock } from '../../src/platform/clock/clock';
import { readTestEnv } from '../setup/test-env';
import { Actors, TestUser } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { parsePrometheus, sampleValue } from '../support/prometheus';
import { RedisProxy } from '../support/redis-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { caseStaff, until } from '../support/timers';

/**
 * Running it like a state service (issue 16, part A): liveness and readiness, Prometheus metrics
 * behind a token or a port of their own, and the correlation id from a request to the job that
 * sends its mail.
 */
const METRICS_TOKEN = `metrics-${randomUUID()}`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DAY_MS = 86_400_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function portalComplaint(agencyId: string, citizen: TestUser) {
  return {
    type: 'complaint',
    agencyId,
    subject: 'Sənəd verilmir',
    text: 'Üç həftədir arayış verilmir, müraciətimə cavab yoxdur.',
    applicant: { kind: 'natural', fullName: 'Həsənov Rauf Elçin oğlu', address: 'Bakı, Xətai r., 7', email: citizen.email },
  };
}

describe('operations: health, metrics (e2e)', () => {
  const clock = new FixedClock(new Date());
  let t: TestApp;
  let actors: Actors;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    // API role without a worker: the intake's outbox row and job stay where the metrics can see them.
    t = await startTestApp({
      clock,
      env: {
        APP_ROLE: 'api',
        SCHEDULER_ENABLED: 'false',
        METRICS_TOKEN,
        METRICS_PORT: String(metricsPort),
        HOST: '127.0.0.1',
        QUEUE_PREFIX: `${readTestEnv().queuePrefix}_ops${randomUUID().slice(0, 8)}`,
      },
    });
    actors = new Actors(t);
  });

  afterAll(() => t.close());

  const scrape = async () =>
    parsePrometheus((await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text);

  it('answers liveness without asking any dependency, and readiness with migrations, PostgreSQL and Redis', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({
      status: 'ready',
      db: 'up',
      redis: 'up',
      migrations: 'applied',
      pendingMigrations: [],
    });
    // The contract's /health is unchanged (API.md "Health and docs").
    expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('is not ready, naming the migration, while one of this build is not applied', async () => {
    const hidden = 'OutboxCorrelation1764669600000';
    await withOwnerConnection((db) => db.query(`UPDATE migrations SET name = name || '-hidden' WHERE name = $1`, [hidden]));
    try {
      const response = await t.http.get('/health/ready').expect(503);
      expect(response.body).toEqual({ status: 'not_ready', db: 'up', redis: 'up', migrations: 'pending', pendingMigrations: [hidden] });
      // Liveness does not care: restarting the process would not apply a migration.
      await t.http.get('/health/live').expect(200);
    } finally {
      await withOwnerConnection((db) => db.query(`UPDATE migrations SET name = $1 WHERE name = $1 || '-hidden'`, [hidden]));
    }
    await t.http.get('/health/ready').expect(200);
  });

  it('is not ready, naming Redis, while Redis is down; still live', async () => {
    const proxy = await RedisProxy.start();
    const down = await startTestApp({
      env: { REDIS_URL: proxy.url, APP_ROLE: 'api', QUEUE_PREFIX: `${readTestEnv().queuePrefix}_down${randomUUID().slice(0, 8)}` },
    });
    try {
      await down.http.get('/health/ready').expect(200);
      proxy.stop();
      const response = await down.http.get('/health/ready').expect(503);
      expect(response.body).toEqual({ status: 'not_ready', db: 'up', redis: 'down', migrations: 'applied', pendingMigrations: [] });
      await down.http.get('/health/live').expect(200);
    } finally {
      await proxy.resume();
      await down.close();
      proxy.close();
    }
  }, 60_000);

  it('refuses /metrics without the token or with a wrong one', async () => {
    const missing = await t.http.get('/metrics').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    await t.http.get('/metrics').set('Authorization', METRICS_TOKEN).expect(401);
    // A signed-in user's session is not the metrics token, not even an admin's.
    await t.http
      .get('/metrics')
      .set(await actors.admin())
      .expect(401);
  });

  it('moves the request, outbox, queue, timer and overdue metrics after an intake, with no ids or personal data in labels', async () => {
    const { agency, agencyCode } = await caseStaff(t, actors, 'MTAX');
    const citizen = await actors.citizen();
    const before = await scrape();
    const intake = { method: 'POST', route: '/api/v1/appeals', status: '201' };
    const detail = { method: 'GET', route: '/api/v1/appeals/:id', status: '200' };

    const appeal = (await t.http.post('/api/v1/appeals').set(citizen.auth).send(portalComplaint(agency, citizen)).expect(201)).body as {
      id: string;
    };
    await t.http.get(`/api/v1/appeals/${appeal.id}`).set(citizen.auth).expect(200);
    const after = await scrape();

    const count = 'emuraciet_http_request_duration_seconds_count';
    expect(sampleValue(after, count, intake)).toBe(sampleValue(before, count, intake) + 1);
    expect(sampleValue(after, count, detail)).toBe(sampleValue(before, count, detail) + 1);
    expect(sampleValue(after, 'emuraciet_http_request_duration_seconds_bucket', { ...intake, le: '+Inf' })).toBe(
      sampleValue(after, count, intake),
    );
    // The confirmation mail waits: no worker in this process.
    expect(sampleValue(after, 'emuraciet_outbox_pending')).toBeGreaterThanOrEqual(sampleValue(before, 'emuraciet_outbox_pending') + 1);
    expect(sampleValue(after, 'emuraciet_queue_jobs', { queue: 'outbox', state: 'waiting' })).toBe(
      sampleValue(before, 'emuraciet_queue_jobs', { queue: 'outbox', state: 'waiting' }) + 1,
    );
    expect(sampleValue(after, 'emuraciet_queue_jobs', { queue: 'timers', state: 'failed' })).toBe(0);
    expect(sampleValue(after, 'emuraciet_appeals_overdue', { agency: agencyCode })).toBe(0);
    // Process metrics (collectDefaultMetrics).
    expect(sampleValue(after, 'emuraciet_process_resident_memory_bytes')).toBeGreaterThan(0);

    // 60 days on, the 15-working-day term is over: overdue at its agency, its timers due and late,
    // the outbox row old.
    clock.advance(60 * DAY_MS);
    const later = await scrape();
    expect(sampleValue(later, 'emuraciet_appeals_overdue', { agency: agencyCode })).toBe(1);
    expect(sampleValue(later, 'emuraciet_timers_due')).toBeGreaterThan(sampleValue(after, 'emuraciet_timers_due'));
    expect(sampleValue(later, 'emuraciet_timers_late')).toBeGreaterThan(sampleValue(after, 'emuraciet_timers_late'));
    expect(sampleValue(later, 'emuraciet_outbox_oldest_pending_age_seconds')).toBeGreaterThan(59 * 86_400);

    // Labels hold route patterns, statuses, queue names and agency codes: never an id, an e-mail or a name.
    const labelValues = later.flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((v) => UUID.test(v) || v.includes('@') || v.includes(appeal.id))).toEqual([]);
    expect(labelValues).not.toContain(citizen.email);
  });

  it('shows a calendar recomputation pending until it finishes, then how many appeals it moved', async () => {
    const before = await scrape();
    expect(sampleValue(before, 'emuraciet_calendar_recompute_pending')).toBe(0);
    // A change as CalendarService.replaceYear records it, caught between its commit and the end of
    // its recomputation (as after a crash); removed again so no later start resumes it.
    const recompute = {
      from: '2031-01-06',
      to: '2031-01-06',
      provisionalYears: [],
      actorId: null,
      at: new Date().toISOString(),
      year: 2031,
    };
    const [{ version }] = await withOwnerConnection(
      async (db) =>
        (
          await db.query<{ version: number }>(
            `INSERT INTO calendar_changes (year, source, after, recompute) VALUES (2031, 'api', '{}', $1) RETURNING version`,
            [JSON.stringify(recompute)],
          )
        ).rows,
    );
    try {
      expect(sampleValue(await scrape(), 'emuraciet_calendar_recompute_pending')).toBe(1);
      await withOwnerConnection((db) =>
        db.query(`UPDATE calendar_changes SET recomputed_at = now(), moved_appeals = 7 WHERE version = $1`, [version]),
      );
      const after = await scrape();
      expect(sampleValue(after, 'emuraciet_calendar_recompute_pending')).toBe(0);
      expect(sampleValue(after, 'emuraciet_calendar_last_recompute_moved_appeals')).toBe(7);
    } finally {
      await withOwnerConnection((db) => db.query(`DELETE FROM calendar_changes WHERE version = $1`, [version]));
    }
  });

  it('serves /metrics on METRICS_PORT without a token, and nothing else there', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const samples = parsePrometheus(await response.text());
    expect(samples.some((s) => s.name === 'emuraciet_outbox_pending')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/health`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('operations: correlation id from the request to the mail job (e2e)', () => {
  const logLines: string[] = [];
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    t = await startTestApp({ logLines });
    actors = new Actors(t);
  });

  afterAll(() => t.close());

  const lines = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('returns the caller’s X-Request-Id and logs the mail job under it', async () => {
    const citizen = await actors.citizen();
    const requestId = `intake-${randomUUID()}`;
    const response = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .set('X-Request-Id', requestId)
      .send(portalComplaint(await actors.agencyId('MTAX'), citizen))
      .expect(201);
    expect(response.headers['x-request-id']).toBe(requestId);
    expect(response.headers['x-correlation-id']).toBe(requestId);

    const [row] = await withOwnerConnection(
      async (db) =>
        (
          await db.query<{ id: string; correlation_id: string }>(
            `SELECT id::text, correlation_id FROM outbox WHERE payload->>'appealId' = $1`,
            [response.body.id],
          )
        ).rows,
    );
    expect(row.correlation_id).toBe(requestId);

    // The worker in this process sends the confirmation: its line carries the request's id.
    const done = await until(
      async () => lines().filter((l) => l.event === 'outbox.done' && l.outboxId === row.id),
      (found) => found.length > 0,
    );
    expect(done).toEqual([expect.objectContaining({ topic: 'mail.send', correlationId: requestId })]);
    // So does the request's own access line; no line carries the applicant's e-mail.
    expect(lines().filter((l) => l.route === '/api/v1/appeals' && l.method === 'POST' && l.correlationId === requestId)).toHaveLength(1);
    expect(logLines.filter((line) => line.includes(citizen.email))).toEqual([]);
  });

  it('generates an id when none is given, and replaces a malformed one', async () => {
    const generated = await t.http.get('/health/live').expect(200);
    expect(generated.headers['x-request-id']).toMatch(UUID);
    // Log injection or an oversized id is not echoed into every log line.
    for (const bad of ['<script>alert(1)</script>', 'a'.repeat(101), 'short']) {
      const response = await t.http.get('/health/live').set('X-Request-Id', bad).expect(200);
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(logLines.some((line) => line.includes(bad))).toBe(false);
    }
  });

  it('does not serve /metrics on the API port without METRICS_TOKEN', async () => {
    const response = await t.http.get('/metrics').set('Authorization', 'Bearer anything-at-all-here-1234567').expect(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
