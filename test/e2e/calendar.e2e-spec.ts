import { Db } from '../../src/platform/database/db';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

describe('working-day calendar and deadlines (e2e)', () => {
  // Monday 21 December 2026: terms registered today run into the provisional year 2027.
  const clock = new FixedClock(new Date('2026-12-21T11:00:00+04:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('GET /api/v1/calendar/deadline', () => {
    it('reproduces the worked example of working-days-az.md with its ledger', async () => {
      const response = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-03-02', workingDays: 15 }).expect(200);
      expect(response.body).toEqual({
        from: '2026-03-02',
        workingDays: 15,
        dueDate: '2026-04-02',
        // 23:59:59 in Baku (UTC+4), in the API's one instant form.
        dueAt: '2026-04-02T19:59:59.000Z',
        provisional: false,
        skippedDates: [
          '2026-03-07',
          '2026-03-08',
          '2026-03-09',
          '2026-03-14',
          '2026-03-15',
          '2026-03-20',
          '2026-03-21',
          '2026-03-22',
          '2026-03-23',
          '2026-03-24',
          '2026-03-25',
          '2026-03-26',
          '2026-03-27',
          '2026-03-28',
          '2026-03-29',
          '2026-03-30',
        ],
      });
    });

    it('marks a term that reaches into a provisional year', async () => {
      const response = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-12-21', workingDays: 15 }).expect(200);
      expect(response.body.provisional).toBe(true);
      expect(response.body.skippedDates).toEqual(expect.arrayContaining(['2026-12-31', '2027-01-01', '2027-01-04']));
    });

    it('refuses impossible dates and terms', async () => {
      const bad = await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-02-30', workingDays: 0 }).expect(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'workingDays']);
    });
  });

  describe('GET /api/v1/calendar/years/:year', () => {
    it('serves the official 2026 data with its decision', async () => {
      const year = (await t.http.get('/api/v1/calendar/years/2026').expect(200)).body;
      expect(year.status).toBe('official');
      expect(year.decisionRef).toContain('362');
      expect(year.nonWorkingDays).toHaveLength(20);
    });

    it('generates a provisional year where no data exists', async () => {
      const year = (await t.http.get('/api/v1/calendar/years/2031').expect(200)).body;
      expect(year.status).toBe('provisional');
      expect(year.nonWorkingDays.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2031-01-01', '2031-01-02']));
      await t.http.get('/api/v1/calendar/years/1999').expect(422);
    });
  });

  describe('PUT /api/v1/calendar/years/:year', () => {
    let citizen: TestUser;
    let original: Record<string, unknown>;

    beforeAll(async () => {
      citizen = await actors.citizen();
      original = (await t.http.get('/api/v1/calendar/years/2027').expect(200)).body;
    });

    afterAll(async () => {
      await t.http
        .put('/api/v1/calendar/years/2027')
        .set(await actors.admin())
        .send(original)
        .expect(200);
    });

    const appealBody = async (extra: Record<string, unknown> = {}) => ({
      type: 'application',
      agencyId: await actors.agencyId('MJ'),
      subject: 'Arayış',
      text: 'Məhkumluq haqqında arayış verilməsini xahiş edirəm.',
      applicant: { kind: 'natural', fullName: 'Hüseynov Elvin', address: 'Bakı', email: citizen.email },
      ...extra,
    });

    it('moves the deadlines of exactly the open appeals whose terms span the changed date', async () => {
      const open = (
        await t.http
          .post('/api/v1/appeals')
          .set(citizen.auth)
          .send(await appealBody())
          .expect(201)
      ).body;
      const urgent = (
        await t.http
          .post('/api/v1/appeals')
          .set(citizen.auth)
          .send(await appealBody({ regime: 'urgent' }))
          .expect(201)
      ).body;
      const registrar = await actors.staff('registrar', 'MJ');
      const closed = (
        await t.http
          .post('/api/v1/appeals')
          .set(registrar.auth)
          .send({ ...(await appealBody()), applicant: { kind: 'natural' }, channel: 'post' })
          .expect(201)
      ).body;
      expect(closed.status).toBe('left_without_consideration');
      expect(open.reviewDueDate > '2027-01-12').toBe(true);

      // The Cabinet publishes 2027 with one more non-working day inside the open term.
      const published = {
        ...original,
        status: 'official',
        decisionRef: 'Cabinet Decision No. 999 of 20 Dec 2026 (test)',
        nonWorkingDays: [...(original.nonWorkingDays as object[]), { date: '2027-01-12', reason: 'Test holiday' }],
      };
      const put = await t.http
        .put('/api/v1/calendar/years/2027')
        .set(await actors.admin())
        .send(published)
        .expect(200);
      expect(put.body).toMatchObject({ year: 2027, status: 'official', movedAppeals: expect.any(Number) });
      expect(put.body.movedAppeals).toBeGreaterThanOrEqual(1);

      const expected = (await t.http.get('/api/v1/calendar/deadline').query({ from: '2026-12-21', workingDays: 15 }).expect(200)).body;
      const after = (await t.http.get(`/api/v1/appeals/${open.id}`).set(citizen.auth).expect(200)).body;
      expect(after.reviewDueDate).toBe(expected.dueDate);
      expect(after.reviewDueDate > open.reviewDueDate).toBe(true);
      expect(after.deadlines).toMatchObject({ provisional: false, calendarVersion: put.body.calendarVersion });
      expect(after.version).toBe(open.version + 1);
      const events = (await t.http.get(`/api/v1/appeals/${open.id}/events`).set(citizen.auth).expect(200)).body.items;
      expect(events.map((e: { type: string }) => e.type)).toEqual(['registered', 'deadline_moved']);
      expect(events[1].data).toMatchObject({
        reason: 'calendar_changed',
        calendarVersion: put.body.calendarVersion,
        before: { reviewDueDate: open.reviewDueDate },
        after: { reviewDueDate: expected.dueDate },
      });
      expect(events[1].prevHash).toBe(events[0].hash);

      // working-days-az.md: "notify where a deadline moved": the applicant's mailbox has the old and new dates.
      const moved = await smtp.waitFor(() =>
        smtp.to(citizen.email).some((m) => m.subject.startsWith(`Müraciətin son tarixi dəyişdi: ${open.registrationNumber} / `)),
      );
      const notice = moved.filter(
        (m) => m.to.includes(citizen.email) && m.subject.startsWith(`Müraciətin son tarixi dəyişdi: ${open.registrationNumber}`),
      );
      expect(notice).toHaveLength(1);
      expect(notice[0].text).toContain(`son tarixi ${open.reviewDueDate} əvəzinə ${expected.dueDate} oldu`);

      // The closed appeal is untouched; the urgent one's 24 hours and early referral term did not move.
      const closedAfter = (await t.http.get(`/api/v1/appeals/${closed.id}`).set(registrar.auth).expect(200)).body;
      expect(closedAfter).toMatchObject({ version: 1, reviewDueDate: closed.reviewDueDate });
      const urgentEvents = (await t.http.get(`/api/v1/appeals/${urgent.id}/events`).set(citizen.auth).expect(200)).body.items;
      expect(urgentEvents.map((e: { type: string }) => e.type)).toEqual(['registered']);

      // The change is audited with who and what.
      const [audit] = await t.app.get(Db).query<{
        action: string;
        data: { version: number };
      }>(`SELECT action, data FROM audit_log WHERE subject_type = 'calendar_year' AND subject_id = '2027' ORDER BY id DESC LIMIT 1`);
      expect(audit).toMatchObject({ action: 'calendar.year_replaced', data: { version: put.body.calendarVersion } });
    });

    it('reaches another replica within seconds', async () => {
      const replica = await startTestApp({ clock });
      try {
        const before = (await replica.http.get('/api/v1/calendar/years/2027').expect(200)).body;
        expect(before.status).toBe('official'); // loaded at its start, after the PUT above
        await t.http
          .put('/api/v1/calendar/years/2027')
          .set(await actors.admin())
          .send(original)
          .expect(200);
        const deadline = Date.now() + 15_000;
        let seen = before.status;
        while (seen !== 'provisional' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 250));
          seen = (await replica.http.get('/api/v1/calendar/years/2027').expect(200)).body.status;
        }
        expect(seen).toBe('provisional');
      } finally {
        await replica.close();
      }
    }, 30_000);

    it('keeps every hash chain intact, as PostgreSQL recomputes it', async () => {
      const [broken] = await t.app.get(Db).query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (
           SELECT hash, prev_hash, lag(hash) OVER (PARTITION BY appeal_id ORDER BY seq) AS expected_prev,
                  appeal_event_hash(prev_hash, appeal_id, seq, type, actor_id, actor_role, occurred_at, data) AS recomputed
           FROM appeal_events) e
         WHERE e.hash <> e.recomputed OR e.prev_hash IS DISTINCT FROM e.expected_prev`,
      );
      expect(broken.count).toBe(0);
    });

    it('keeps the SQL mirror in step with the engine', async () => {
      const [row] = await t.app.get(Db).query<{ due: string }>(`SELECT to_char(add_working_days('2026-03-02', 15), 'YYYY-MM-DD') AS due`);
      expect(row.due).toBe('2026-04-02');
    });

    it('refuses invalid years with every problem named, and non-admins', async () => {
      const invalid = await t.http
        .put('/api/v1/calendar/years/2027')
        .set(await actors.admin())
        .send({
          status: 'official',
          decisionRef: 'x',
          nonWorkingDays: [
            { date: '2028-01-03', reason: 'other year' },
            { date: '2027-01-16', reason: 'a Saturday' },
          ],
          workingWeekendDays: [{ date: '2027-01-05', reason: 'a Tuesday' }],
        })
        .expect(422);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      expect(invalid.body.errors.length).toBeGreaterThanOrEqual(3);
      const official = await actors.staff('official', 'MJ');
      await t.http.put('/api/v1/calendar/years/2027').set(official.auth).send(original).expect(403);
    });
  });
});
