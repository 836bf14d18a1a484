import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { Actors, TestUser } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

jest.setTimeout(30_000);

/**
 * Issue 13, the flows that send mail, with the mail read from a real SMTP server: e-mail
 * verification (on, as in production), "forgot password", an admin's reset link, and the second
 * factor (TOTP) with STAFF_TOTP_REQUIRED.
 */
describe('account flows with mail (e2e)', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let mtax: string;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, AUTH_REQUIRE_EMAIL_VERIFICATION: 'true', STAFF_TOTP_REQUIRED: 'supervisor' } });
    actors = new Actors(t);
    mtax = await actors.agencyId('MTAX');
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The link of the latest mail to `to` whose link starts with `path`, and its token. */
  async function mailedLink(to: string, path: string): Promise<{ link: string; token: string; text: string }> {
    const pattern = new RegExp(`http://portal\\.test${path}\\?token=([A-Za-z0-9_-]+)`);
    await smtp.waitFor(() => smtp.to(to).some((m) => pattern.test(m.text)));
    const mail = smtp
      .to(to)
      .filter((m) => pattern.test(m.text))
      .at(-1);
    const match = pattern.exec(mail?.text ?? '') as RegExpExecArray;
    return { link: match[0], token: match[1], text: mail?.text ?? '' };
  }

  const appeal = (email?: string) => ({
    type: 'application',
    agencyId: mtax,
    subject: 'Arayışın verilməsi',
    text: 'Vergi borcunun olmaması barədə arayış almaq istəyirəm.',
    applicant: { kind: 'natural', fullName: 'Həsənova Nərgiz', address: 'Bakı, Azadlıq pr. 5', ...(email ? { email } : {}) },
  });

  describe('e-mail verification', () => {
    it('mails a one-time link at registration; until it is opened the citizen signs in but cannot submit (403 EMAIL_NOT_VERIFIED)', async () => {
      const citizen = await actors.citizen('Həsənova Nərgiz');
      const { link, token, text } = await mailedLink(citizen.email, '/verify-email');
      expect(link).toBe(`http://portal.test/verify-email?token=${token}`);
      expect(text).toContain('Hörmətli Həsənova Nərgiz');
      expect((await t.http.get('/api/v1/me').set(citizen.auth).expect(200)).body.emailVerified).toBe(false);

      const refused = await t.http.post('/api/v1/appeals').set(citizen.auth).send(appeal(citizen.email)).expect(403);
      expect(refused.body).toMatchObject({ status: 403, code: 'EMAIL_NOT_VERIFIED' });
      // The page says so before the form is filled in.
      const web = new WebClient(t);
      await web.signIn(citizen.email, citizen.password);
      expect((await web.get('/appeals/new')).text).toContain('data-email-verified="false"');

      // Only a hash of the token is stored.
      const stored = await withOwnerConnection(
        async (db) => (await db.query(`SELECT encode(token_hash, 'hex') AS h FROM user_tokens WHERE user_id = $1`, [citizen.id])).rows,
      );
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);

      await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);
      // The session's cached account changes at once, without signing in again.
      expect((await t.http.get('/api/v1/me').set(citizen.auth).expect(200)).body.emailVerified).toBe(true);
      await t.http.post('/api/v1/appeals').set(citizen.auth).send(appeal(citizen.email)).expect(201);
      // Once: the same link again is refused.
      const again = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(422);
      expect(again.body).toMatchObject({ code: 'TOKEN_INVALID', errors: [{ field: 'token' }] });
      await t.http
        .post('/api/v1/auth/verify-email')
        .send({ token: 'x'.repeat(43) })
        .expect(422);
    });

    it('the web form refuses an unverified citizen as the API does, and takes the appeal once the e-mail is proved', async () => {
      const citizen = await actors.citizen();
      const { token } = await mailedLink(citizen.email, '/verify-email');
      const web = new WebClient(t);
      await web.signIn(citizen.email, citizen.password);
      const form = {
        type: 'application',
        agencyId: mtax,
        subject: 'Arayışın verilməsi',
        text: 'Vergi borcunun olmaması barədə arayış almaq istəyirəm.',
        'applicant.kind': 'natural',
        'applicant.fullName': 'Həsənova Nərgiz',
        'applicant.address': 'Bakı, Azadlıq pr. 5',
        'applicant.email': citizen.email,
      };
      await web.get('/appeals/new');
      const refused = await web.postMultipart('/appeals/new', { ...form, idempotencyKey: randomUUID() }, {});
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('əvvəlcə e-poçt ünvanınızı təsdiq edin');
      expect((await t.http.get('/api/v1/appeals').set(citizen.auth).expect(200)).body.items).toEqual([]);

      await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);
      await web.get('/appeals/new');
      const accepted = await web.postMultipart('/appeals/new', { ...form, idempotencyKey: randomUUID() }, {});
      expect(accepted.status).toBe(303);
      expect(accepted.headers.location).toMatch(/^\/my\/appeals\/[0-9a-f-]{36}\/registered$/);
    });

    it("never mails an address the account does not own: a portal appeal's applicant e-mail must be the account's", async () => {
      const citizen = await verifiedCitizen();
      const victim = `victim-${randomUUID()}@mail.test`;
      const refused = await t.http.post('/api/v1/appeals').set(citizen.auth).send(appeal(victim)).expect(422);
      expect(refused.body).toMatchObject({ code: 'APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT', errors: [{ field: 'applicant.email' }] });
      // Any letter case of the account's own address is taken, and recorded as the account spells it.
      const created = await t.http.post('/api/v1/appeals').set(citizen.auth).send(appeal(citizen.email.toUpperCase())).expect(201);
      const detail = (await t.http.get(`/api/v1/appeals/${created.body.id}`).set(citizen.auth).expect(200)).body;
      expect(detail.applicant.email).toBe(citizen.email);
      await smtp.waitFor(() => smtp.to(citizen.email).some((m) => m.subject.includes(created.body.registrationNumber)));
      // Left out, the applicant is answered by post (Art. 6.7): accepted, nobody mailed.
      await t.http.post('/api/v1/appeals').set(citizen.auth).send(appeal()).expect(201);
      expect(smtp.to(victim)).toEqual([]);
    });

    it('the page link only shows a button (a mail scanner opening it verifies nothing); the button verifies', async () => {
      const citizen = await actors.citizen();
      const { token } = await mailedLink(citizen.email, '/verify-email');
      const web = new WebClient(t);
      const page = await web.get(`/verify-email?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('name="token"');
      expect((await t.http.get('/api/v1/me').set(citizen.auth).expect(200)).body.emailVerified).toBe(false);
      const done = await web.post('/verify-email', { token });
      expect(done.status).toBe(200);
      expect(done.text).toContain('E-poçt ünvanınız təsdiq edildi');
      expect((await t.http.get('/api/v1/me').set(citizen.auth).expect(200)).body.emailVerified).toBe(true);
      const reused = await web.post('/verify-email', { token });
      expect(reused.status).toBe(422);
      expect(reused.text).toContain('Bu keçid tanınmır');
    });

    it('mails a new link on request; the earlier one stops working', async () => {
      const citizen = await actors.citizen();
      const first = await mailedLink(citizen.email, '/verify-email');
      await t.http.post('/api/v1/me/verify-email').set(citizen.auth).expect(202);
      await smtp.waitFor(() => smtp.to(citizen.email).length >= 2);
      const second = await mailedLink(citizen.email, '/verify-email');
      expect(second.token).not.toBe(first.token);
      await t.http.post('/api/v1/auth/verify-email').send({ token: first.token }).expect(422);
      await t.http.post('/api/v1/auth/verify-email').send({ token: second.token }).expect(204);
    });
  });

  describe('forgotten password', () => {
    it('answers 202 whether or not the address has an account, and mails a link only to an account', async () => {
      const citizen = await verifiedCitizen();
      const unknown = `nobody-${randomUUID()}@mail.test`;
      const known = await t.http.post('/api/v1/auth/password-reset').send({ email: citizen.email }).expect(202);
      const none = await t.http.post('/api/v1/auth/password-reset').send({ email: unknown }).expect(202);
      expect(none.body).toEqual(known.body);
      expect(none.headers['content-length']).toBe(known.headers['content-length']);
      await mailedLink(citizen.email, '/password-reset');
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.to(unknown)).toEqual([]);
    });

    it('sets a new password once with the mailed token and ends every session', async () => {
      const citizen = await verifiedCitizen();
      await t.http.post('/api/v1/auth/password-reset').send({ email: citizen.email.toUpperCase() }).expect(202);
      const { token, text } = await mailedLink(citizen.email, '/password-reset');
      expect(text).toContain('yeni şifrə təyin etmək üçün keçid');
      expect(text).toContain('Ссылка действует 1 час');
      expect(text).toContain('The link works once, for 1 hour');
      const weak = await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: 'iloveyouiloveyou' }).expect(422);
      expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');
      // A refused password does not use the token up.
      await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: 'reset-to-this-password' }).expect(204);
      await t.http.get('/api/v1/me').set(citizen.auth).expect(401);
      await t.http.post('/api/v1/auth/login').send({ email: citizen.email, password: citizen.password }).expect(401);
      await actors.login(citizen.email, 'reset-to-this-password');
      const reused = await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, newPassword: 'yet-another-password' })
        .expect(422);
      expect(reused.body.code).toBe('TOKEN_INVALID');
    });

    it('a password changed since the link was mailed voids it (a link read by someone else is no way back in)', async () => {
      const citizen = await verifiedCitizen();
      await t.http.post('/api/v1/auth/password-reset').send({ email: citizen.email }).expect(202);
      const { token } = await mailedLink(citizen.email, '/password-reset');
      await t.http
        .post('/api/v1/me/password')
        .set(citizen.auth)
        .send({ currentPassword: citizen.password, newPassword: 'changed-before-the-link' })
        .expect(204);
      const stale = await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, newPassword: 'taken-over-password' })
        .expect(422);
      expect(stale.body.code).toBe('TOKEN_INVALID');
      await actors.login(citizen.email, 'changed-before-the-link');
    });

    it('refuses an expired link', async () => {
      const citizen = await verifiedCitizen();
      await t.http.post('/api/v1/auth/password-reset').send({ email: citizen.email }).expect(202);
      const { token } = await mailedLink(citizen.email, '/password-reset');
      await withOwnerConnection((db) =>
        db.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [citizen.id]),
      );
      const expired = await t.http
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, newPassword: 'too-late-password' })
        .expect(422);
      expect(expired.body.code).toBe('TOKEN_INVALID');
    });

    it('an admin has a reset link mailed to an official; the pages set the new password', async () => {
      const official = await actors.staff('official', 'MTAX');
      await t.http
        .post(`/api/v1/users/${official.id}/password-reset`)
        .set(await actors.admin())
        .expect(202);
      const { token } = await mailedLink(official.email, '/password-reset');
      const web = new WebClient(t);
      const form = await web.get(`/password-reset?token=${token}`);
      expect(form.text).toContain('name="newPassword"');
      const done = await web.post('/password-reset/confirm', { token, newPassword: 'set-on-the-page-pw' });
      expect(done.status).toBe(200);
      await t.http.get('/api/v1/me').set(official.auth).expect(401);
      await actors.login(official.email, 'set-on-the-page-pw');
      const audit = await withOwnerConnection(async (db) =>
        (await db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [official.id])).rows.map((r) => r.action),
      );
      expect(audit).toEqual(expect.arrayContaining(['user.created', 'user.password_reset_sent', 'user.password_reset']));
    });
  });

  describe('second factor (TOTP, RFC 6238)', () => {
    const code = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

    it('enrols with the first code, then asks for a fresh code at every sign-in; a replayed code is refused', async () => {
      const official = await actors.staff('official', 'MTAX');
      const enrolment = (await t.http.post('/api/v1/me/totp').set(official.auth).expect(201)).body;
      expect(enrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
      // Stored encrypted, never in clear.
      const stored = await withOwnerConnection(
        async (db) => (await db.query(`SELECT totp_secret FROM users WHERE id = $1`, [official.id])).rows[0].totp_secret as Buffer,
      );
      expect(stored.toString('latin1')).not.toContain(enrolment.secret);
      await t.http
        .post('/api/v1/me/totp/confirm')
        .set(official.auth)
        .send({ code: '000000' === code(enrolment.secret) ? '111111' : '000000' })
        .expect(422);
      await t.http
        .post('/api/v1/me/totp/confirm')
        .set(official.auth)
        .send({ code: code(enrolment.secret) })
        .expect(204);
      expect((await t.http.get('/api/v1/me/totp').set(official.auth).expect(200)).body).toEqual({
        enabled: true,
        required: false,
        pending: false,
      });
      // The secret is never shown again.
      const restart = await t.http.post('/api/v1/me/totp').set(official.auth).expect(409);
      expect(restart.body.code).toBe('TOTP_ALREADY_ENABLED');

      const login = (totp?: string) =>
        t.http.post('/api/v1/auth/login').send({ email: official.email, password: official.password, ...(totp ? { totp } : {}) });
      expect((await login()).body.code).toBe('TOTP_REQUIRED');
      expect((await login('123456')).status).toBe(401);
      // The next time step's code (within the one-step tolerance): newer than the one used at enrolment.
      const next = code(enrolment.secret, 30);
      const ok = await login(next);
      expect(ok.status).toBe(200);
      const replay = await login(next);
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('TOTP_INVALID');
    });

    it('STAFF_TOTP_REQUIRED: a supervisor without a second factor signs in but may only enrol; then works on', async () => {
      const supervisor = await actors.staff('supervisor', 'MTAX');
      const blocked = await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(403);
      expect(blocked.body.code).toBe('TOTP_ENROLMENT_REQUIRED');
      await t.http.get('/api/v1/me').set(supervisor.auth).expect(200);
      expect((await t.http.get('/api/v1/me/totp').set(supervisor.auth).expect(200)).body).toEqual({
        enabled: false,
        required: true,
        pending: false,
      });
      const { secret } = (await t.http.post('/api/v1/me/totp').set(supervisor.auth).expect(201)).body;
      await t.http
        .post('/api/v1/me/totp/confirm')
        .set(supervisor.auth)
        .send({ code: code(secret) })
        .expect(204);
      await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200);
      // Required for the role: it cannot be turned off.
      await t.http
        .post('/api/v1/me/totp/disable')
        .set(supervisor.auth)
        .send({ code: code(secret, 30) })
        .expect(403);
      // The pages send such an account to enrol first.
      const fresh = await actors.staff('supervisor', 'MTAX');
      const web = new WebClient(t);
      await web.get('/login');
      const signIn = await web.post('/login', { email: fresh.email, password: fresh.password });
      expect(signIn.headers.location).toBe('/account');
      expect((await web.get('/supervision')).headers.location).toBe('/account');
      expect((await web.get('/account')).text).toContain('data-totp="required"');
    });

    it('an admin removes a lost device: the sessions end and the user signs in with the password alone', async () => {
      const official = await actors.staff('official', 'MTAX');
      const { secret } = (await t.http.post('/api/v1/me/totp').set(official.auth).expect(201)).body;
      await t.http
        .post('/api/v1/me/totp/confirm')
        .set(official.auth)
        .send({ code: code(secret) })
        .expect(204);
      await t.http
        .post(`/api/v1/users/${official.id}/totp-reset`)
        .set(await actors.admin())
        .expect(204);
      await t.http.get('/api/v1/me').set(official.auth).expect(401);
      await actors.login(official.email, official.password);
    });
  });

  /** A citizen who opened the verification link through the API, as a client would. */
  async function verifiedCitizen(): Promise<TestUser> {
    const citizen = await actors.citizen();
    const { token } = await mailedLink(citizen.email, '/verify-email');
    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);
    return citizen;
  }

  it('the admin pages list users and change one (audited, sessions ended)', async () => {
    const official = await actors.staff('official', 'MTAX');
    const web = new WebClient(t);
    await web.signIn(ADMIN.email, ADMIN.password);
    const list = await web.get(`/admin/users?q=${encodeURIComponent(official.email)}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`data-user="${official.id}"`);
    const page = await web.get(`/admin/users/${official.id}`);
    expect(page.text).toContain(official.email);
    const saved = await web.post(`/admin/users/${official.id}`, {
      fullName: 'Dəyişmiş Ad',
      role: 'official',
      agencyId: mtax,
      active: 'false',
    });
    expect(saved.status).toBe(303);
    await t.http.get('/api/v1/me').set(official.auth).expect(401);
    const user = (
      await t.http
        .get(`/api/v1/users/${official.id}`)
        .set(await actors.admin())
        .expect(200)
    ).body;
    expect(user).toMatchObject({ fullName: 'Dəyişmiş Ad', active: false });
  });

  it('the account page changes the password, with the policy said in Azerbaijani', async () => {
    const citizen = await verifiedCitizen();
    const web = new WebClient(t);
    await web.signIn(citizen.email, citizen.password);
    await web.get('/account');
    const weak = await web.post('/account/password', { currentPassword: citizen.password, newPassword: 'qwerty123456' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('Bu şifrə ən çox işlədilən şifrələrdəndir');
    const done = await web.post('/account/password', { currentPassword: citizen.password, newPassword: 'page-changed-password' });
    expect(done.status).toBe(303);
    await t.http.get('/api/v1/me').set(citizen.auth).expect(401);
  });
});
