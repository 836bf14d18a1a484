import { Webhook } from 'standardwebhooks';
import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { OutboxProcessor } from '../../src/platform/outbox/outbox.processor';
import { DNS_RESOLVER, Resolver } from '../../src/webhooks/webhook-http';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from '../support/webhook-receiver';
import { assign, baku, caseStaff, recordPaperAppeal, until } from '../support/timers';

/**
 * Issue 16's webhooks through HTTP, the real outbox, queue and worker, to a real local receiver:
 * deliveries are written by the database in the transaction of each change, signed per Standard
 * Webhooks (verified with the `standardwebhooks` package), retried, listed, and scoped.
 */
describe('webhooks (e2e)', () => {
  const clock = new FixedClock(baku('2026-03-02', '11:00:00'));
  const receiver = new Receiver();
  // Names resolve through this table: a DNS server the test controls (rebinding included).
  const dns = new Map<string, string[]>();
  const resolver: Resolver = async (host) => {
    const addresses = dns.get(host) ?? (/^[\d.]+$|:/.test(host) ? [host] : undefined);
    if (!addresses) throw new Error(`ENOTFOUND ${host}`);
    return addresses;
  };
  let t: TestApp;
  let actors: Actors;
  let parent: { agency: string; agencyCode: string; supervisor: TestUser };
  let child: { agency: string; agencyCode: string; registrar: TestUser; official: TestUser; supervisor: TestUser };
  let elsewhere: { agency: string; supervisor: TestUser; registrar: TestUser };
  const created: string[] = [];

  const url = (path: string) => `http://hooks.agency.test:${receiver.port}${path}`;
  const register = async (app: TestApp, auth: Record<string, string>, body: object) => {
    const response = await app.http.post('/api/v1/webhooks').set(auth).send(body);
    if (response.status === 201) created.push((response.body as { id: string }).id);
    return response;
  };
  const deliveries = async (id: string, auth: Record<string, string>) =>
    (await t.http.get(`/api/v1/webhooks/${id}/deliveries`).set(auth).expect(200)).body.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    await receiver.start();
    dns.set('hooks.agency.test', ['127.0.0.1']);
    const overrides = [{ provide: DNS_RESOLVER, useValue: resolver }];
    // Loopback targets allowed: the receiver is on 127.0.0.1 (webhook-targets.e2e-spec.ts tests the refusals).
    t = await startTestApp({ clock, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', TIMER_TICK_MS: '200' }, overrides });
    actors = new Actors(t);
    const top = await caseStaff(t, actors, 'CABMIN');
    parent = { agency: top.agency, agencyCode: top.agencyCode, supervisor: top.supervisor };
    const below = await caseStaff(t, actors, top.agencyCode);
    child = {
      agency: below.agency,
      agencyCode: below.agencyCode,
      registrar: below.registrar,
      official: below.official,
      supervisor: below.supervisor,
    };
    const other = await caseStaff(t, actors, 'CABMIN');
    elsewhere = { agency: other.agency, supervisor: other.supervisor, registrar: other.registrar };
  }, 60_000);

  afterAll(async () => {
    // No live subscription is left for later suites of this run (they share the database).
    const admin = await actors.admin();
    for (const id of created) await t.http.delete(`/api/v1/webhooks/${id}`).set(admin);
    await t.close();
    await receiver.stop();
  });

  it("delivers a supervisor's agency subtree's events, signed per Standard Webhooks, without the applicant's identity", async () => {
    const hook = await register(t, parent.supervisor.auth, {
      url: url('/subtree'),
      events: [
        'appeal.registered',
        'appeal.assigned',
        'appeal.referred',
        'appeal.answered',
        'appeal.left_without_consideration',
        'appeal.overdue',
      ],
    });
    expect(hook.status).toBe(201);
    expect(hook.body).toMatchObject({
      id: expect.any(String),
      agencyId: parent.agency,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{40,}$/),
    });
    const verifier = new Webhook(hook.body.secret as string);

    // Intake at the agency below, assignment, answer.
    const appeal = await recordPaperAppeal(t, child.registrar, child.agency, '2026-03-02');
    const assigned = await assign(t, child.registrar, appeal, child.official.id);
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(child.official.auth)
      .send({ text: 'Müraciətiniz araşdırıldı, küçə işıqlandırması bərpa edildi və nəzarətə götürüldü.', version: assigned.version })
      .expect(200);
    // Another case, referred to an agency outside the subtree: the referral is ours, the new case is not.
    const referred = await recordPaperAppeal(t, child.registrar, child.agency, '2026-03-02');
    await t.http
      .post(`/api/v1/appeals/${referred.id}/referral`)
      .set(child.registrar.auth)
      .send({ toAgencyId: elsewhere.agency, note: 'Səlahiyyət', version: referred.version })
      .expect(200);
    const left = await recordPaperAppeal(t, child.registrar, child.agency, '2026-03-02');
    await t.http
      .post(`/api/v1/appeals/${left.id}/leave-without-consideration`)
      .set(child.supervisor.auth)
      .send({ ground: 'court_decision', note: 'Məhkəmə qərarı var', version: left.version })
      .expect(200);
    // Received 20 working days ago and recorded now: overdue at once, the timer fires by itself.
    const late = await recordPaperAppeal(t, child.registrar, child.agency, '2026-01-30');
    // Elsewhere: never sent to this subscription.
    await recordPaperAppeal(t, elsewhere.registrar, elsewhere.agency, '2026-03-02');

    const received = await until(
      async () => receiver.events('/subtree'),
      (events) => events.length >= 9,
    );
    const summary = received.map((e) => `${e.type} ${String(e.data.registrationNumber)}`).sort();
    expect(summary).toEqual(
      [
        `appeal.registered ${appeal.registrationNumber}`,
        `appeal.assigned ${appeal.registrationNumber}`,
        `appeal.answered ${appeal.registrationNumber}`,
        `appeal.registered ${referred.registrationNumber}`,
        `appeal.referred ${referred.registrationNumber}`,
        `appeal.registered ${left.registrationNumber}`,
        `appeal.left_without_consideration ${left.registrationNumber}`,
        `appeal.registered ${late.registrationNumber}`,
        `appeal.overdue ${late.registrationNumber}`,
      ].sort(),
    );
    for (const delivery of receiver.on('/subtree')) {
      // The reference implementation accepts every delivery (signature, id, timestamp tolerance).
      expect(verifier.verify(delivery.body, delivery.headers as Record<string, string>)).toEqual(JSON.parse(delivery.body));
      expect(delivery.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      // Rule 18: ids, number, agency, status and times; never who wrote, nor what.
      expect(delivery.body).not.toMatch(/Məmmədova|Nəsimi|küçə|işıqlandır/i);
    }
    const answered = received.find((e) => e.type === 'appeal.answered')!;
    expect(Object.keys(answered.data).sort()).toEqual(['agencyId', 'appealId', 'appealType', 'occurredAt', 'registrationNumber', 'status']);
    expect(answered.data).toMatchObject({ appealId: appeal.id, agencyId: child.agency, status: 'answered', appealType: 'complaint' });
    expect(received.find((e) => e.type === 'appeal.overdue')!.data).toMatchObject({ appealId: late.id, dueAt: expect.any(String) });
    // Some more time for anything that should not come (the other agency's cases).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.on('/subtree')).toHaveLength(9);

    const listed = await deliveries(hook.body.id as string, parent.supervisor.auth);
    expect(listed).toHaveLength(9);
    expect(
      listed.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastResponseCode === 204 && d.nextAttemptAt === null),
    ).toBe(true);
    expect(new Set(listed.map((d) => d.id))).toEqual(new Set(receiver.on('/subtree').map((r) => r.headers['webhook-id'])));
  }, 60_000);

  it('retries a failing receiver with backoff under the same webhook-id, and records each attempt', async () => {
    receiver.failures.set('/flaky', 1);
    const hook = await register(t, parent.supervisor.auth, { url: url('/flaky'), events: ['appeal.registered'], agencyId: child.agency });
    expect(hook.status).toBe(201);
    await recordPaperAppeal(t, child.registrar, child.agency, '2026-03-02');
    await until(
      async () => receiver.on('/flaky'),
      (r) => r.length >= 1,
    );
    const pending = await until(
      () => deliveries(hook.body.id as string, parent.supervisor.auth),
      (items) => items[0]?.attempts === 1,
    );
    expect(pending[0]).toMatchObject({
      status: 'pending',
      lastResponseCode: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: expect.any(String),
    });
    // The receiver's 5 kB answer is not kept: a short excerpt at most.
    const [stored] = await t.app
      .get(Db)
      .query<{ excerpt: string }>(`SELECT last_response_excerpt AS excerpt FROM webhook_deliveries WHERE id = $1`, [pending[0].id]);
    expect(stored.excerpt).toBe('x'.repeat(200));
    const [delivered] = await until(
      () => deliveries(hook.body.id as string, parent.supervisor.auth),
      (items) => items[0]?.status === 'delivered',
    );
    expect(delivered).toMatchObject({ attempts: 2, lastResponseCode: 204, lastError: null, nextAttemptAt: null });
    const attempts = receiver.on('/flaky');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].headers['webhook-id']).toBe(attempts[0].headers['webhook-id']);
    expect(attempts[1].body).toBe(attempts[0].body);

    // A delivery job run again (a duplicated or retried job) sends nothing more.
    const [row] = await t.app
      .get(Db)
      .query<{ id: string }>(`SELECT id::text FROM outbox WHERE dedupe_key = $1`, [`webhook:${String(delivered.id)}`]);
    await expect(t.app.get(OutboxProcessor).process(row.id, 1)).resolves.toBe('skipped');
    expect(receiver.on('/flaky')).toHaveLength(2);
  }, 30_000);

  it('scopes webhooks: supervisors manage their subtree only, admins everything, others nothing', async () => {
    const hook = await register(t, child.supervisor.auth, { url: url('/child'), events: ['appeal.answered'] });
    expect(hook.body.agencyId).toBe(child.agency);
    // Above it: the parent's supervisor sees it; a supervisor elsewhere does not, not even to delete it.
    const parentList = (await t.http.get('/api/v1/webhooks').set(parent.supervisor.auth).expect(200)).body.items as Array<{ id: string }>;
    expect(parentList.map((w) => w.id)).toContain(hook.body.id);
    expect(parentList.every((w) => !('secret' in w))).toBe(true);
    const otherList = (await t.http.get('/api/v1/webhooks').set(elsewhere.supervisor.auth).expect(200)).body.items as Array<{ id: string }>;
    expect(otherList.map((w) => w.id)).not.toContain(hook.body.id);
    await t.http
      .get(`/api/v1/webhooks/${String(hook.body.id)}/deliveries`)
      .set(elsewhere.supervisor.auth)
      .expect(404);
    await t.http
      .delete(`/api/v1/webhooks/${String(hook.body.id)}`)
      .set(elsewhere.supervisor.auth)
      .expect(404);
    // The child's supervisor may not register for the body above, nor for another agency, nor for all.
    expect(
      (await register(t, child.supervisor.auth, { url: url('/x'), events: ['appeal.answered'], agencyId: parent.agency })).status,
    ).toBe(403);
    expect(
      (await register(t, child.supervisor.auth, { url: url('/x'), events: ['appeal.answered'], agencyId: elsewhere.agency })).status,
    ).toBe(403);
    // Officials, registrars and citizens manage none.
    await t.http.get('/api/v1/webhooks').set(child.official.auth).expect(403);
    expect((await register(t, child.registrar.auth, { url: url('/x'), events: ['appeal.answered'] })).status).toBe(403);
    const citizen = await actors.citizen();
    expect((await register(t, citizen.auth, { url: url('/x'), events: ['appeal.answered'] })).status).toBe(403);
    // Unknown events and malformed bodies are refused with the field named.
    const bad = await register(t, parent.supervisor.auth, { url: url('/x'), events: ['appeal.deleted'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('events');
    // Admins: every agency when none is named; they see all and delete any.
    const admin = await actors.admin();
    const all = await register(t, admin, { url: url('/all'), events: ['appeal.answered'] });
    expect(all.body.agencyId).toBeNull();
    const adminList = (await t.http.get('/api/v1/webhooks').set(admin).expect(200)).body.items as Array<{ id: string }>;
    expect(adminList.map((w) => w.id)).toEqual(expect.arrayContaining([hook.body.id, all.body.id]));
    await t.http
      .delete(`/api/v1/webhooks/${String(all.body.id)}`)
      .set(admin)
      .expect(204);
    await t.http
      .delete(`/api/v1/webhooks/${String(hook.body.id)}`)
      .set(child.supervisor.auth)
      .expect(204);
    await t.http
      .get(`/api/v1/webhooks/${String(hook.body.id)}/deliveries`)
      .set(child.supervisor.auth)
      .expect(404);
    await t.http
      .delete(`/api/v1/webhooks/${String(hook.body.id)}`)
      .set(admin)
      .expect(404);
  });

  it('never tells the official a complaint names about it: no delivery to their endpoint, none listed to them (AOC 594-1.1.2)', async () => {
    const colleague = await new Actors(t).staff('supervisor', child.agencyCode);
    const theirs = await register(t, child.supervisor.auth, { url: url('/named'), events: ['appeal.registered'], agencyId: child.agency });
    const shared = await register(t, colleague.auth, { url: url('/colleague'), events: ['appeal.registered'], agencyId: child.agency });
    const about = (
      await t.http
        .post('/api/v1/appeals')
        .set(child.registrar.auth)
        .send({
          type: 'complaint',
          agencyId: child.agency,
          subject: 'Rəhbərin hərəkətsizliyi',
          text: 'Şöbə rəhbəri müraciətlərimə üç aydır cavab vermir, qəbula da yazılmağa imkan vermir.',
          applicant: { kind: 'natural', fullName: 'Kazımov Rauf', address: 'Bakı, Xətai r., 8' },
          channel: 'post',
          receivedOn: '2026-03-02',
          respondentOfficialId: child.supervisor.id,
        })
        .expect(201)
    ).body as { id: string };
    const plain = await recordPaperAppeal(t, child.registrar, child.agency, '2026-03-02');
    const appealIds = (path: string) => receiver.events(path).map((e) => e.data.appealId);
    await until(
      async () => appealIds('/colleague'),
      (ids) => ids.includes(about.id) && ids.includes(plain.id),
    );
    await until(
      async () => appealIds('/named'),
      (ids) => ids.includes(plain.id),
    );
    // Written (or not) by the database in the intake's transaction: nothing later can add it.
    const db = t.app.get(Db);
    expect(
      await db.query(`SELECT 1 FROM webhook_deliveries WHERE subscription_id = $1 AND appeal_id = $2`, [theirs.body.id, about.id]),
    ).toEqual([]);
    expect(appealIds('/named')).not.toContain(about.id);
    // The colleague's endpoint carries it, but its delivery list hides it from the named official.
    expect((await deliveries(shared.body.id as string, colleague.auth)).map((d) => d.appealId)).toContain(about.id);
    const seenByNamed = (await deliveries(shared.body.id as string, child.supervisor.auth)).map((d) => d.appealId);
    expect(seenByNamed).toContain(plain.id);
    expect(seenByNamed).not.toContain(about.id);
  });

  it('replays a registration with the same Idempotency-Key (one subscription, one secret)', async () => {
    const body = { url: url('/idem'), events: ['appeal.assigned'], agencyId: child.agency };
    const first = await t.http
      .post('/api/v1/webhooks')
      .set(parent.supervisor.auth)
      .set('Idempotency-Key', 'hook-idem-1')
      .send(body)
      .expect(201);
    created.push(first.body.id as string);
    const again = await t.http
      .post('/api/v1/webhooks')
      .set(parent.supervisor.auth)
      .set('Idempotency-Key', 'hook-idem-1')
      .send(body)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('describes the webhook routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http.get('/docs-json').expect(200)).body.paths as object);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries']));
  });
});
