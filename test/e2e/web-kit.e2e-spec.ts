import { Actors, TestUser } from '../support/actors';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/**
 * Issue 15's web kit: headers from @fastify/helmet, cookies from @fastify/cookie, CSRF tokens from
 * @fastify/csrf-protection (bound to the session), page roles declared by decorators and checked by
 * the page guard, and an HTML error page for a browser that asks for an unknown route.
 */
describe('web kit (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let official: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
    official = await actors.staff('official', 'MTAX');
  });
  afterAll(() => t.close());

  it('answers a browser on an unknown route with an HTML page: lang, title and a way back; API clients keep problem+json', async () => {
    const page = await t.http.get('/no/such/page').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/^<!doctype html>/i);
    expect(page.text).toContain('<html lang="az"');
    expect(page.text).toMatch(/<title>[^<]+<\/title>/);
    expect(page.text).toContain('href="/"');
    expect(page.text).not.toContain('ROUTE_NOT_FOUND');

    const english = await t.http.get('/no/such/page').set('accept', 'text/html').set('cookie', 'em_lang=en').expect(404);
    expect(english.text).toContain('<html lang="en"');
    expect(english.text).toContain('No such page or case.');

    const api = await t.http.get('/no/such/page').set('accept', 'application/json').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body.code).toBe('ROUTE_NOT_FOUND');
    // Under /api/ a browser still gets problem+json: it is the API.
    const apiFromBrowser = await t.http.get('/api/v1/no-such-thing').set('accept', 'text/html').expect(404);
    expect(apiFromBrowser.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("sends helmet's headers on pages, the API and error pages alike", async () => {
    for (const response of [
      await t.http.get('/login'),
      await t.http.get('/api/v1/agencies'),
      await t.http.get('/no/such/page').set('accept', 'text/html'),
    ]) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['permissions-policy']).toContain('camera=()');
    }
  });

  it('refuses a page POST whose CSRF token was forged or left out, and takes the genuine one', async () => {
    const web = new WebClient(t);
    await web.get('/login');
    const genuine = web.csrf;
    expect(genuine.length).toBeGreaterThan(20);
    for (const forged of ['', 'x', genuine.slice(0, -2) + (genuine.endsWith('A') ? 'BB' : 'AA')]) {
      expect((await web.post('/login', { _csrf: forged, email: ADMIN.email, password: ADMIN.password })).status).toBe(403);
    }
    // Another browser's token is no good with this browser's secret cookie.
    const other = new WebClient(t);
    await other.get('/login');
    expect((await web.post('/login', { _csrf: other.csrf, email: ADMIN.email, password: ADMIN.password })).status).toBe(403);
    expect((await web.post('/login', { _csrf: genuine, email: ADMIN.email, password: ADMIN.password })).status).toBe(303);
  });

  it('keeps a page declared for admins from everyone else: signed out to the login page, another role 403, the admin in', async () => {
    const visitor = new WebClient(t);
    const signedOut = await visitor.get('/admin/users');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/login?next=%2Fadmin%2Fusers');

    const staff = new WebClient(t);
    await staff.signIn(official.email, official.password);
    const refused = await staff.get('/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<html lang="az"');
    // The POSTs of the page are held to the same roles, before their form is read.
    expect((await staff.post(`/admin/users/${official.id}/totp-reset`, {})).status).toBe(403);

    const admin = new WebClient(t);
    await admin.signIn(ADMIN.email, ADMIN.password);
    // Searched by e-mail: suites share one database, so the first page of all users may not hold this one.
    const list = await admin.get(`/admin/users?q=${encodeURIComponent(official.email)}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(official.email);
  });
});
