import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { API_INSTANT } from '../support/openapi-ajv';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from '../support/webhook-receiver';
import { assign, baku, caseStaff, recordPaperAppeal, until } from '../support/timers';

/** Anything that reads as a date with a time of day, in whatever form (offset, no fraction, microseconds, a space). */
const LOOKS_LIKE_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the calls below read of a body; the walk takes it whole. */
interface Body {
  readonly id: string;
  readonly version: number;
  readonly [key: string]: unknown;
}

interface Found {
  /** The route that answered it (or the payload), and the path in the body: `$.items[0].createdAt`. */
  readonly route: string;
  readonly where: string;
  readonly value: string;
}

/** Every string of a JSON value that reads as an instant, with its path. */
function instantsIn(value: unknown, route: string, where = '$', found: Found[] = []): Found[] {
  if (typeof value === 'string') {
    if (LOOKS_LIKE_INSTANT.test(value)) found.push({ route, where, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => instantsIn(item, route, `${where}[${i}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) instantsIn(item, route, `${where}.${key}`, found);
  }
  return found;
}

/**
 * Issue 14 "instants use one format": every instant in the JSON the API answers (and in the
 * webhook payloads it sends) is `YYYY-MM-DDTHH:mm:ss.sssZ`, whatever wrote it (the app's clock,
 * PostgreSQL's now(), the calendar's end of a Baku day, a stored idempotent response); dates stay
 * `YYYY-MM-DD`. The bodies are walked whole, so a new field in another format fails here too.
 */
describe('one instant format across the API (e2e)', () => {
  const clock = new FixedClock(baku('2026-03-02', '11:00:00'));
  const receiver = new Receiver();
  let t: TestApp;
  let actors: Actors;
  let staff: { agency: string; agencyCode: string; registrar: TestUser; official: TestUser; supervisor: TestUser };
  let admin: Record<string, string>;
  const hooks: string[] = [];
  const bodies: Array<{ route: string; body: unknown }> = [];

  /** Calls the API, expects `status`, and keeps the body for the walk. */
  async function call(
    method: 'get' | 'post' | 'put',
    url: string,
    options: { as?: Record<string, string>; body?: object; query?: Record<string, string>; status?: number } = {},
  ): Promise<Body> {
    let request = t.http[method](url).set(options.as ?? {});
    if (options.query) request = request.query(options.query);
    const response = options.body ? await request.send(options.body) : await request;
    expect({ route: `${method.toUpperCase()} ${url}`, status: response.status }).toEqual({
      route: `${method.toUpperCase()} ${url}`,
      status: options.status ?? (method === 'post' ? 201 : 200),
    });
    bodies.push({ route: `${method.toUpperCase()} ${url}`, body: response.body });
    return response.body as Body;
  }

  beforeAll(async () => {
    // `/failing` answers 500 every time: its deliveries wait for a next attempt.
    receiver.failures.set('/failing', Number.MAX_SAFE_INTEGER);
    await receiver.start();
    // Loopback targets allowed: the receiver is on 127.0.0.1.
    t = await startTestApp({ clock, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', TIMER_TICK_MS: '200' } });
    actors = new Actors(t);
    admin = await actors.admin();
    staff = await caseStaff(t, actors, 'CABMIN');
  }, 120_000);

  afterAll(async () => {
    // No live subscription is left for later suites of this run (they share the database).
    for (const id of hooks) await t.http.delete(`/api/v1/webhooks/${id}`).set(admin);
    await t?.close();
    await receiver.stop();
  });

  it('writes every instant of the main responses and of webhook payloads as YYYY-MM-DDTHH:mm:ss.sssZ', async () => {
    const { agency, registrar, official, supervisor } = staff;
    for (const path of ['/ok', '/failing']) {
      const hook = await call('post', '/api/v1/webhooks', {
        as: supervisor.auth,
        body: {
          url: `http://127.0.0.1:${receiver.port}${path}`,
          events: ['appeal.registered', 'appeal.referred', 'appeal.overdue'],
          agencyId: agency,
        },
      });
      hooks.push(hook.id);
    }
    await call('get', '/api/v1/webhooks', { as: supervisor.auth });

    // A citizen's appeal, replayed under its Idempotency-Key, and one in the urgent regime (24 clock hours).
    const citizen = await actors.citizen();
    const appealBody = {
      type: 'complaint',
      agencyId: agency,
      subject: 'Bəyannamə qəbul edilmir',
      text: 'Elektron bəyannaməm üç həftədir qəbul edilmir.',
      applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', email: citizen.email },
    };
    const keyed = { ...citizen.auth, 'Idempotency-Key': `instants-${citizen.id}` };
    const created = await call('post', '/api/v1/appeals', { as: keyed, body: appealBody });
    const replayed = await call('post', '/api/v1/appeals', { as: keyed, body: appealBody });
    expect(replayed).toEqual(created);
    await call('post', '/api/v1/appeals', { as: citizen.auth, body: { ...appealBody, regime: 'urgent' } });
    await call('get', '/api/v1/appeals', { as: citizen.auth });

    // Case actions on it, then its detail, events and lists as staff see them.
    const assigned = await assign(t, registrar, created, official.id);
    const extended = await call('post', `/api/v1/appeals/${created.id}/extension`, {
      as: official.auth,
      body: { version: assigned.version, reason: 'Sənədlər gözlənilir.', workingDays: 5 },
      status: 200,
    });
    await call('post', `/api/v1/appeals/${created.id}/answer`, {
      as: official.auth,
      body: { version: extended.version, text: 'Müraciətinizə baxıldı, bəyannaməniz qəbul edildi və sistemdə qeydə alındı.' },
      status: 200,
    });
    await call('get', `/api/v1/appeals/${created.id}`, { as: citizen.auth });
    await call('get', `/api/v1/appeals/${created.id}`, { as: supervisor.auth });
    await call('get', `/api/v1/appeals/${created.id}/events`, { as: supervisor.auth });
    await call('get', `/api/v1/appeals/${created.id}/access-log`, { as: supervisor.auth });
    await call('get', '/api/v1/appeals', { as: registrar.auth });
    // An oral appeal left without consideration: the applicant is told on the spot (noticeGivenAt).
    const left = await call('post', '/api/v1/appeals', {
      as: registrar.auth,
      body: {
        ...appealBody,
        channel: 'reception',
        applicant: { kind: 'natural', fullName: 'Məmmədova Aygün Elçin qızı', address: 'Bakı, Nəsimi r., 5' },
      },
    });
    await call('post', `/api/v1/appeals/${left.id}/leave-without-consideration`, {
      as: supervisor.auth,
      body: { ground: 'court_decision', note: 'Məhkəmə qərarı var', version: left.version },
      status: 200,
    });
    await call('get', `/api/v1/appeals/${left.id}/events`, { as: supervisor.auth });

    // Received 20 working days ago and recorded now: overdue at once, the alert fired by the scheduler.
    const late = await recordPaperAppeal(t, registrar, agency, '2026-01-30');
    const alerts = await until(
      async () =>
        (await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200)).body as { items: Array<{ id: string; appealId: string }> },
      (page) => page.items.some((a) => a.appealId === late.id),
    );
    await call('post', `/api/v1/alerts/${alerts.items.find((a) => a.appealId === late.id)!.id}/acknowledge`, {
      as: supervisor.auth,
      status: 200,
    });
    await call('get', '/api/v1/alerts', { as: supervisor.auth });
    const above = await actors.staff('supervisor', 'CABMIN');
    await call('post', `/api/v1/appeals/${late.id}/control`, { as: above.auth, status: 200 });

    // Deliveries: one delivered, one failed once and waiting for its next attempt.
    const [ok, failing] = hooks;
    await until(
      async () =>
        (await t.http.get(`/api/v1/webhooks/${ok}/deliveries`).set(supervisor.auth).expect(200)).body.items as Array<{ status: string }>,
      (items) => items.length >= 5 && items.every((d) => d.status === 'delivered'),
    );
    await until(
      async () =>
        (await t.http.get(`/api/v1/webhooks/${failing}/deliveries`).set(supervisor.auth).expect(200)).body.items as Array<{
          attempts: number;
        }>,
      (items) => items.length >= 5 && items.every((d) => d.attempts >= 1),
    );
    await call('get', `/api/v1/webhooks/${ok}/deliveries`, { as: supervisor.auth, query: { limit: '2' } });
    await call('get', `/api/v1/webhooks/${failing}/deliveries`, { as: supervisor.auth });

    // People, the calendar, evaluation.
    await call('get', '/api/v1/me', { as: citizen.auth });
    await call('get', '/api/v1/users', { as: admin, query: { limit: '5' } });
    await call('get', `/api/v1/users/${official.id}`, { as: admin });
    await call('get', '/api/v1/calendar/deadline', { query: { from: '2026-03-02', workingDays: '15' } });
    await call('get', '/api/v1/calendar/deadline', { query: { from: '2015-03-27', workingDays: '15' } });
    await call('get', '/api/v1/calendar/years/2026');
    const period = await call('post', '/api/v1/evaluation/periods', {
      as: admin,
      body: { name: 'Ani dövr', startsOn: '2025-01-01', endsOn: '2025-06-30' },
    });
    await call('post', `/api/v1/evaluation/periods/${period.id}/publish`, { as: admin });
    await call('get', '/api/v1/evaluation/periods', { as: admin });
    await call('get', `/api/v1/evaluation/periods/${period.id}/results`, { as: admin });
    await call('get', `/api/v1/evaluation/periods/${period.id}/results`, { as: admin, query: { view: 'draft' } });
    await call('get', `/api/v1/evaluation/public/periods/${period.id}`);
    await call('get', '/api/v1/evaluation/agencies', { as: supervisor.auth, query: { from: '2026-01-01', to: '2026-03-01' } });

    const found = [
      ...bodies.flatMap(({ route, body }) => instantsIn(body, route)),
      ...receiver.received.flatMap((delivery) => instantsIn(JSON.parse(delivery.body), `webhook payload to ${delivery.path}`)),
    ];
    expect(found.filter((f) => !API_INSTANT.test(f.value))).toEqual([]);
    // The walk met the instants it is about: a vacuous pass would prove nothing.
    const fields = new Set(found.map((f) => f.where.replace(/\[\d+\]/g, '[]')));
    const expected = [
      '$.registeredAt',
      '$.reviewDueAt',
      '$.deadlines.review.dueAt',
      '$.history[].occurredAt',
      '$.items[].occurredAt',
      '$.items[].data.noticeGivenAt',
      '$.answer.answeredAt',
      '$.items[].at',
      '$.items[].createdAt',
      '$.items[].dueAt',
      '$.acknowledgedAt',
      '$.placedAt',
      '$.items[].lastAttemptAt',
      '$.items[].deliveredAt',
      '$.items[].nextAttemptAt',
      '$.createdAt',
      '$.dueAt',
      '$.publishedAt',
      '$.items[].publishedAt',
      '$.computedAt',
      '$.timestamp',
      '$.data.occurredAt',
      '$.data.dueAt',
    ];
    expect(expected.filter((field) => !fields.has(field))).toEqual([]);
    // Dates stay dates.
    for (const { body } of bodies) {
      const detail = body as { receivedOn?: unknown; reviewDueDate?: unknown };
      if (typeof detail.receivedOn === 'string') expect(detail.receivedOn).toMatch(DATE);
      if (typeof detail.reviewDueDate === 'string') expect(detail.reviewDueDate).toMatch(DATE);
    }
  }, 120_000);

  /** Every page of a list, `limit` items each, following nextCursor. */
  async function pages(url: string, auth: Record<string, string>, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: String(limit), ...(cursor ? { cursor } : {}) };
      const page = (await t.http.get(url).set(auth).query(query).expect(200)).body as {
        items: Array<{ id: string }>;
        nextCursor: string | null;
      };
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }

  it('pages the lists keyed by an instant through every item once, however close their instants', async () => {
    const { agency, agencyCode, registrar, supervisor } = staff;
    const [ok] = hooks;
    // A referral within the subscribed subtree: the referral and the receiving case's registration are
    // delivered from one transaction, so their deliveries share PostgreSQL's now() to the microsecond.
    const below = await caseStaff(t, actors, agencyCode);
    const referred = await recordPaperAppeal(t, registrar, agency, '2026-03-02');
    await t.http
      .post(`/api/v1/appeals/${referred.id}/referral`)
      .set(registrar.auth)
      .send({ toAgencyId: below.agency, note: 'Səlahiyyət üzrə', version: referred.version })
      .expect(200);
    const deliveries = `/api/v1/webhooks/${ok}/deliveries`;
    const all = await until(
      async () =>
        (await t.http.get(deliveries).set(supervisor.auth).query({ limit: '200' }).expect(200)).body.items as Array<{
          id: string;
          event: string;
        }>,
      (items) => items.filter((d) => d.event === 'appeal.registered').length >= 6 && items.some((d) => d.event === 'appeal.referred'),
    );
    expect(await pages(deliveries, supervisor.auth, 1)).toEqual(all.map((d) => d.id));
    const appeals = (await t.http.get('/api/v1/appeals').set(registrar.auth).query({ limit: '200' }).expect(200)).body.items as Array<{
      id: string;
    }>;
    expect(appeals.length).toBeGreaterThan(3);
    expect(await pages('/api/v1/appeals', registrar.auth, 1)).toEqual(appeals.map((a) => a.id));
    const alerts = (await t.http.get('/api/v1/alerts').set(supervisor.auth).query({ limit: '200' }).expect(200)).body.items as Array<{
      id: string;
    }>;
    expect(alerts.length).toBeGreaterThan(0);
    expect(await pages('/api/v1/alerts', supervisor.auth, 1)).toEqual(alerts.map((a) => a.id));
  }, 60_000);
});
