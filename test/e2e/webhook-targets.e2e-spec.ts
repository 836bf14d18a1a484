import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FixedClock } from '../../src/platform/clock/clock';
import { DNS_RESOLVER, Resolver } from '../../src/webhooks/webhook-http';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { baku, caseStaff, recordPaperAppeal, until } from '../support/timers';

/**
 * The server must not become a way into its own network (SSRF): with the production setting
 * (WEBHOOK_ALLOW_PRIVATE_TARGETS unset) loopback, private and reserved targets are refused at
 * registration, and again at delivery after DNS resolution, so a name that turns private later
 * (DNS rebinding) reaches nothing. Names resolve through a table the test controls; no test
 * traffic leaves this machine.
 */
describe('webhook targets (e2e)', () => {
  const dns = new Map<string, string[]>([
    ['hooks.agency.test', ['127.0.0.1']],
    ['mixed.agency.test', ['93.184.216.34', '10.0.0.7']],
  ]);
  const resolver: Resolver = async (host) => {
    const addresses = dns.get(host) ?? (/^[\d.]+$|:/.test(host) ? [host] : undefined);
    if (!addresses) throw new Error(`ENOTFOUND ${host}`);
    return addresses;
  };
  let hits = 0;
  let receiver: Server;
  let port: number;
  let t: TestApp;
  let admin: { Authorization: string };
  let staff: { agency: string; registrar: TestUser };
  const created: string[] = [];

  beforeAll(async () => {
    receiver = createServer((_request, response) => {
      hits++;
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    t = await startTestApp({
      clock: new FixedClock(baku('2026-03-02', '11:00:00')),
      overrides: [{ provide: DNS_RESOLVER, useValue: resolver }],
    });
    const actors = new Actors(t);
    admin = await actors.admin();
    const made = await caseStaff(t, actors, 'CABMIN');
    staff = { agency: made.agency, registrar: made.registrar };
  }, 30_000);

  afterAll(async () => {
    for (const id of created) await t.http.delete(`/api/v1/webhooks/${id}`).set(admin);
    await t.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const register = (target: string, agencyId?: string) =>
    t.http
      .post('/api/v1/webhooks')
      .set(admin)
      .send({ url: target, events: ['appeal.registered'], ...(agencyId ? { agencyId } : {}) });

  it.each([
    ['a loopback address', () => `http://127.0.0.1:${port}/x`],
    ['a private address', () => 'http://10.1.2.3/x'],
    ['a private address', () => 'http://192.168.0.10/x'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', () => 'http://[::1]/x'],
    ['an IPv4-mapped IPv6 loopback', () => 'http://[::ffff:127.0.0.1]/x'],
    ['a decimal spelling of 127.0.0.1', () => 'http://2130706433/x'],
    ['a name that resolves to loopback', () => `http://hooks.agency.test:${port}/x`],
    ['a name with a public and a private address', () => 'https://mixed.agency.test/x'],
    ['a name that does not resolve', () => 'https://nowhere.agency.test/x'],
  ])('refuses %s at registration', async (_what, target) => {
    const refused = await register(target());
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED', errors: [{ field: 'url', message: expect.any(String) }] });
  });

  it('refuses URLs with other schemes or credentials', async () => {
    for (const target of ['ftp://hooks.agency.test/x', 'https://user:secret@hooks.agency.test/x', 'file:///etc/passwd']) {
      const refused = await register(target);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
    }
  });

  it('checks again after DNS at delivery time: a name rebound to loopback is refused before connecting', async () => {
    // Public when registered...
    dns.set('rebind.agency.test', ['93.184.216.34']);
    const hook = await register(`http://rebind.agency.test:${port}/rebind`, staff.agency);
    expect(hook.status).toBe(201);
    created.push(hook.body.id as string);
    // ...loopback by the time an event is delivered.
    dns.set('rebind.agency.test', ['127.0.0.1']);
    await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');
    const [attempt] = await until(
      async () =>
        (
          await t.http
            .get(`/api/v1/webhooks/${String(hook.body.id)}/deliveries`)
            .set(admin)
            .expect(200)
        ).body.items as Array<Record<string, unknown>>,
      (items) => Number(items[0]?.attempts ?? 0) >= 1,
    );
    expect(attempt).toMatchObject({
      event: 'appeal.registered',
      status: 'pending',
      lastResponseCode: null,
      lastError: expect.stringMatching(/loopback, private or reserved/),
      nextAttemptAt: expect.any(String),
    });
    expect(hits).toBe(0);
  }, 30_000);
});
