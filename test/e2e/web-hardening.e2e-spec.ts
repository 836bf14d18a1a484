import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { cookieAttributes, WebClient } from '../support/web-client';

/**
 * Issue 13's web hardening: HSTS only over https, no-store on answers with personal data, CSP and
 * frame protection on /docs, `__Host-` cookies over https, and CSRF tokens bound to the session.
 */
describe('web hardening (e2e)', () => {
  let t: TestApp;
  let secure: TestApp;
  let actors: Actors;
  let citizen: TestUser;

  beforeAll(async () => {
    [t, secure] = await Promise.all([startTestApp(), startTestApp({ env: { PUBLIC_URL: 'https://muraciet.gov.az' } })]);
    actors = new Actors(t);
    citizen = await actors.citizen();
  });
  afterAll(async () => {
    await t.close();
    await secure.close();
  });

  it('sends HSTS only when PUBLIC_URL is https, on the API, the pages and the docs', async () => {
    for (const path of ['/api/v1/agencies', '/', '/docs', '/health']) {
      expect((await t.http.get(path)).headers['strict-transport-security']).toBeUndefined();
      expect((await secure.http.get(path)).headers['strict-transport-security']).toBe('max-age=31536000');
    }
  });

  it('marks API answers with personal data no-store, errors and tokens included', async () => {
    const appeal = (
      await t.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .send({
          type: 'proposal',
          agencyId: await actors.agencyId('MTAX'),
          subject: 'Təklif',
          text: 'Vergi bəyannaməsinin elektron formasını sadələşdirməyi təklif edirəm.',
          applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı' },
        })
        .expect(201)
    ).body;
    const answers = [
      await t.http.post('/api/v1/auth/login').send({ email: citizen.email, password: citizen.password }).expect(200),
      await t.http.get('/api/v1/me').set(citizen.auth).expect(200),
      await t.http.get(`/api/v1/appeals/${appeal.id}`).set(citizen.auth).expect(200),
      await t.http.get('/api/v1/appeals').set(citizen.auth).expect(200),
      await t.http.get(`/api/v1/appeals/${appeal.id}/events`).set(citizen.auth).expect(200),
      await t.http
        .get(`/api/v1/appeals/${appeal.id}`)
        .set((await actors.citizen()).auth)
        .expect(404),
      await t.http.get('/my/appeals'),
    ];
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
    // Static files may still be cached.
    expect((await t.http.get('/assets/site.css').expect(200)).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('puts /docs under a CSP with frame protection, scripts from this origin only', async () => {
    for (const path of ['/docs', '/docs-json']) {
      const response = await t.http.get(path).expect(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("script-src 'self' 'unsafe");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('names the cookies __Host- over https, Secure and for the whole site', async () => {
    const web = new WebClient(secure);
    const page = await web.get('/login');
    expect(cookieAttributes(page.headers['set-cookie'], '__Host-em_csrf')).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
    const login = await web.post('/login', { email: citizen.email, password: citizen.password });
    expect(login.status).toBe(303);
    expect(cookieAttributes(login.headers['set-cookie'], '__Host-em_session')).toEqual(
      expect.arrayContaining(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure', expect.stringMatching(/^Max-Age=\d+$/)]),
    );
    expect(String(login.headers['set-cookie'])).not.toContain('Domain=');
    expect((await web.get('/my/appeals')).status).toBe(200);
    // Over plain http (development) the names stay plain: browsers refuse __Host- without Secure.
    expect(String((await t.http.get('/login')).headers['set-cookie'])).toMatch(/^em_csrf=/);
  });

  it('refuses a CSRF token of one session in another, even in the same browser', async () => {
    const other = await actors.citizen();
    const web = new WebClient(t);
    await web.signIn(citizen.email, citizen.password);
    await web.get('/my/appeals');
    const tokenOfFirst = web.csrf;
    // Not after signing out and in again as someone else (same browser, same secret cookie).
    expect((await web.post('/logout', {})).status).toBe(303);
    await web.signIn(other.email, other.password);
    const replayed = await web.post('/logout', { _csrf: tokenOfFirst });
    expect(replayed.status).toBe(403);
    // Nor before sign-in: a page kept from the signed-in session does not post once signed out.
    await web.get('/my/appeals');
    const signedIn = web.csrf;
    await web.post('/logout', {});
    expect((await web.post('/login', { _csrf: signedIn, email: other.email, password: other.password })).status).toBe(403);
    // The session's own fresh token is accepted.
    await web.get('/login');
    expect((await web.post('/login', { email: other.email, password: other.password })).status).toBe(303);
  });
});
