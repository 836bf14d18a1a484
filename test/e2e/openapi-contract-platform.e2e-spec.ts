import { randomUUID } from 'node:crypto';
import { Actors, TestUser } from '../support/actors';
import { ContractClient } from '../support/openapi-contract';
import { CONTRACT_OWNERS } from '../support/openapi-contract-owners';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { RedisProxy } from '../support/redis-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { caseStaff, recordPaperAppeal, until } from '../support/timers';
import { readTestEnv } from '../setup/test-env';

const METRICS_TOKEN = `metrics-${randomUUID()}`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const FEED_RATE_LIMIT = 8;

/**
 * Issue 14 "The OpenAPI document tells the whole truth", the platform's operations: health,
 * metrics, agencies, the calendar, calendar feeds, webhooks, audit and retention. Each owned
 * operation answers a success and a documented error, every answer checked against the document
 * (test/support/openapi-contract.ts). Redis is reached through a proxy so "Redis is down" can be
 * shown last.
 */
describe('the OpenAPI document against real responses: platform (e2e)', () => {
  const owned = CONTRACT_OWNERS.platform;
  let proxy: RedisProxy;
  let t: TestApp;
  let api: ContractClient;
  let admin: Record<string, string>;
  let citizen: TestUser;
  let staff: { agency: string; registrar: TestUser; official: TestUser; supervisor: TestUser };

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    proxy = await RedisProxy.start();
    t = await startTestApp({
      env: {
        REDIS_URL: proxy.url,
        METRICS_TOKEN,
        RETENTION_YEARS: '50',
        // Deliveries go to a local port nobody listens on: attempts are recorded, and fail.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        CALENDAR_FEED_RATE_LIMIT_PER_MINUTE: String(FEED_RATE_LIMIT),
        SCHEDULER_ENABLED: 'false',
        QUEUE_PREFIX: `${readTestEnv().queuePrefix}_contract${randomUUID().slice(0, 8)}`,
      },
    });
    api = await ContractClient.start(t);
    const actors = new Actors(t);
    admin = await actors.admin();
    citizen = await actors.citizen();
    staff = await caseStaff(t, actors, 'MTAX');
  }, 120_000);

  afterAll(async () => {
    await proxy?.resume();
    await t?.close();
    proxy?.close();
  });

  it('answers liveness and metrics as documented', async () => {
    await api.call('get', '/health/live', { expect: 200 });
    await api.call('get', '/health/live', { query: { probe: '\u0000' }, expect: 422 });
    await api.call('get', '/metrics', { as: { Authorization: `Bearer ${METRICS_TOKEN}` }, expect: 200 });
    await api.call('get', '/metrics', { expect: 401 });
    await api.call('get', '/metrics', { as: admin, expect: 401 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the agencies as documented', async () => {
    const list = await api.call('get', '/api/v1/agencies', { expect: 200 });
    // Every route refuses a NUL in its query string (platform/http/input-guards.ts).
    await api.call('get', '/api/v1/agencies', { query: { q: 'a\u0000' }, expect: 422 });
    const mtax = (list.body as { items: Array<{ id: string; code: string }> }).items.find((a) => a.code === 'MTAX')?.id as string;
    await api.call('get', '/api/v1/agencies/{id}', { params: { id: mtax }, expect: 200 });
    await api.call('get', '/api/v1/agencies/{id}', { params: { id: UNKNOWN }, expect: 404 });
    await api.call('get', '/api/v1/agencies/{id}', { params: { id: 'not-a-uuid' }, expect: 404 });
    const code = `C-${randomUUID().slice(0, 8).toUpperCase()}`;
    await api.call('post', '/api/v1/agencies', { as: admin, body: { code, name: 'Müqavilə agentliyi', parentId: mtax }, expect: 201 });
    await api.call('post', '/api/v1/agencies', { as: admin, body: { code, name: 'Müqavilə agentliyi' }, expect: 409 });
    await api.call('post', '/api/v1/agencies', { as: citizen.auth, body: { code: `${code}X`, name: 'Agentlik' }, expect: 403 });
    await api.call('post', '/api/v1/agencies', { body: { code: `${code}Y`, name: 'Agentlik' }, expect: 401 });
    await api.call('post', '/api/v1/agencies', { as: admin, body: { code: 'x' }, expect: 422 });
    await api.call('post', '/api/v1/agencies', { as: admin, raw: { contentType: 'application/json', data: '{"code":' }, expect: 400 });
    // Every route that reads a body refuses one over BODY_LIMIT_BYTES, or of a media type it does not parse.
    const huge = JSON.stringify({ code: 'HUGE', name: 'x'.repeat(t.config.bodyLimitBytes) });
    await api.call('post', '/api/v1/agencies', { as: admin, raw: { contentType: 'application/json', data: huge }, expect: 413 });
    await api.call('post', '/api/v1/agencies', { as: admin, raw: { contentType: 'text/plain', data: 'code=X' }, expect: 415 });
    await api.call('delete', '/api/v1/me/calendar-feed', { as: admin, raw: { contentType: 'text/plain', data: 'x' }, expect: 415 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the calendar as documented', async () => {
    await api.call('get', '/api/v1/calendar/deadline', { query: { from: '2026-06-01', workingDays: '15' }, expect: 200 });
    await api.call('get', '/api/v1/calendar/deadline', { query: { from: 'yesterday', workingDays: '15' }, expect: 422 });
    const year = await api.call('get', '/api/v1/calendar/years/{year}', { params: { year: '2030' }, expect: 200 });
    await api.call('get', '/api/v1/calendar/years/{year}', { params: { year: '1999' }, expect: 422 });
    await api.call('get', '/api/v1/calendar/years/{year}', { params: { year: 'next' }, expect: 400 });
    // The same year back: nothing moves for the other suites of the run.
    const { status, decisionRef, nonWorkingDays, workingWeekendDays } = year.body as Record<string, unknown>;
    const same = { status, decisionRef, nonWorkingDays, workingWeekendDays };
    await api.call('put', '/api/v1/calendar/years/{year}', { as: admin, params: { year: '2030' }, body: same, expect: 200 });
    await api.call('put', '/api/v1/calendar/years/{year}', {
      as: staff.supervisor.auth,
      params: { year: '2030' },
      body: same,
      expect: 403,
    });
    await api.call('put', '/api/v1/calendar/years/{year}', { as: admin, params: { year: '2030' }, body: { status: 'final' }, expect: 422 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the calendar feeds as documented', async () => {
    const created = await api.call('post', '/api/v1/me/calendar-feed', { as: staff.official.auth, expect: 201 });
    await api.call('post', '/api/v1/me/calendar-feed', { as: citizen.auth, expect: 403 });
    const token = new URL((created.body as { url: string }).url).pathname.split('/').at(-1) as string;
    await api.call('get', '/api/v1/calendar-feeds/{token}', { params: { token }, expect: 200 });
    await api.call('get', '/api/v1/calendar-feeds/{token}', { params: { token: `${'A'.repeat(43)}.ics` }, expect: 404 });
    await api.call('delete', '/api/v1/me/calendar-feed', { as: staff.official.auth, expect: 204 });
    await api.call('get', '/api/v1/calendar-feeds/{token}', { params: { token }, expect: 410 });
    await api.call('delete', '/api/v1/me/calendar-feed', { as: staff.official.auth, expect: 404 });
    await api.call('delete', '/api/v1/me/calendar-feed', { expect: 401 });
    // The public feed route is rate limited: 429 with Retry-After (a documented header, checked).
    const guessed = { token: `${'B'.repeat(43)}.ics` };
    for (let i = 0; i < FEED_RATE_LIMIT; i++) await t.http.get(`/api/v1/calendar-feeds/${guessed.token}`);
    await api.call('get', '/api/v1/calendar-feeds/{token}', { params: guessed, expect: 429 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the webhooks as documented', async () => {
    const body = { url: 'http://127.0.0.1:9/hook', events: ['appeal.registered'], agencyId: staff.agency };
    const created = await api.call('post', '/api/v1/webhooks', { as: staff.supervisor.auth, body, expect: 201 });
    const id = (created.body as { id: string }).id;
    await api.call('post', '/api/v1/webhooks', { as: staff.supervisor.auth, body: { ...body, events: ['appeal.lost'] }, expect: 422 });
    await api.call('post', '/api/v1/webhooks', { as: staff.official.auth, body, expect: 403 });
    await api.call('get', '/api/v1/webhooks', { as: staff.supervisor.auth, expect: 200 });
    await api.call('get', '/api/v1/webhooks', { as: citizen.auth, expect: 403 });
    // An appeal of the agency makes a delivery to list.
    await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');
    await until(
      async () =>
        (await api.call('get', '/api/v1/webhooks/{id}/deliveries', { as: staff.supervisor.auth, params: { id }, expect: 200 })).body,
      (page) => (page as { items: unknown[] }).items.length > 0,
    );
    await api.call('get', '/api/v1/webhooks/{id}/deliveries', {
      as: staff.supervisor.auth,
      params: { id },
      query: { limit: '0' },
      expect: 422,
    });
    await api.call('get', '/api/v1/webhooks/{id}/deliveries', { as: staff.supervisor.auth, params: { id: UNKNOWN }, expect: 404 });
    await api.call('delete', '/api/v1/webhooks/{id}', { as: staff.supervisor.auth, params: { id }, expect: 204 });
    await api.call('delete', '/api/v1/webhooks/{id}', { as: staff.supervisor.auth, params: { id }, expect: 404 });
    expect(api.takeFindings()).toEqual([]);
  }, 30_000);

  it('answers the audit and retention runs as documented', async () => {
    await api.call('get', '/api/v1/admin/audit/chains', { as: admin, expect: 200 });
    await api.call('get', '/api/v1/admin/audit/chains', { as: staff.supervisor.auth, expect: 403 });
    await api.call('post', '/api/v1/admin/retention/run', { as: admin, body: { dryRun: true }, expect: 200 });
    await api.call('post', '/api/v1/admin/retention/run', { as: admin, body: { dryRun: 'yes' }, expect: 422 });
    await api.call('post', '/api/v1/admin/retention/run', { as: citizen.auth, body: { dryRun: true }, expect: 403 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers health as documented, up and with Redis down', async () => {
    await api.call('get', '/health', { expect: 200 });
    await api.call('get', '/health/ready', { expect: 200 });
    proxy.stop();
    try {
      await api.call('get', '/health', { expect: 503 });
      await api.call('get', '/health/ready', { expect: 503 });
    } finally {
      await proxy.resume();
    }
    expect(api.takeFindings()).toEqual([]);
  }, 30_000);

  it('drove every operation it owns to a documented success and error', () => {
    expect(api.uncovered(owned)).toEqual([]);
    expect(api.drivenOutside(owned)).toEqual([]);
  });
});
