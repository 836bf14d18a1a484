import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The first capability end to end: a citizen registers, submits a complaint, gets a registration
 * number and a confirmation e-mail through a real SMTP server; a registrar records a postal appeal
 * received last week; nobody sees a case that is not theirs.
 */
describe('appeal intake (e2e)', () => {
  // Friday 22 May 2026, 10:00 in Baku.
  const clock = new FixedClock(new Date('2026-05-22T10:00:00+04:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let mtax: string;
  let citizen: TestUser;

  const complaint = (overrides: Record<string, unknown> = {}) => ({
    type: 'complaint',
    agencyId: mtax,
    subject: 'Vergi bəyannaməsinin qəbulu',
    text: 'Elektron bəyannaməm üç həftədir qəbul edilmir və heç bir cavab verilmir.',
    applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nizami küç. 10', email: citizen.email },
    ...overrides,
  });

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
    mtax = await actors.agencyId('MTAX');
    citizen = await actors.citizen();
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('registers a citizen complaint with a number, deadlines and a confirmation e-mail', async () => {
    const response = await t.http.post('/api/v1/appeals').set(citizen.auth).send(complaint()).expect(201);
    const appeal = response.body;
    expect(appeal.registrationNumber).toMatch(/^M-2026-\d{7}$/);
    expect(appeal).toMatchObject({
      type: 'complaint',
      status: 'registered',
      agencyId: mtax,
      channel: 'portal',
      receivedOn: '2026-05-22',
      // 3 working days: May 25, 26, then Jun 1 (May 27-29 are Qurban and Independence Day).
      referralDueDate: '2026-06-01',
      // 15 working days, skipping May 27-29 and Jun 15.
      reviewDueDate: '2026-06-18',
      reviewDueAt: '2026-06-18T19:59:59.000Z',
      reviewTermWorkingDays: 15,
      version: 1,
    });

    await smtp.waitFor((m) => m.some((x) => x.text.includes(appeal.registrationNumber)));
    // The sink also gets other mail of the run (supervisors' daily digests): pick this appeal's.
    const sent = smtp.messages.filter((m) => m.text.includes(appeal.registrationNumber));
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail.to).toEqual([citizen.email]);
    expect(mail.subject).toContain(appeal.registrationNumber);
    expect(mail.text).toContain('qeydə alınmışdır');
    expect(mail.text).toContain('2026-06-18');
    expect(mail.text).toContain(`http://portal.test/my/appeals/${appeal.id}`);

    const detail = (await t.http.get(`/api/v1/appeals/${appeal.id}`).set(citizen.auth).expect(200)).body;
    expect(detail.applicant).toMatchObject({ kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu' });
    expect(detail.deadlines.review).toMatchObject({ dueDate: '2026-06-18', workingDays: 15, workingDaysUsed: 0, workingDaysLeft: 15 });
    expect(detail.history).toEqual([expect.objectContaining({ seq: 1, type: 'registered' })]);

    const events = (await t.http.get(`/api/v1/appeals/${appeal.id}/events`).set(citizen.auth).expect(200)).body.items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, type: 'registered', prevHash: null, actorRole: 'citizen' });
    expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets a registrar record a postal appeal received last week, with deadlines from the receipt date', async () => {
    const registrar = await actors.staff('registrar', 'MTAX');
    const response = await t.http
      .post('/api/v1/appeals')
      .set(registrar.auth)
      .send({
        type: 'application',
        agencyId: mtax,
        subject: 'Vergi uçotu haqqında arayış',
        text: 'Vergi uçotunda olduğum barədə arayış verilməsini xahiş edirəm.',
        applicant: { kind: 'natural', fullName: 'Məmmədova Günel Əli qızı', address: 'Gəncə, Atatürk pr. 5' },
        channel: 'post',
        receivedOn: '2026-05-15',
      })
      .expect(201);
    // Worked example of working-days-az.md: Fri 15 May 2026 + 3 working days = Wed 20 May 2026.
    expect(response.body).toMatchObject({
      channel: 'post',
      receivedOn: '2026-05-15',
      referralDueDate: '2026-05-20',
      reviewDueDate: '2026-06-10',
    });

    const list = (await t.http.get('/api/v1/appeals').set(registrar.auth).expect(200)).body;
    expect(list.items.map((a: { id: string }) => a.id)).toContain(response.body.id);
  });

  it('refuses a future receipt date and a receipt date from a citizen', async () => {
    const registrar = await actors.staff('registrar', 'MTAX');
    const future = await t.http
      .post('/api/v1/appeals')
      .set(registrar.auth)
      .send({ ...complaint(), channel: 'post', receivedOn: '2026-05-23' })
      .expect(422);
    expect(future.body).toMatchObject({ code: 'APPEAL_RECEIVED_ON_INVALID', errors: [{ field: 'receivedOn' }] });

    const fromCitizen = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ receivedOn: '2026-05-20' }))
      .expect(422);
    expect(fromCitizen.body.code).toBe('APPEAL_RECEIVED_ON_INVALID');
  });

  it('refuses an anonymous portal appeal and one without e-mail or postal address', async () => {
    const anonymous = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ applicant: { kind: 'natural' } }))
      .expect(422);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({ status: 422, code: 'APPEAL_ANONYMOUS', errors: [{ field: 'applicant' }] });
    expect(anonymous.body.correlationId).toBeTruthy();

    const noContact = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', phone: '+994 50 123 45 67' } }))
      .expect(422);
    expect(noContact.body).toMatchObject({ code: 'APPEAL_CONTACT_REQUIRED', errors: [{ field: 'applicant.email' }] });
  });

  it('records an anonymous paper appeal as left without consideration, with no notice', async () => {
    const registrar = await actors.staff('registrar', 'MTAX');
    const response = await t.http
      .post('/api/v1/appeals')
      .set(registrar.auth)
      .send({ ...complaint(), applicant: { kind: 'natural' }, channel: 'post' })
      .expect(201);
    expect(response.body).toMatchObject({ status: 'left_without_consideration', anonymous: true, closureGround: 'form_defect' });
  });

  it('answers an unknown agency with 422 naming the field', async () => {
    const response = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ agencyId: '00000000-0000-4000-8000-000000000000' }))
      .expect(422);
    expect(response.body).toMatchObject({ code: 'APPEAL_UNKNOWN_AGENCY', errors: [{ field: 'agencyId' }] });
  });

  it('keeps collective appeals, representatives and respondents', async () => {
    const scc = await actors.agencyId('SCC');
    const response = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(
        complaint({
          coApplicants: [{ kind: 'natural', fullName: 'Həsənov Orxan', address: 'Bakı, Yasamal' }],
          representative: {
            fullName: 'Vəkil Kamran Quliyev',
            address: 'Bakı, Səbail',
            authorityDocument: 'Etibarnamə No. 123, 2026-05-01',
          },
          respondentAgencyId: scc,
          respondentOfficial: 'Gömrük postunun rəisi',
        }),
      )
      .expect(201);
    expect(response.body).toMatchObject({ collective: true, respondentAgencyId: scc, respondentOfficial: 'Gömrük postunun rəisi' });
    const detail = (await t.http.get(`/api/v1/appeals/${response.body.id}`).set(citizen.auth).expect(200)).body;
    expect(detail.coApplicants).toEqual([expect.objectContaining({ fullName: 'Həsənov Orxan' })]);
    expect(detail.representative).toMatchObject({ authorityDocument: 'Etibarnamə No. 123, 2026-05-01' });

    const notComplaint = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ type: 'proposal', respondentAgencyId: scc }))
      .expect(422);
    expect(notComplaint.body.code).toBe('APPEAL_RESPONDENT_NOT_COMPLAINT');
  });

  it('gives urgent appeals 24 clock hours', async () => {
    const response = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint({ regime: 'urgent' }))
      .expect(201);
    expect(response.body).toMatchObject({ regime: 'urgent', reviewTermWorkingDays: null, reviewDueAt: '2026-05-23T06:00:00.000Z' });
  });

  describe('Idempotency-Key', () => {
    it('returns the first response for the same key and body, and creates one appeal', async () => {
      const someone = await actors.citizen();
      const body = complaint({ applicant: { kind: 'natural', fullName: 'Test Şəxs', email: someone.email } });
      const first = await t.http.post('/api/v1/appeals').set(someone.auth).set('Idempotency-Key', 'key-1').send(body).expect(201);
      const second = await t.http.post('/api/v1/appeals').set(someone.auth).set('Idempotency-Key', 'key-1').send(body).expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const list = (await t.http.get('/api/v1/appeals').set(someone.auth).expect(200)).body;
      expect(list.items).toHaveLength(1);

      const other = await t.http
        .post('/api/v1/appeals')
        .set(someone.auth)
        .set('Idempotency-Key', 'key-1')
        .send({ ...body, subject: 'Başqa mövzu' })
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('creates one appeal when the same key arrives twice at once', async () => {
      const someone = await actors.citizen();
      const body = complaint({ applicant: { kind: 'natural', fullName: 'Test Şəxs', email: someone.email } });
      const send = () => t.http.post('/api/v1/appeals').set(someone.auth).set('Idempotency-Key', 'same-time').send(body);
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).toBe(b.body.id);
      const list = (await t.http.get('/api/v1/appeals').set(someone.auth).expect(200)).body;
      expect(list.items).toHaveLength(1);
    });
  });

  describe('who may see a case', () => {
    let appealId: string;

    beforeAll(async () => {
      appealId = (await t.http.post('/api/v1/appeals').set(citizen.auth).send(complaint()).expect(201)).body.id;
    });

    it('hides it from another citizen as if it did not exist', async () => {
      const stranger = await actors.citizen();
      const response = await t.http.get(`/api/v1/appeals/${appealId}`).set(stranger.auth).expect(404);
      expect(response.body.code).toBe('APPEAL_NOT_FOUND');
      await t.http.get(`/api/v1/appeals/${appealId}/events`).set(stranger.auth).expect(404);
      const list = (await t.http.get('/api/v1/appeals').set(stranger.auth).expect(200)).body;
      expect(list.items).toEqual([]);
    });

    it('shows it to the handling agency and its supervisors above, not to another agency or an admin', async () => {
      const official = await actors.staff('official', 'MTAX');
      const cabinetSupervisor = await actors.staff('supervisor', 'CABMIN');
      const otherOfficial = await actors.staff('official', 'MIA');
      const otherSupervisor = await actors.staff('supervisor', 'PRESADM');
      await t.http.get(`/api/v1/appeals/${appealId}`).set(official.auth).expect(200);
      await t.http.get(`/api/v1/appeals/${appealId}`).set(cabinetSupervisor.auth).expect(200);
      await t.http.get(`/api/v1/appeals/${appealId}`).set(otherOfficial.auth).expect(404);
      await t.http.get(`/api/v1/appeals/${appealId}`).set(otherSupervisor.auth).expect(404);
      await t.http
        .get(`/api/v1/appeals/${appealId}`)
        .set(await actors.admin())
        .expect(404);
    });

    it('requires a token', async () => {
      const response = await t.http.get(`/api/v1/appeals/${appealId}`).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('hides a confidential applicant from an official who is not handling it', async () => {
      const secret = (
        await t.http
          .post('/api/v1/appeals')
          .set(citizen.auth)
          .send(complaint({ confidential: true }))
          .expect(201)
      ).body;
      const official = await actors.staff('official', 'MTAX');
      const supervisor = await actors.staff('supervisor', 'MTAX');
      const seenByOfficial = (await t.http.get(`/api/v1/appeals/${secret.id}`).set(official.auth).expect(200)).body;
      expect(seenByOfficial.applicant).toEqual({ kind: 'natural', redacted: true });
      expect(JSON.stringify(seenByOfficial)).not.toContain('Əliyev');
      const seenBySupervisor = (await t.http.get(`/api/v1/appeals/${secret.id}`).set(supervisor.auth).expect(200)).body;
      expect(seenBySupervisor.applicant.fullName).toBe('Əliyev Vüqar Rəşid oğlu');
    });
  });

  describe('lists', () => {
    it('pages with an opaque cursor, newest first for the citizen', async () => {
      const someone = await actors.citizen();
      const body = complaint({ applicant: { kind: 'natural', fullName: 'Test Şəxs', email: someone.email } });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        clock.advance(1_000);
        ids.push((await t.http.post('/api/v1/appeals').set(someone.auth).send(body).expect(201)).body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
        const page = (await t.http.get('/api/v1/appeals').query(query).set(someone.auth).expect(200)).body;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((a: { id: string }) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it('filters staff lists by status and type, sorted by nearest deadline', async () => {
      const official = await actors.staff('official', 'MTAX');
      const page = (
        await t.http.get('/api/v1/appeals').query({ status: 'registered', type: 'complaint', limit: '200' }).set(official.auth).expect(200)
      ).body;
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((a: { status: string; type: string }) => a.status === 'registered' && a.type === 'complaint')).toBe(true);
      const due = page.items.map((a: { reviewDueAt: string }) => a.reviewDueAt);
      expect(due).toEqual([...due].sort());
    });

    it('refuses a forged cursor and an unknown filter value', async () => {
      await t.http.get('/api/v1/appeals').query({ cursor: 'not-a-cursor' }).set(citizen.auth).expect(400);
      const bad = await t.http.get('/api/v1/appeals').query({ status: 'lost' }).set(citizen.auth).expect(422);
      expect(bad.body.errors[0].field).toBe('status');
    });
  });
});
