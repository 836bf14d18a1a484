import { JwtService } from '@nestjs/jwt';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { launch } from '../../src/launcher/launch';
import { GENERATED_SIGNING_KEY } from '../../src/platform/secrets/app-keys';
import { readTestEnv } from '../setup/test-env';
import { Actors, TestUser } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { RedisProxy } from '../support/redis-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

// Argon2 logins and extra app instances, on a machine shared with other test runs.
jest.setTimeout(30_000);

/**
 * Issue 13, the attacks that must now fail: tokens signed with the key once written in the source
 * or any other key, tokens of unknown users, ended sessions, deactivated or re-roled officials;
 * the admins' account management; passwords; the auth routes' abuse limits.
 */
describe('accounts and sessions (e2e)', () => {
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
  });

  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  async function generatedKey(): Promise<Buffer> {
    return withOwnerConnection(
      async (db) =>
        (await db.query<{ value: Buffer }>(`SELECT value FROM app_secrets WHERE name = $1`, [GENERATED_SIGNING_KEY])).rows[0].value,
    );
  }

  function sign(key: Buffer | string, claims: object, subject: string): string {
    return new JwtService({ secret: createSecretKey(Buffer.from(key)) as unknown as string }).sign(claims, {
      subject,
      expiresIn: 600,
      algorithm: 'HS256',
    });
  }

  describe('signing keys', () => {
    it('generates a random key at the first start and keeps it in the database (no JWT_SECRET is set in tests)', async () => {
      expect(t.config.jwtSecret).toBeUndefined();
      const key = await generatedKey();
      expect(key.length).toBeGreaterThanOrEqual(32);
      // A second process on the same database (a restart, another replica) uses the same key: the session carries over.
      const citizen = await actors.citizen();
      const other = await startTestApp();
      try {
        await other.http.get('/api/v1/me').set(citizen.auth).expect(200);
      } finally {
        await other.close();
      }
      expect((await generatedKey()).equals(key)).toBe(true);
    });

    it('refuses an admin token minted with the key that used to be written in the source', async () => {
      const admin = (await me((await actors.admin()).Authorization.slice(7)).expect(200)).body as { id: string };
      const forged = sign('dev-only-secret-change-me-0123456789abcdef', { role: 'admin', agencyId: null }, admin.id);
      const response = await me(forged).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      await t.http.get('/api/v1/users').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('refuses a token signed with any other key, even naming a real open session', async () => {
      const citizen = await actors.citizen();
      const [, payload] = citizen.token.split('.');
      const { sid, sub } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sid: string; sub: string };
      await me(sign(randomBytes(32), { sid }, sub)).expect(401);
      // alg "none": no signature at all.
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      await me(unsigned).expect(401);
    });

    it('refuses a well-signed token of an unknown user or an unknown session', async () => {
      const key = await generatedKey();
      await me(sign(key, { sid: randomUUID() }, randomUUID())).expect(401);
      const citizen = await actors.citizen();
      await me(sign(key, { sid: randomUUID() }, citizen.id)).expect(401);
      // A token without a session id (the old format) names no session.
      await me(sign(key, { role: 'admin', agencyId: null }, citizen.id)).expect(401);
    });

    it('refuses the published sample JWT_SECRET values at start, in every mode', async () => {
      const names = ['NODE_ENV', 'JWT_SECRET', 'ADMIN_PASSWORD'] as const;
      const saved = names.map((name) => process.env[name]);
      const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
        throw new Error(`exit ${code}`);
      }) as never);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        for (const [mode, secret] of [
          ['development', 'dev-only-secret-change-me-0123456789abcdef'],
          ['production', 'compose-only-secret-change-me-0123456789'],
          ['test', 'compose-only-secret-change-me-0123456789'],
        ]) {
          process.env.NODE_ENV = mode;
          process.env.JWT_SECRET = secret;
          process.env.ADMIN_PASSWORD = 'a-long-admin-password';
          await expect(launch()).rejects.toThrow('exit 1');
          expect(String(stderr.mock.calls.at(-1)?.[0])).toContain('JWT_SECRET: a published sample value');
        }
      } finally {
        names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
        exit.mockRestore();
        stderr.mockRestore();
      }
    });
  });

  describe('sessions', () => {
    it('logout ends the session of the token used (204), later calls are 401; other sessions live on', async () => {
      const citizen = await actors.citizen();
      const second = await actors.login(citizen.email, citizen.password);
      await t.http.post('/api/v1/auth/logout').set(citizen.auth).expect(204);
      const after = await me(citizen.token).expect(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      await t.http.post('/api/v1/auth/logout').set(citizen.auth).expect(401);
      await me(second).expect(200);
    });

    it('the page logout ends the session on the server, not only the cookie', async () => {
      const citizen = await actors.citizen();
      const web = new WebClient(t);
      await web.signIn(citizen.email, citizen.password);
      const token = web.cookie('em_session') as string;
      await me(token).expect(200);
      await web.get('/my/appeals');
      expect((await web.post('/logout', {})).status).toBe(303);
      await me(token).expect(401);
    });

    it('a deactivated official is refused at once, whatever token they hold, and cannot sign in', async () => {
      const official = await actors.staff('official', 'MTAX');
      await t.http.get('/api/v1/appeals').set(official.auth).expect(200);
      const patched = await t.http
        .patch(`/api/v1/users/${official.id}`)
        .set(await actors.admin())
        .send({ active: false })
        .expect(200);
      expect(patched.body).toMatchObject({ id: official.id, active: false });
      await t.http.get('/api/v1/appeals').set(official.auth).expect(401);
      const login = await t.http.post('/api/v1/auth/login').send({ email: official.email, password: official.password }).expect(401);
      expect(login.body.code).toBe('INVALID_CREDENTIALS');
      // Nor can a case be given to the departed official: it would wait for someone who can never act.
      const registrar = await actors.staff('registrar', 'MTAX');
      const appeal = (
        await t.http
          .post('/api/v1/appeals')
          .set(registrar.auth)
          .send({
            type: 'application',
            agencyId: await actors.agencyId('MTAX'),
            subject: 'Vergi arayışı',
            text: 'Vergi borcumun olmaması barədə arayış verilməsini xahiş edirəm.',
            applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı, Nəsimi r., 5' },
            channel: 'post',
          })
          .expect(201)
      ).body as { id: string; version: number };
      const refused = await t.http
        .post(`/api/v1/appeals/${appeal.id}/assignment`)
        .set(registrar.auth)
        .send({ executorId: official.id, version: appeal.version })
        .expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'executorId' })]);
      // Back in service: a new sign-in works, the old token stays dead.
      await t.http
        .patch(`/api/v1/users/${official.id}`)
        .set(await actors.admin())
        .send({ active: true })
        .expect(200);
      await me(await actors.login(official.email, official.password)).expect(200);
      await me(official.token).expect(401);
    });

    it('a role or agency change ends every session: the old token never acts with the old role', async () => {
      const supervisor = await actors.staff('supervisor', 'MTAX');
      await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200);
      await t.http
        .patch(`/api/v1/users/${supervisor.id}`)
        .set(await actors.admin())
        .send({ role: 'registrar' })
        .expect(200);
      await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(401);
      const fresh = await actors.login(supervisor.email, supervisor.password);
      const who = (await me(fresh).expect(200)).body;
      expect(who).toMatchObject({ role: 'registrar', agencyId: await actors.agencyId('MTAX') });
      await t.http.get('/api/v1/alerts').set('Authorization', `Bearer ${fresh}`).expect(403);

      await t.http
        .patch(`/api/v1/users/${supervisor.id}`)
        .set(await actors.admin())
        .send({ agencyId: await actors.agencyId('CABMIN') })
        .expect(200);
      await me(fresh).expect(401);
    });

    it('another process refuses a session ended here promptly (Redis pub/sub), although it had the session cached', async () => {
      const other = await startTestApp();
      try {
        const citizen = await actors.citizen();
        // Warm the other process's cache.
        await other.http.get('/api/v1/me').set(citizen.auth).expect(200);
        await other.http.get('/api/v1/me').set(citizen.auth).expect(200);
        await t.http.post('/api/v1/auth/logout').set(citizen.auth).expect(204);
        const started = Date.now();
        let status = 200;
        while (status === 200 && Date.now() - started < 1_000) {
          status = (await other.http.get('/api/v1/me').set(citizen.auth)).status;
          if (status === 200) await new Promise((r) => setTimeout(r, 10));
        }
        expect(status).toBe(401);
        // Well under the cache's 5 s TTL: the message, not the expiry, ended it.
        expect(Date.now() - started).toBeLessThan(1_000);
      } finally {
        await other.close();
      }
    });
  });

  describe('accounts for admins', () => {
    it('lists users by agency, role and text in keyset pages', async () => {
      const mtax = await actors.agencyId('MTAX');
      const tag = randomUUID().slice(0, 8);
      const admin = await actors.admin();
      for (let i = 0; i < 3; i++) {
        await t.http
          .post('/api/v1/users')
          .set(admin)
          .send({
            email: `list-${tag}-${i}@gov.test`,
            password: `list-${tag}-password-${i}`,
            fullName: `Siyahı ${tag} ${i}`,
            role: 'official',
            agencyId: mtax,
          })
          .expect(201);
      }
      const first = (await t.http.get(`/api/v1/users?agencyId=${mtax}&role=official&q=${tag}&limit=2`).set(admin).expect(200)).body;
      expect(first.items.map((u: { email: string }) => u.email)).toEqual([`list-${tag}-0@gov.test`, `list-${tag}-1@gov.test`]);
      expect(first.items[0]).toMatchObject({ role: 'official', agencyId: mtax, active: true, emailVerified: true, totpEnabled: false });
      expect(first.items[0].passwordHash).toBeUndefined();
      const second = (
        await t.http.get(`/api/v1/users?agencyId=${mtax}&role=official&q=${tag}&limit=2&cursor=${first.nextCursor}`).set(admin).expect(200)
      ).body;
      expect(second).toEqual({ items: [expect.objectContaining({ email: `list-${tag}-2@gov.test` })], nextCursor: null });
      // By name, any letter case; a % typed is a letter, not a wildcard.
      const byName = (
        await t.http
          .get(`/api/v1/users?q=${encodeURIComponent(`SIYAHı ${tag} 1`)}`)
          .set(admin)
          .expect(200)
      ).body;
      expect(byName.items).toHaveLength(1);
      expect((await t.http.get(`/api/v1/users?q=%25%25`).set(admin).expect(200)).body.items).toEqual([]);
      const bad = await t.http.get('/api/v1/users?cursor=not-a-cursor').set(admin).expect(400);
      expect(bad.body.code).toBe('MALFORMED_REQUEST');
    });

    it('is for admins only; an unknown user is 404; an admin cannot switch off or demote themselves', async () => {
      const official = await actors.staff('official', 'MTAX');
      await t.http.get('/api/v1/users').set(official.auth).expect(403);
      await t.http.patch(`/api/v1/users/${official.id}`).set(official.auth).send({ role: 'admin', agencyId: null }).expect(403);
      const admin = await actors.admin();
      await t.http.patch(`/api/v1/users/${randomUUID()}`).set(admin).send({ active: false }).expect(404);
      const adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id as string;
      const self = await t.http.patch(`/api/v1/users/${adminId}`).set(admin).send({ active: false }).expect(422);
      expect(self.body.code).toBe('USER_SELF_CHANGE_FORBIDDEN');
      const noAgency = await t.http.patch(`/api/v1/users/${official.id}`).set(admin).send({ agencyId: null }).expect(422);
      expect(noAgency.body.code).toBe('USER_AGENCY_REQUIRED');
    });

    it('two admins switching each other off at the same moment leave one of them an admin, never none', async () => {
      const makeAdmin = async (n: number) => {
        const email = `admin-${n}-${randomUUID()}@gov.test`;
        const password = `second-admin-password-${n}`;
        const id = (
          await t.http
            .post('/api/v1/users')
            .set(await actors.admin())
            .send({ email, password, fullName: `İnzibatçı ${n}`, role: 'admin' })
            .expect(201)
        ).body.id as string;
        const auth = { Authorization: `Bearer ${await actors.login(email, password)}` };
        await t.http.get('/api/v1/me').set(auth).expect(200);
        return { id, auth };
      };
      for (let round = 0; round < 3; round++) {
        const [a, b] = await Promise.all([makeAdmin(1), makeAdmin(2)]);
        const statuses = (
          await Promise.all([
            t.http.patch(`/api/v1/users/${b.id}`).set(a.auth).send({ active: false }),
            t.http.patch(`/api/v1/users/${a.id}`).set(b.auth).send({ role: 'citizen' }),
          ])
        ).map((r) => r.status);
        // One change wins; the other admin is no longer one by the time theirs runs (401 or 403), so it is refused.
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        const rows = await withOwnerConnection(
          async (db) => (await db.query(`SELECT id FROM users WHERE id = ANY($1) AND role = 'admin' AND active`, [[a.id, b.id]])).rows,
        );
        expect(rows).toHaveLength(1);
      }
    });

    it('audits every change with who made it and what changed, and clears the agency of a staff account made admin', async () => {
      const official = await actors.staff('official', 'MTAX');
      const admin = await actors.admin();
      const adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id as string;
      const changed = await t.http
        .patch(`/api/v1/users/${official.id}`)
        .set(admin)
        .send({ fullName: 'Yeni Ad Soyad', role: 'admin' })
        .expect(200);
      expect(changed.body).toMatchObject({ fullName: 'Yeni Ad Soyad', role: 'admin', agencyId: null });
      const rows = await withOwnerConnection(
        async (db) =>
          (await db.query(`SELECT actor_id, action, data FROM audit_log WHERE subject_id = $1 AND action = 'user.updated'`, [official.id]))
            .rows,
      );
      expect(rows).toEqual([
        {
          actor_id: adminId,
          action: 'user.updated',
          data: {
            changes: {
              fullName: 'changed',
              role: { from: 'official', to: 'admin' },
              agencyId: { from: await actors.agencyId('MTAX'), to: null },
            },
            sessionsEnded: 1,
          },
        },
      ]);
    });
  });

  describe('passwords', () => {
    it('refuses short, personal and common passwords at registration with clear 422s', async () => {
      const email = `pw-${randomUUID()}@mail.test`;
      const register = (password: string, fullName = 'Məmmədova Leyla') =>
        t.http.post('/api/v1/auth/register').send({ email, password, fullName });
      const short = await register('eleven-char').expect(422);
      expect(short.body.errors).toEqual([{ field: 'password', message: 'password must be longer than or equal to 12 characters' }]);
      const common = await register('qwerty123456').expect(422);
      expect(common.body).toMatchObject({
        code: 'PASSWORD_TOO_WEAK',
        errors: [{ field: 'password', message: expect.stringContaining('most common passwords') }],
      });
      const asEmail = await register(email).expect(422);
      expect(asEmail.body.errors[0].message).toBe('password must not be your e-mail address or your name');
      await register('Məmmədova Leyla Əli qızı', 'Məmmədova Leyla Əli qızı').expect(422);
      await register('a-long-and-own-password').expect(201);
    });

    it('changes the password with the current one; the other sessions end, this one stays', async () => {
      const citizen = await actors.citizen();
      const other = await actors.login(citizen.email, citizen.password);
      const wrong = await t.http
        .post('/api/v1/me/password')
        .set(citizen.auth)
        .send({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' })
        .expect(422);
      expect(wrong.body).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', errors: [{ field: 'currentPassword' }] });
      const weak = await t.http
        .post('/api/v1/me/password')
        .set(citizen.auth)
        .send({ currentPassword: citizen.password, newPassword: 'passwordpassword' })
        .expect(422);
      expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ field: 'newPassword' }] });
      await t.http
        .post('/api/v1/me/password')
        .set(citizen.auth)
        .send({ currentPassword: citizen.password, newPassword: 'a-brand-new-password' })
        .expect(204);
      await me(citizen.token).expect(200);
      await me(other).expect(401);
      await t.http.post('/api/v1/auth/login').send({ email: citizen.email, password: citizen.password }).expect(401);
      await me(await actors.login(citizen.email, 'a-brand-new-password')).expect(200);
    });
  });

  describe('abuse limits (TRUST_PROXY reads the client address from X-Forwarded-For)', () => {
    let limited: TestApp;

    beforeAll(async () => {
      limited = await startTestApp({
        env: { TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_MAX: '2', REGISTER_RATE_LIMIT_MAX: '2', PASSWORD_RESET_RATE_LIMIT_MAX: '2' },
      });
    });

    afterAll(() => limited.close());

    const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}, 10.0.0.${Math.floor(Math.random() * 250) + 1}`;
    const register = (ip: string) =>
      limited.http
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ email: `rl-${randomUUID()}@mail.test`, password: 'rate-limited-password', fullName: 'Rate Limited' });

    it('limits registrations per client address with 429 and Retry-After; another address is not affected', async () => {
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      expect((await register(ip)).status).toBe(201);
      expect((await register(ip)).status).toBe(201);
      const third = await register(ip);
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect((await register(address())).status).toBe(201);
    });

    it('keeps per-account and per-address login counters', async () => {
      const ip = address();
      const login = (email: string, from = ip) =>
        limited.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password: 'wrong-password-x' });
      const victim = `victim-${randomUUID()}@mail.test`;
      expect((await login(victim)).status).toBe(401);
      expect((await login(victim)).status).toBe(401);
      const locked = await login(victim, address());
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // Per address: 10x the per-account allowance, over any accounts.
      const statuses: number[] = [];
      for (let i = 0; i < 19; i++) statuses.push((await login(`spray-${i}-${randomUUID()}@mail.test`)).status);
      expect(statuses.slice(0, 18).every((s) => s === 401)).toBe(true);
      expect(statuses[18]).toBe(429);
      expect((await login(`other-${randomUUID()}@mail.test`, address())).status).toBe(401);
    }, 60_000);

    it('limits password-reset requests per address', async () => {
      const ip = address();
      const reset = () =>
        limited.http
          .post('/api/v1/auth/password-reset')
          .set('X-Forwarded-For', ip)
          .send({ email: `someone-${randomUUID()}@mail.test` });
      expect((await reset()).status).toBe(202);
      expect((await reset()).status).toBe(202);
      const third = await reset();
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
    });

    it('limits guesses of the current password from a signed-in session (POST /me/password)', async () => {
      const citizen = await actors.citizen();
      const change = (currentPassword: string) =>
        limited.http.post('/api/v1/me/password').set(citizen.auth).send({ currentPassword, newPassword: 'a-brand-new-password' });
      expect((await change('guess-number-one')).status).toBe(422);
      expect((await change('guess-number-two')).status).toBe(422);
      const third = await change(citizen.password);
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      await actors.login(citizen.email, citizen.password);
    });

    it('limits guesses of the code that turns the second factor off (a stolen session), on the API and the page alike', async () => {
      // Made on the unlimited app (same database and key): the limited app's counters stay this test's own.
      const official = await actors.staff('official', 'MTAX');
      const code = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
      const { secret } = (await limited.http.post('/api/v1/me/totp').set(official.auth).expect(201)).body as { secret: string };
      await limited.http
        .post('/api/v1/me/totp/confirm')
        .set(official.auth)
        .send({ code: code(secret) })
        .expect(204);
      // The same account signed in on the pages too (with a fresh code).
      const signIn = await limited.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address())
        .send({ email: official.email, password: official.password, totp: code(secret, 30) })
        .expect(200);
      const web = new WebClient(limited);
      web.setCookie('em_session', signIn.body.accessToken as string);
      expect((await web.get('/account')).status).toBe(200);

      const valid = new Set([-30, 0, 30, 60].map((offset) => code(secret, offset)));
      const wrong = ['000000', '111111', '222222', '333333', '444444'].find((c) => !valid.has(c)) as string;
      const disable = (totp: string) => limited.http.post('/api/v1/me/totp/disable').set(official.auth).send({ code: totp });
      expect((await disable(wrong)).status).toBe(422);
      expect((await disable(wrong)).status).toBe(422);
      const third = await disable(wrong);
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      // The page's form counts against the same allowance.
      expect((await web.post('/account/totp/disable', { code: wrong })).status).toBe(429);
      expect((await limited.http.get('/api/v1/me/totp').set(official.auth).expect(200)).body.enabled).toBe(true);
    });

    it('allows 5 second-factor codes per account in 15 minutes at sign-in, so the password alone does not open a brute force of the code', async () => {
      // The shipped login allowance (10 a minute) would let 14,400 codes a day through: ~4 % a day to hit one of the 3 accepted.
      const official = await actors.staff('official', 'MTAX');
      const code = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
      const { secret } = (await t.http.post('/api/v1/me/totp').set(official.auth).expect(201)).body as { secret: string };
      await t.http
        .post('/api/v1/me/totp/confirm')
        .set(official.auth)
        .send({ code: code(secret) })
        .expect(204);
      const valid = new Set([-30, 0, 30, 60].map((offset) => code(secret, offset)));
      const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].filter((c) => !valid.has(c));
      const login = (totp: string, password = official.password) =>
        t.http.post('/api/v1/auth/login').send({ email: official.email, password, totp });
      // A stranger without the password cannot use up the owner's allowance.
      for (let i = 0; i < 6; i++) expect((await login(wrong[0], 'not-the-password-at-all')).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await login(wrong[i % wrong.length])).body.code).toBe('TOTP_INVALID');
      const sixth = await login(code(secret, 30));
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(900);
    });

    it('without TRUST_PROXY a forged X-Forwarded-For does not escape the limit', async () => {
      const direct = await startTestApp({
        env: { REGISTER_RATE_LIMIT_MAX: '1', QUEUE_PREFIX: `${readTestEnv().queuePrefix}:direct-${randomUUID().slice(0, 8)}` },
      });
      try {
        const send = () =>
          direct.http
            .post('/api/v1/auth/register')
            .set('X-Forwarded-For', address())
            .send({ email: `d-${randomUUID()}@mail.test`, password: 'rate-limited-password', fullName: 'Direct' });
        expect((await send()).status).toBe(201);
        expect((await send()).status).toBe(429);
      } finally {
        await direct.close();
      }
    });
  });

  it('answers 503, not 500, when Redis is down at login', async () => {
    const proxy = await RedisProxy.start();
    const env = readTestEnv();
    const down = await startTestApp({ env: { REDIS_URL: proxy.url, QUEUE_PREFIX: `${env.queuePrefix}:down-${randomUUID().slice(0, 8)}` } });
    try {
      const user: TestUser = await new Actors(down).citizen();
      proxy.stop();
      const response = await down.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
      // A signed-in user keeps working: sessions are checked in PostgreSQL.
      await down.http.get('/api/v1/me').set(user.auth).expect(200);
    } finally {
      await proxy.resume();
      await down.close();
      proxy.close();
    }
  }, 60_000);
});
