import { Actors } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/** The pages through HTTP: security headers, CSRF, forms that survive bad input, escaping, no personal data in public. */
describe('web pages (HTTP)', () => {
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
  });
  afterAll(() => t.close());

  it('serves every public page with lang, a title, CSP with frame-ancestors and no framing', async () => {
    const web = new WebClient(t);
    for (const path of ['/', '/agencies', '/login', '/register']) {
      const page = await web.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<html lang="az">/);
      expect(page.text).toMatch(/<title>[^<]+ — e-Müraciət<\/title>/);
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
    const english = await web.get('/lang/en?back=/agencies');
    expect(english.status).toBe(303);
    expect(english.headers.location).toBe('/agencies');
    expect((await web.get('/agencies')).text).toMatch(/<html lang="en">/);
    expect((await web.get('/lang/en?back=//evil.example')).headers.location).toBe('/');
  });

  it('refuses a form POST without the CSRF token (403) and with a token of another browser', async () => {
    const citizen = await actors.citizen();
    const web = new WebClient(t);
    await web.get('/login');
    expect((await web.post('/login', { _csrf: '', email: citizen.email, password: citizen.password })).status).toBe(403);
    const other = new WebClient(t);
    await other.get('/login');
    expect((await web.post('/login', { _csrf: other.csrf, email: citizen.email, password: citizen.password })).status).toBe(403);
    expect((await web.post('/login', { email: citizen.email, password: citizen.password })).status).toBe(303);
  });

  it('shows errors next to the fields, never a 5xx, and keeps what was typed (escaped)', async () => {
    const web = new WebClient(t);
    await web.get('/register');
    const bad = await web.post('/register', { fullName: '<script>alert(1)</script>', email: 'not-an-email', password: 'short' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<p class="error" id="register-email-error" data-field="email">/);
    expect(bad.text).toMatch(/<p class="error" id="register-password-error" data-field="password">/);
    expect(bad.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(bad.text).not.toContain('<script>alert(1)</script>');

    const citizen = await actors.citizen();
    await web.signIn(citizen.email, citizen.password);
    await web.get('/appeals/new');
    // The new-appeal form is multipart only: without a token it is refused, with one it is a 415 page, never a 5xx.
    expect((await web.post('/appeals/new', { _csrf: 'forged', subject: 'x' })).status).toBe(403);
    const wrongType = await web.post('/appeals/new', { subject: 'x' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toMatch(/<html lang="az">/);
  });

  it('sends people who are not signed in to the login page, and the wrong role gets 403', async () => {
    const web = new WebClient(t);
    const response = await web.get('/my/appeals');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2Fmy%2Fappeals');
    const citizen = await actors.citizen();
    await web.signIn(citizen.email, citizen.password);
    for (const path of ['/office', '/supervision', '/admin']) expect((await web.get(path)).status).toBe(403);
    expect((await web.get('/my/appeals/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await web.get('/my/appeals/not-an-id')).status).toBe(404);
  });

  it('sets httpOnly SameSite=Lax session cookies, Secure when PUBLIC_URL is https', async () => {
    const citizen = await actors.citizen();
    const response = await t.http.get('/login');
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookies.join('\n')).toMatch(/em_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://portal.test' } });
    try {
      const web = new WebClient(secure);
      await web.get('/login');
      const login = await web.post('/login', { email: citizen.email, password: citizen.password });
      expect(String(login.headers['set-cookie'])).toMatch(/em_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure/);
    } finally {
      await secure.close();
    }
  });
});
