import { createHash, randomUUID } from 'node:crypto';
import { Db } from '../../src/platform/database/db';
import { canonicalJson } from '../../src/platform/json/canonical-json';
import { Actors } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * API.md: `Idempotency-Key` on every POST that creates something — the same key and body within
 * 24 h return the first response (`idempotent-replayed: true`), the same key with another body is
 * 422. Appeals and webhooks have their own tests (intake, webhooks); these are the other creations,
 * which answered 409 to a client retrying after a lost response (issue 14).
 */
describe('Idempotency-Key on every creating POST (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp();
    actors = new Actors(t);
    db = t.app.get(Db);
  }, 120_000);
  afterAll(async () => t?.close());

  const storedHash = async (key: string): Promise<string> =>
    (await db.query<{ request_hash: string }>(`SELECT request_hash FROM idempotency_keys WHERE key = $1`, [key]))[0].request_hash;

  it('POST /agencies: a retry gets the same agency, another body under the key is 422', async () => {
    const admin = await actors.admin();
    const key = randomUUID();
    const body = { code: `IDEM-${key.slice(0, 8).toUpperCase()}`, name: 'Sınaq agentliyi' };
    const first = await t.http.post('/api/v1/agencies').set(admin).set('Idempotency-Key', key).send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http.post('/api/v1/agencies').set(admin).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await t.http
      .post('/api/v1/agencies')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ ...body, name: 'Başqa' })
      .expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Without a key a second identical request is still the conflict it is.
    await t.http.post('/api/v1/agencies').set(admin).send(body).expect(409);
    expect((await db.query(`SELECT 1 FROM agencies WHERE code = $1`, [body.code])).length).toBe(1);
  });

  it('POST /auth/register: a retry gets the same account; a changed password under the key is 422', async () => {
    const key = randomUUID();
    const body = { email: `idem-${key}@mail.test`, password: 'a-long-citizen-password-7', fullName: 'Məmmədova Aynur' };
    const first = await t.http.post('/api/v1/auth/register').set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http.post('/api/v1/auth/register').set('Idempotency-Key', key).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.body).not.toHaveProperty('passwordHash');
    await t.http
      .post('/api/v1/auth/register')
      .set('Idempotency-Key', key)
      .send({ ...body, password: 'another-long-password-8' })
      .expect(422);
    await t.http.post('/api/v1/auth/register').send(body).expect(409);
    expect((await db.query(`SELECT 1 FROM users WHERE email = $1`, [body.email])).length).toBe(1);
  });

  it('keeps no plain hash of a body that carries a password: the stored hash is keyed', async () => {
    const key = randomUUID();
    const body = { email: `hash-${key}@mail.test`, password: 'a-long-citizen-password-9', fullName: 'Quliyev Samir' };
    await t.http.post('/api/v1/auth/register').set('Idempotency-Key', key).send(body).expect(201);
    const plain = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const stored = await storedHash(key);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(plain);
  });

  it('POST /users: an admin retrying a staff account creation gets the same account', async () => {
    const admin = await actors.admin();
    const key = randomUUID();
    const body = {
      email: `staff-${key}@gov.test`,
      password: 'a-long-staff-password-3',
      fullName: 'Sınaq İşçi',
      role: 'official',
      agencyId: await actors.agencyId('AZERSU'),
    };
    const first = await t.http.post('/api/v1/users').set(admin).set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http.post('/api/v1/users').set(admin).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('a key is scoped to who sends it: another admin reusing it creates, never reads the first answer', async () => {
    const admin = await actors.admin();
    const key = randomUUID();
    const body = { code: `SCOPE-${key.slice(0, 8).toUpperCase()}`, name: 'Birinci' };
    await t.http.post('/api/v1/agencies').set(admin).set('Idempotency-Key', key).send(body).expect(201);
    const otherAdmin = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ email: `admin-${key}@gov.test`, password: 'a-long-admin-password-4', fullName: 'İkinci Admin', role: 'admin' })
      .expect(201);
    const token = await actors.login(otherAdmin.body.email, 'a-long-admin-password-4');
    const theirs = await t.http
      .post('/api/v1/agencies')
      .set({ Authorization: `Bearer ${token}` })
      .set('Idempotency-Key', key)
      .send({ ...body, code: `${body.code}-2` })
      .expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.code).toBe(`${body.code}-2`);
  });
});
