import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';
import { deflatedZeros, zipWithDeclaredSizes } from '../support/zip-bomb';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Issue 13's abuse limits on the shipped configuration: deep JSON, NUL characters, malformed
 * cursors, the per-citizen intake quota (APPEALS_PER_CITIZEN_PER_DAY = 20) and the .xlsx bomb.
 */
describe('abuse limits (e2e)', () => {
  const clock = new FixedClock(new Date('2026-06-02T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let mtax: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    mtax = await actors.agencyId('MTAX');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date('2026-06-02T10:00:00+04:00')));

  const appealBody = (n: number, extra: Record<string, unknown> = {}) => ({
    type: 'complaint',
    agencyId: mtax,
    subject: `Bəyannamə ${n}`,
    text: `Elektron bəyannaməm qəbul edilmir, müraciət nömrəsi ${n}: ${'xahiş edirəm baxasınız '.repeat((n % 5) + 1)}`,
    applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nizami küçəsi 12' },
    ...extra,
  });
  const submit = (who: TestUser, n: number, key?: string) => {
    const request = t.http.post('/api/v1/appeals').set(who.auth);
    return (key ? request.set('Idempotency-Key', key) : request).send(appealBody(n));
  };

  describe('deep JSON', () => {
    /** The main thread's CPU time of one request (client and server run in this process). */
    async function cpuMs(work: () => Promise<unknown>): Promise<number> {
      const start = process.cpuUsage();
      await work();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    }

    it('answers a 100,000-deep array in a login body with 400 before parsing it, cheaply', async () => {
      const deep = `{"email":${'['.repeat(100_000)}${']'.repeat(100_000)},"password":"x"}`;
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        times.push(
          await cpuMs(async () => {
            const response = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(deep).expect(400);
            expect(response.body).toMatchObject({ code: 'MALFORMED_REQUEST', detail: 'JSON may nest at most 16 levels.' });
          }),
        );
      }
      // It cost ~190 ms of CPU and ended in a 500; now a scan that stops at the 17th bracket.
      expect(Math.min(...times)).toBeLessThan(50);
    });

    it('refuses 17 levels and lets 16 through to validation, whatever brackets strings hold', async () => {
      const citizen = await actors.citizen();
      // The body object is the first level; `arrays` more inside it.
      const nest = (arrays: number) => `${'['.repeat(arrays)}1${']'.repeat(arrays)}`;
      const at16 = await t.http.post('/api/v1/appeals').set(citizen.auth).set('content-type', 'application/json').send(`{"subject":${nest(15)}}`);
      expect(at16.status).toBe(422);
      const at17 = await t.http.post('/api/v1/appeals').set(citizen.auth).set('content-type', 'application/json').send(`{"subject":${nest(16)}}`);
      expect(at17.status).toBe(400);
      // Brackets inside strings (and escaped quotes) are text, not nesting.
      const text = `Mətn [[[[[[[[[[[[[[[[[[[[ \\" {{{{{{{{{{{{{{{{{{{{ dırnaq içində.`;
      const accepted = await t.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .set('content-type', 'application/json')
        .send(JSON.stringify(appealBody(1, { text: JSON.parse(`"${text}"`) })))
        .expect(201);
      expect(accepted.body.registrationNumber).toMatch(/^M-2026-/);
    });
  });

  describe('NUL characters', () => {
    it('answers 422 naming the field, for any string of a JSON body, nested or a key', async () => {
      const citizen = await actors.citizen();
      const subject = await t.http.post('/api/v1/appeals').set(citizen.auth).send(appealBody(1, { subject: 'Bəyan\u0000namə' })).expect(422);
      expect(subject.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'subject' }] });
      const nested = await t.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .send(appealBody(1, { coApplicants: [{ kind: 'natural', fullName: 'Ə\u0000li', address: 'Bakı' }] }))
        .expect(422);
      expect(nested.body.errors).toEqual([{ field: 'coApplicants.0.fullName', message: 'coApplicants.0.fullName must not contain a NUL character.' }]);
      const key = await t.http.post('/api/v1/auth/login').send({ email: 'a@b.az', password: 'x', 'x\u0000': 1 }).expect(422);
      expect(key.body.errors).toEqual([{ field: 'body', message: 'body must not contain a NUL character.' }]);
      const login = await t.http.post('/api/v1/auth/login').send({ email: `${citizen.email}\u0000`, password: citizen.password }).expect(422);
      expect(login.body.errors[0].field).toBe('email');
    });

    it('answers 422 for a NUL in a query string or a form', async () => {
      const official = await actors.staff('official', 'MTAX');
      const search = await t.http.get('/api/v1/appeals?q=vergi%00bəyannamə').set(official.auth).expect(422);
      expect(search.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'q' }] });
      await t.http.get('/api/v1/calendar/deadline?from=2026-06-02%00&workingDays=15').expect(422);
      const web = new WebClient(t);
      await web.get('/login');
      const form = await web.post('/login', { email: 'a\u0000@b.az', password: 'x' });
      expect(form.status).toBe(422);
    });
  });

  describe('cursors', () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    const malformed = [
      'not a cursor!',
      b64('null'),
      b64('[]'),
      b64('"x"'),
      b64('["1","00000000-0000-4000-8000-000000000000"]'),
      b64('["2026-06-02T10:00:00.000Z","------------------------------------"]'),
      b64('["2026-02-30T10:00:00.000Z","00000000-0000-4000-8000-000000000000"]'),
      b64('["2026-06-02T10:00:00.000Z","00000000-0000-4000-8000-000000000000","x"]'),
      b64('["2026-06-02T10:00:00.000Z",1]'),
      'A'.repeat(499),
    ];

    it('answers a malformed appeal list cursor with 400, never 500', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'MTAX');
      for (const cursor of malformed) {
        for (const who of [citizen, official]) {
          const response = await t.http.get('/api/v1/appeals').query({ cursor }).set(who.auth);
          expect({ cursor, status: response.status, code: response.body.code }).toEqual({ cursor, status: 400, code: 'MALFORMED_REQUEST' });
        }
      }
    });

    it('answers a malformed alert cursor with 400, and still pages with a real one', async () => {
      const supervisor = await actors.staff('supervisor', 'MTAX');
      for (const cursor of [...malformed, b64('["1","12"]'), b64('["2026-06-02T10:00:00.000Z","99999999999999999999"]')]) {
        const response = await t.http.get('/api/v1/alerts').query({ cursor }).set(supervisor.auth);
        expect({ cursor, status: response.status }).toEqual({ cursor, status: 400 });
      }
      await t.http.get('/api/v1/alerts').query({ cursor: b64('["2026-06-02T10:00:00.000Z","12"]') }).set(supervisor.auth).expect(200);
    });

    it('pages the citizen list with the cursors it hands out', async () => {
      const citizen = await actors.citizen();
      for (let i = 0; i < 3; i++) {
        await submit(citizen, i).expect(201);
        clock.advance(1_000);
      }
      const first = await t.http.get('/api/v1/appeals?limit=2').set(citizen.auth).expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http.get('/api/v1/appeals').query({ limit: 2, cursor: first.body.nextCursor }).set(citizen.auth).expect(200);
      expect(second.body.items).toHaveLength(1);
    });
  });

  describe('per-citizen intake quota', () => {
    it('accepts exactly 20 of 25 parallel submissions, and answers the rest 429 with Retry-After', async () => {
      const citizen = await actors.citizen();
      const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => submit(citizen, i)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      for (const refused of responses.filter((r) => r.status === 429)) {
        expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
        // All 20 were registered at this (pinned) instant: the first place frees in 24 hours.
        expect(refused.headers['retry-after']).toBe('86400');
      }
      const mine = await t.http.get('/api/v1/appeals?limit=50').set(citizen.auth).expect(200);
      expect(mine.body.items).toHaveLength(20);
    });

    it('counts a rolling 24 hours and frees places as they leave it', async () => {
      const citizen = await actors.citizen();
      for (let i = 0; i < 10; i++) await submit(citizen, i).expect(201);
      clock.advance(6 * 3600_000);
      for (let i = 10; i < 20; i++) await submit(citizen, i).expect(201);
      const refused = await submit(citizen, 20).expect(429);
      // The 20th newest (the first ten, 6 hours ago) leaves the window in 18 hours.
      expect(refused.headers['retry-after']).toBe(String(18 * 3600));
      clock.advance(18 * 3600_000 - 1_000);
      await submit(citizen, 21).expect(429);
      clock.advance(1_000);
      // The first ten have left; the ten of 18 hours ago remain.
      for (let i = 22; i < 32; i++) await submit(citizen, i).expect(201);
      await submit(citizen, 32).expect(429);
    });

    it('replays an accepted appeal at a full quota without counting it again', async () => {
      const citizen = await actors.citizen();
      const first = await submit(citizen, 0, 'quota-replay-0').expect(201);
      for (let i = 1; i < 20; i++) await submit(citizen, i).expect(201);
      await submit(citizen, 20, 'quota-replay-20').expect(429);
      const replay = await submit(citizen, 0, 'quota-replay-0').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(first.body.id);
      // The refused request left no key behind: once a place frees, the same key is accepted.
      clock.advance(24 * 3600_000 + 1_000);
      const later = await submit(citizen, 20, 'quota-replay-20').expect(201);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
    });

    it('the web form counts against the same quota: no way around it through the pages', async () => {
      const citizen = await actors.citizen();
      for (let i = 0; i < 19; i++) await submit(citizen, i).expect(201);
      const web = new WebClient(t);
      await web.signIn(citizen.email, citizen.password);
      const form = (n: number) => ({
        type: 'complaint',
        agencyId: mtax,
        subject: `Bəyannamə ${n}`,
        text: `Elektron bəyannaməm qəbul edilmir, müraciət nömrəsi ${n}.`,
        'applicant.kind': 'natural',
        'applicant.fullName': 'Əliyev Vüqar Rəşid oğlu',
        'applicant.address': 'Bakı, Nizami küçəsi 12',
        idempotencyKey: `web-quota-${n}-${citizen.id}`,
      });
      await web.get('/appeals/new');
      expect((await web.postMultipart('/appeals/new', form(19), {})).status).toBe(303);
      await web.get('/appeals/new');
      const refused = await web.postMultipart('/appeals/new', form(20), {});
      expect(refused.status).toBe(429);
      // Neither way in takes a 21st.
      await submit(citizen, 21).expect(429);
      const mine = await t.http.get('/api/v1/appeals?limit=50').set(citizen.auth).expect(200);
      expect(mine.body.items).toHaveLength(20);
    });

    it('does not limit staff registering paper appeals, nor count cases an agency made from the citizen\'s', async () => {
      const registrar = await actors.staff('registrar', 'MTAX');
      const paper = await Promise.all(
        Array.from({ length: 25 }, (_, i) => t.http.post('/api/v1/appeals').set(registrar.auth).send(appealBody(i, { channel: 'post' }))),
      );
      expect(paper.map((r) => r.status)).toEqual(Array(25).fill(201));

      // An agency that copies a citizen's appeal to others cannot use up the citizen's quota.
      const citizen = await actors.citizen();
      const appeals = [];
      for (let i = 0; i < 19; i++) appeals.push((await submit(citizen, i).expect(201)).body);
      const agencies = await Promise.all(['MIA', 'MLSPP', 'MH', 'AZERSU'].map((code) => actors.agencyId(code)));
      await t.http
        .post(`/api/v1/appeals/${appeals[0].id}/copies`)
        .set(registrar.auth)
        .send({ agencyIds: agencies, note: 'Digər qurumların səlahiyyətinə aiddir', version: appeals[0].version })
        .expect(200);
      const mine = await t.http.get('/api/v1/appeals?limit=50').set(citizen.auth).expect(200);
      expect(mine.body.items.length).toBe(19 + agencies.length);
      await submit(citizen, 19).expect(201);
      await submit(citizen, 20).expect(429);

      // Another citizen is not affected by this one's quota.
      const other = await actors.citizen();
      await submit(other, 0).expect(201);
    });
  });

  describe('.xlsx import', () => {
    it('refuses a 1 MB upload that inflates to 1 GiB, without inflating it', async () => {
      const admin = await actors.admin();
      const period = (
        await t.http.post('/api/v1/evaluation/periods').set(admin).send({ name: 'Bomba yoxlaması', startsOn: '2025-01-01', endsOn: '2025-03-31' }).expect(201)
      ).body;
      const registrar = await actors.staff('registrar', 'MTAX');
      const bomb = zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(1024), declaredSize: 200 }]);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const started = process.cpuUsage();
      const response = await t.http
        .post(`/api/v1/evaluation/periods/${period.id}/agencies/${mtax}/self-assessment.xlsx`)
        .set(registrar.auth)
        .attach('file', bomb, { filename: 'bomb.xlsx', contentType: XLSX })
        .expect(422);
      const cpu = process.cpuUsage(started);
      expect(response.body.errors).toEqual([{ field: 'file', message: 'The file is not a readable .xlsx spreadsheet.', row: 0, column: '' }]);
      // Inflating the gigabyte takes seconds of CPU; stopping after the declared 200 bytes does not.
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
    });
  });
});
