import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Db } from '../../src/platform/database/db';
import { Actors } from '../support/actors';
import { launchBrowser, pageProblems, screenshot } from '../support/browser';
import { freePort, LocalOidcProvider, startOidcProvider } from '../support/oidc-provider';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 16, sign-in through the state's identity provider: a real OpenID Connect provider
 * (oidc-provider, its own process) and the app, driven in headless Chromium. The provider is on
 * `localhost`, the app on `127.0.0.1`: the callback is a cross-site redirect, as in production.
 */
jest.setTimeout(90_000);

describe('sign-in with e-ID (OpenID Connect)', () => {
  let t: TestApp;
  let off: TestApp;
  let idp: LocalOidcProvider;
  let browser: Browser;
  let actors: Actors;
  let base: string;
  let db: Db;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    [idp, browser] = await Promise.all([startOidcProvider(`${base}/auth/oidc/callback`), launchBrowser()]);
    t = await startTestApp({
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_REDIRECT_URL: `${base}/auth/oidc/callback`,
      },
    });
    await t.app.listen(port, '127.0.0.1');
    actors = new Actors(t);
    db = t.app.get(Db);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await off?.close();
    await idp?.stop();
  });

  /** A person at the provider, with a fresh subject and e-mail unless given. */
  async function person(
    claims: { email?: string; email_verified?: boolean; name?: string } = {},
  ): Promise<{ subject: string; email: string }> {
    const subject = `eid-${randomUUID()}`;
    const email = claims.email ?? `${subject}@eid.test`;
    await idp.account(subject, { email, email_verified: true, name: 'Hüseynova Aygün Elçin qızı', ...claims });
    return { subject, email };
  }

  /** From the login page through the provider and back; returns the page where the browser ended and the callback's status. */
  async function signInWithEid(context: BrowserContext, subject: string): Promise<{ page: Page; status: number | undefined }> {
    await idp.signInAs(subject);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    expect(await pageProblems(page)).toEqual([]);
    const callback = page.waitForResponse((response) => response.url().startsWith(`${base}/auth/oidc/callback`));
    await page.click('#oidc-login');
    const status = (await callback).status();
    await page.waitForLoadState('domcontentloaded');
    return { page, status };
  }

  /** A person who signed in once by e-ID (a citizen account was made for them). */
  async function eidCitizen(): Promise<{ subject: string; userId: string }> {
    const { subject, email } = await person();
    const context = await browser.newContext();
    expect((await signInWithEid(context, subject)).status).toBe(303);
    await context.close();
    const [user] = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
    return { subject, userId: user.id };
  }

  /**
   * The redirects walked one by one with the browser's cookies (Playwright cannot intercept a
   * redirect's target), so the test decides what reaches the app's callback; returns its URL.
   */
  async function callbackUrl(context: BrowserContext, start: string): Promise<URL> {
    let next = start;
    while (!next.startsWith(`${base}/auth/oidc/callback`)) {
      const response = await context.request.get(next, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      next = new URL(response.headers().location, next).href;
    }
    return new URL(next);
  }

  async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
    return (await context.cookies(base)).find((cookie) => cookie.name === 'em_session')?.value || undefined;
  }

  async function identitiesOf(subject: string): Promise<Array<{ userId: string; issuer: string }>> {
    return db.query(`SELECT user_id AS "userId", issuer FROM user_identities WHERE subject = $1`, [subject]);
  }

  it('signs a new person in as a citizen, links the account by subject, and reuses it on the next sign-in', async () => {
    const { subject, email } = await person();
    const first = await browser.newContext();
    const { page, status } = await signInWithEid(first, subject);
    expect(status).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/my/appeals');
    await screenshot(page, 'oidc-signed-in');
    expect(await sessionCookie(first)).toBeDefined();

    const [link] = await identitiesOf(subject);
    expect(link.issuer).toBe(idp.issuer);
    const [user] = await db.query<{ id: string; role: string; fullName: string; verified: boolean }>(
      `SELECT id, role, full_name AS "fullName", email_verified_at IS NOT NULL AS verified FROM users WHERE email = $1`,
      [email],
    );
    expect(user).toEqual({ id: link.userId, role: 'citizen', fullName: 'Hüseynova Aygün Elçin qızı', verified: true });
    // The page session is the API's: the same token works as a bearer.
    const me = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await sessionCookie(first)}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id, email, role: 'citizen' });
    await first.close();

    // A new browser, a new provider session: the same subject finds the same account.
    const second = await browser.newContext();
    const again = await signInWithEid(second, subject);
    expect(again.status).toBe(303);
    expect(new URL(again.page.url()).pathname).toBe('/my/appeals');
    expect(await identitiesOf(subject)).toEqual([link]);
    expect(await db.query(`SELECT id FROM users WHERE email = $1`, [email])).toEqual([{ id: user.id }]);
    const events = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [user.id]);
    expect(events.map((e) => e.action)).toEqual(['user.registered', 'session.started', 'session.started']);
    await second.close();
  });

  it('links an existing citizen account by the verified e-mail, and takes an unverified one only for a new account', async () => {
    const citizen = await actors.citizen();
    const { subject } = await person({ email: citizen.email.toUpperCase() });
    const context = await browser.newContext();
    expect((await signInWithEid(context, subject)).status).toBe(303);
    expect(await identitiesOf(subject)).toEqual([{ userId: citizen.id, issuer: idp.issuer }]);
    await context.close();

    // email_verified false: the address neither joins the existing account nor counts as proved.
    const squatter = await person({ email: citizen.email, email_verified: false });
    const refused = await browser.newContext();
    const attempt = await signInWithEid(refused, squatter.subject);
    expect(attempt.status).toBe(403);
    expect(await sessionCookie(refused)).toBeUndefined();
    expect(await identitiesOf(squatter.subject)).toEqual([]);
    await refused.close();

    const fresh = await person({ email_verified: false });
    const other = await browser.newContext();
    expect((await signInWithEid(other, fresh.subject)).status).toBe(303);
    const [row] = await db.query<{ verified: boolean }>(`SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE email = $1`, [
      fresh.email,
    ]);
    expect(row.verified).toBe(false);
    await other.close();
  });

  it('never signs in as staff: a provider account claiming an official e-mail is refused and audited', async () => {
    const registrar = await actors.staff('registrar', 'BAKU-NASIMI');
    const { subject } = await person({ email: registrar.email, email_verified: true, name: 'Attacker' });
    const context = await browser.newContext();
    const { page, status } = await signInWithEid(context, subject);
    expect(status).toBe(403);
    expect(await page.textContent('.form-error')).toMatch(/avtomatik qoşula bilməz/);
    await screenshot(page, 'oidc-staff-refused');
    expect(await sessionCookie(context)).toBeUndefined();
    expect(await identitiesOf(subject)).toEqual([]);
    const office = await context.newPage();
    await office.goto(`${base}/office`);
    expect(new URL(office.url()).pathname).toBe('/login');
    const [audit] = await db.query<{ data: { reason: string } }>(
      `SELECT data FROM audit_log WHERE action = 'user.identity_refused' AND subject_id = $1`,
      [registrar.id],
    );
    expect(audit.data.reason).toBe('staff_account_email');
    // The official's own account is unchanged: no new account was made with that e-mail either.
    expect(await db.query(`SELECT role FROM users WHERE email = $1`, [registrar.email])).toEqual([{ role: 'registrar' }]);
    await context.close();
  });

  it('refuses a deactivated account', async () => {
    const { subject, userId } = await eidCitizen();
    await t.http
      .patch(`/api/v1/users/${userId}`)
      .set(await actors.admin())
      .send({ active: false })
      .expect(200);

    const later = await browser.newContext();
    const { status } = await signInWithEid(later, subject);
    expect(status).toBe(403);
    expect(await sessionCookie(later)).toBeUndefined();
    await later.close();
  });

  it('refuses a tampered, a foreign and a replayed state with 400 and no session', async () => {
    const { subject } = await person();
    await idp.signInAs(subject);
    const context = await browser.newContext();
    const page = await context.newPage();
    const genuine = await callbackUrl(context, `${base}/auth/oidc/login`);
    expect(await sessionCookie(context)).toBeUndefined();
    const state = genuine.searchParams.get('state') as string;

    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect((await page.goto(tampered.href))?.status()).toBe(400);
    expect(await sessionCookie(context)).toBeUndefined();

    // Another browser (no state cookie) with the genuine URL: a planted callback signs nobody in.
    const foreign = await browser.newContext();
    const foreignPage = await foreign.newPage();
    expect((await foreignPage.goto(genuine.href))?.status()).toBe(400);
    expect(await sessionCookie(foreign)).toBeUndefined();
    // The refusals did not use the sign-in up: the genuine callback in its own browser still works
    // (the tampered attempt's answer cleared the state cookie, so it is put back).
    await context.addCookies([{ name: 'em_oidc', value: state, url: base }]);
    expect((await page.goto(genuine.href))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/my/appeals');
    expect(await sessionCookie(context)).toBeDefined();

    // Replayed afterwards, even with the state cookie copied too: the state was used.
    await foreign.addCookies([{ name: 'em_oidc', value: state, url: base }]);
    const replay = await foreignPage.goto(genuine.href);
    expect(replay?.status()).toBe(400);
    expect(await foreignPage.textContent('.form-error')).toMatch(/istifadə olunub/);
    expect(await sessionCookie(foreign)).toBeUndefined();
    await foreign.close();
    await context.close();
  });

  /** A browser signed in with an API session's token (the page cookie holds the same token). */
  async function signedInContext(token: string): Promise<BrowserContext> {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'em_session', value: token, url: base }]);
    return context;
  }

  /** Step one of linking on the account page: the current password re-entered; returns the status of the answer. */
  async function confirmLink(page: Page, password: string): Promise<number | undefined> {
    await page.goto(`${base}/account`);
    await page.fill('#eid-currentPassword', password);
    const answer = page.waitForResponse((response) => response.url() === `${base}/account/e-id`);
    await page.click('form[action="/account/e-id"] button[type="submit"]');
    const status = (await answer).status();
    await page.waitForLoadState('domcontentloaded');
    return status;
  }

  /** Follows "Sign in with e-ID to link it" through the provider; returns the callback's status. */
  async function followLink(page: Page, subject: string): Promise<number | undefined> {
    await idp.signInAs(subject);
    const callback = page.waitForResponse((response) => response.url().startsWith(`${base}/auth/oidc/callback`));
    await page.click('#eid-link');
    const status = (await callback).status();
    await page.waitForLoadState('domcontentloaded');
    return status;
  }

  async function linkAudits(userId: string): Promise<Array<{ data: Record<string, unknown> }>> {
    return db.query(`SELECT data FROM audit_log WHERE action = 'user.identity_linked' AND subject_id = $1`, [userId]);
  }

  it('lets a staff member link their e-ID after re-entering the password, then sign in with it, until an admin removes the link', async () => {
    const registrar = await actors.staff('registrar', 'BAKU-NASIMI');
    // The provider's e-mail is not the official's: the link is by the holder's confirmation, not by address.
    const { subject } = await person({ name: 'Məmmədov Rauf' });
    const context = await signedInContext(registrar.token);
    const page = await context.newPage();
    await page.goto(`${base}/account`);
    expect(await page.$('#eid-link')).toBeNull();
    expect(await pageProblems(page)).toEqual([]);

    expect(await confirmLink(page, registrar.password)).toBe(303);
    expect(new URL(page.url()).search).toBe('?done=eid-confirmed');
    expect(await page.getAttribute('#eid-link', 'href')).toBe('/auth/oidc/login?link=1');
    await screenshot(page, 'oidc-link-confirmed');

    expect(await followLink(page, subject)).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(new URL(page.url()).search).toBe('?done=eid');
    expect(await identitiesOf(subject)).toEqual([{ userId: registrar.id, issuer: idp.issuer }]);
    expect(await linkAudits(registrar.id)).toEqual([{ data: { issuer: idp.issuer, via: 'self' } }]);
    // The session that linked goes on, and the confirmation was used up.
    expect(await sessionCookie(context)).toBe(registrar.token);
    expect(await page.$('#eid-link')).toBeNull();
    await context.close();

    // From now on the official signs in with the e-ID, to their own account and home.
    const later = await browser.newContext();
    const signIn = await signInWithEid(later, subject);
    expect(signIn.status).toBe(303);
    expect(new URL(signIn.page.url()).pathname).toBe('/office');
    const me = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${await sessionCookie(later)}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: registrar.id, role: 'registrar' });

    // The official cannot remove links (their own or anyone's); the admin can, from the user's page.
    const officialPage = await later.newPage();
    await officialPage.goto(`${base}/admin/users/${registrar.id}`);
    expect(await officialPage.$('#eid-unlink')).toBeNull();
    await later.close();
    const adminToken = (await actors.admin()).Authorization.slice('Bearer '.length);
    const adminBrowser = await signedInContext(adminToken);
    const adminPage = await adminBrowser.newPage();
    await adminPage.goto(`${base}/admin/users/${registrar.id}`);
    await adminPage.click('#eid-unlink');
    await adminPage.waitForURL(`${base}/admin/users/${registrar.id}?done=e-id`);
    expect(await adminPage.$('#eid-unlink')).toBeNull();
    expect(await identitiesOf(subject)).toEqual([]);
    const [unlinked] = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit_log WHERE action = 'user.identity_unlinked' AND subject_id = $1`,
      [registrar.id],
    );
    expect(unlinked.data).toEqual({ issuers: [idp.issuer], count: 1 });
    await adminBrowser.close();
  });

  it('refuses a link without the password re-entered, with a wrong password, and from another session', async () => {
    const official = await actors.staff('official', 'BAKU-NASIMI');
    const { subject } = await person();
    const context = await signedInContext(official.token);
    const page = await context.newPage();

    // Straight to the link, no confirmation: refused before the provider, nothing linked.
    const direct = await page.goto(`${base}/auth/oidc/login?link=1`);
    expect(direct?.status()).toBe(403);
    expect(new URL(page.url()).origin).toBe(base);
    expect(await page.textContent('.form-error')).toMatch(/şifrənizlə təsdiq edin/);

    // A wrong password makes no intent.
    expect(await confirmLink(page, 'not-the-password-1')).toBe(422);
    expect(await page.$('#eid-link')).toBeNull();
    expect((await page.goto(`${base}/auth/oidc/login?link=1`))?.status()).toBe(403);

    // Confirmed in this session: another session of the same account cannot use it.
    expect(await confirmLink(page, official.password)).toBe(303);
    const other = await signedInContext(await actors.login(official.email, official.password));
    const otherPage = await other.newPage();
    await otherPage.goto(`${base}/account`);
    expect(await otherPage.$('#eid-link')).toBeNull();
    expect((await otherPage.goto(`${base}/auth/oidc/login?link=1`))?.status()).toBe(403);

    // The genuine session starts the link; its callback carried to the other session (state cookie copied) links nothing.
    await idp.signInAs(subject);
    const carried = await callbackUrl(context, `${base}/auth/oidc/login?link=1`);
    await other.addCookies([{ name: 'em_oidc', value: carried.searchParams.get('state') as string, url: base }]);
    expect((await otherPage.goto(carried.href))?.status()).toBe(400);
    expect(await identitiesOf(subject)).toEqual([]);
    expect(await linkAudits(official.id)).toEqual([]);
    // Signed out, the link route sends to the sign-in page rather than the provider.
    const anonymous = await browser.newContext();
    const anonymousPage = await anonymous.newPage();
    await anonymousPage.goto(`${base}/auth/oidc/login?link=1`);
    expect(new URL(anonymousPage.url()).pathname).toBe('/login');
    await Promise.all([context.close(), other.close(), anonymous.close()]);
  });

  it('never links a subject already linked to a citizen account to a staff account', async () => {
    const { subject, userId: citizenId } = await eidCitizen();

    const supervisor = await actors.staff('supervisor', 'BAKU-NASIMI');
    const context = await signedInContext(supervisor.token);
    const page = await context.newPage();
    expect(await confirmLink(page, supervisor.password)).toBe(303);
    expect(await followLink(page, subject)).toBe(409);
    expect(await page.textContent('.form-error')).toMatch(/başqa hesaba qoşulub/);
    await screenshot(page, 'oidc-link-taken');
    expect(await identitiesOf(subject)).toEqual([{ userId: citizenId, issuer: idp.issuer }]);
    expect(await linkAudits(supervisor.id)).toEqual([]);
    // The supervisor is still signed in as themselves; the e-ID still signs the citizen in.
    expect(await sessionCookie(context)).toBe(supervisor.token);
    await context.close();
    const again = await browser.newContext();
    const signIn = await signInWithEid(again, subject);
    expect(new URL(signIn.page.url()).pathname).toBe('/my/appeals');
    await again.close();
  });

  it('is off without configuration: no button, and its routes are 404', async () => {
    off = await startTestApp();
    const login = await off.http.get('/login').expect(200);
    expect(login.text).not.toContain('oidc-login');
    await off.http.get('/auth/oidc/login').expect(404);
    await off.http.get('/auth/oidc/callback?code=x&state=y').expect(404);
    // Configured, the button is there.
    expect((await t.http.get('/login').expect(200)).text).toContain('href="/auth/oidc/login"');
  });
});
