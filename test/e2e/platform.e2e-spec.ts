import { Actors, TestUser } from '../support/actors';
import { readTestEnv } from '../setup/test-env';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform: health, docs, errors, auth (e2e)', () => {
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    // Login counters live under the queue prefix; an own prefix keeps other suites' logins of the
    // last minute out of this suite's low per-address allowance.
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT_MAX: '5', QUEUE_PREFIX: `${readTestEnv().queuePrefix}_platform` } });
    actors = new Actors(t);
  });

  afterAll(() => t.close());

  it('reports health of PostgreSQL and Redis', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document with every route of the contract', async () => {
    await t.http.get('/docs').expect(200);
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/health',
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/agencies',
      '/api/v1/agencies/{id}',
      '/api/v1/calendar/deadline',
      '/api/v1/calendar/years/{year}',
      '/api/v1/appeals',
      '/api/v1/appeals/{id}',
      '/api/v1/appeals/{id}/events',
      '/api/v1/appeals/{id}/attachments',
      '/api/v1/auth/logout',
      '/api/v1/auth/verify-email',
      '/api/v1/auth/password-reset',
      '/api/v1/auth/password-reset/confirm',
      '/api/v1/me/password',
      '/api/v1/users/{id}',
    ]) {
      expect(paths).toContain(path);
    }
  });

  describe('errors are application/problem+json with a code and the correlation id', () => {
    it('echoes a well-formed caller correlation id', async () => {
      const response = await t.http.get('/api/v1/nothing-here').set('x-correlation-id', 'trace-12345678').expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['x-correlation-id']).toBe('trace-12345678');
      expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', correlationId: 'trace-12345678', errors: [] });
    });

    it('answers malformed JSON with 400, a non-object body with 400, plain text with 415', async () => {
      const malformed = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
      expect(malformed.body.code).toBe('MALFORMED_REQUEST');
      const array = await t.http.post('/api/v1/auth/login').send([1, 2]).expect(400);
      expect(array.body.code).toBe('MALFORMED_REQUEST');
      const text = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send('hello').expect(415);
      expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers an oversize body with 413', async () => {
      const response = await t.http
        .post('/api/v1/auth/register')
        .send({ email: 'a@b.test', password: 'x'.repeat(20), fullName: 'y'.repeat(300_000) })
        .expect(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers rule violations with 422 naming each field', async () => {
      const response = await t.http.post('/api/v1/auth/register').send({ email: 'not-an-email', password: 'short', extra: 1 }).expect(422);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'fullName', 'extra']));
    });
  });

  describe('accounts and roles', () => {
    it('registers a citizen, logs in and shows who I am', async () => {
      const citizen = await actors.citizen('Quliyeva Aynur');
      const me = (await t.http.get('/api/v1/me').set(citizen.auth).expect(200)).body;
      expect(me).toEqual({
        id: citizen.id,
        email: citizen.email,
        fullName: 'Quliyeva Aynur',
        role: 'citizen',
        agencyId: null,
        emailVerified: false,
      });
    });

    it('refuses a second account with the same e-mail', async () => {
      const citizen = await actors.citizen();
      const response = await t.http
        .post('/api/v1/auth/register')
        .send({ email: citizen.email.toUpperCase(), password: 'another-password', fullName: 'Someone' })
        .expect(409);
      expect(response.body.code).toBe('EMAIL_TAKEN');
    });

    it('refuses a wrong password without telling whether the account exists', async () => {
      const citizen = await actors.citizen();
      const wrong = await t.http.post('/api/v1/auth/login').send({ email: citizen.email, password: 'wrong-password' }).expect(401);
      const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@mail.test', password: 'wrong-password' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('rate-limits logins per account', async () => {
      const citizen = await actors.citizen();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await t.http.post('/api/v1/auth/login').send({ email: citizen.email, password: 'wrong-password' })).status);
      }
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(-1)).toEqual([429]);
    });

    it('lets only an admin create staff, and binds staff to an existing agency', async () => {
      const citizen: TestUser = await actors.citizen();
      const mtax = await actors.agencyId('MTAX');
      const body = { email: 'registrar-x@gov.test', password: 'registrar-password', fullName: 'R X', role: 'registrar', agencyId: mtax };
      const forbidden = await t.http.post('/api/v1/users').set(citizen.auth).send(body).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      const noAgency = await t.http
        .post('/api/v1/users')
        .set(await actors.admin())
        .send({ ...body, agencyId: undefined })
        .expect(422);
      expect(noAgency.body.code).toBe('USER_AGENCY_REQUIRED');
      const created = await t.http
        .post('/api/v1/users')
        .set(await actors.admin())
        .send(body)
        .expect(201);
      expect(created.body).toMatchObject({ role: 'registrar', agencyId: mtax });
    });

    it('lets an admin add an agency under a parent', async () => {
      const parentId = await actors.agencyId('CABMIN');
      const created = await t.http
        .post('/api/v1/agencies')
        .set(await actors.admin())
        .send({ code: 'TEST-AGENCY', name: 'Sınaq Agentliyi', parentId })
        .expect(201);
      expect(created.body).toMatchObject({ code: 'TEST-AGENCY', parentId });
      const fetched = await t.http.get(`/api/v1/agencies/${created.body.id}`).expect(200);
      expect(fetched.body.name).toBe('Sınaq Agentliyi');
      await t.http
        .post('/api/v1/agencies')
        .set(await actors.admin())
        .send({ code: 'TEST-AGENCY', name: 'Again' })
        .expect(409);
    });

    it('ships the reference agencies with their hierarchy', async () => {
      const items = (await t.http.get('/api/v1/agencies').expect(200)).body.items as Array<{
        code: string;
        id: string;
        parentId: string | null;
      }>;
      const byCode = new Map(items.map((a) => [a.code, a]));
      for (const code of ['MTAX', 'MIA', 'MJ', 'ASAN', 'BAKU-EXEC', 'AZERSU', 'SSAC']) expect(byCode.has(code)).toBe(true);
      expect(byCode.get('MTAX')?.parentId).toBe(byCode.get('CABMIN')?.id);
      expect(byCode.get('BAKU-NASIMI')?.parentId).toBe(byCode.get('BAKU-EXEC')?.id);
    });
  });
  // Malformed bodies of every route, generated from the OpenAPI document: bad-input.e2e-spec.ts.
});
