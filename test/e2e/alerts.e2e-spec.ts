import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';
import { assign, baku, caseStaff, recordPaperAppeal } from '../support/timers';

/**
 * Issue 5's proof, through HTTP, the real scheduler (ticking on its own), Redis and an SMTP server:
 * the law's clock acts by itself.
 */
describe('deadline alerts (e2e)', () => {
  const clock = new FixedClock(baku('2026-02-02', '11:00:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let registrar: TestUser;
  let official: TestUser;
  let supervisor: TestUser;
  let parentSupervisor: TestUser;
  let cabinetSupervisor: TestUser;
  let otherSupervisor: TestUser;
  let agency: string;

  const workingDaysAfter = async (from: string, workingDays: number) =>
    ((await t.http.get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body as { dueDate: string }).dueDate;
  const mails = (user: TestUser, registrationNumber: string) => smtp.to(user.email).filter((m) => m.subject.includes(registrationNumber));

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, TIMER_TICK_MS: '200' } });
    actors = new Actors(t);
    // An agency and the body above it of their own, so no other test's alerts share their lists.
    const parent = await caseStaff(t, actors, 'CABMIN');
    parentSupervisor = parent.supervisor;
    ({ agency, registrar, official, supervisor } = await caseStaff(t, actors, parent.agencyCode));
    cabinetSupervisor = await actors.staff('supervisor', 'CABMIN');
    otherSupervisor = await actors.staff('supervisor', 'MTAX');
  }, 120_000); // seven accounts (argon2 each) and the app: slow on a busy shared machine

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('warns the executor and the controlling body, then alerts the supervisor of a case recorded 20 working days late', async () => {
    const receivedOn = '2026-02-02';
    // A case received, registered and assigned on its day, put under control by the Cabinet.
    const watched = await recordPaperAppeal(t, registrar, agency, receivedOn);
    await assign(t, registrar, watched, official.id);
    await t.http.post(`/api/v1/appeals/${watched.id}/control`).set(supervisor.auth).expect(422);
    const control = await t.http.post(`/api/v1/appeals/${watched.id}/control`).set(cabinetSupervisor.auth).expect(200);
    expect(control.body).toMatchObject({ appealId: watched.id, agencyId: await actors.agencyId('CABMIN') });

    // 20 working days later, the scheduler fires on its own what fell due meanwhile.
    const today = await workingDaysAfter(receivedOn, 20);
    clock.set(baku(today, '10:00:00'));
    await smtp.waitFor(() => mails(official, watched.registrationNumber).length === 4);
    const subjects = mails(official, watched.registrationNumber)
      .map((m) => m.subject.split(':')[0])
      .sort();
    expect(subjects).toEqual([
      'Baxılma müddəti bu gün bitir',
      'Baxılma müddəti keçib',
      'Baxılma müddətinin bitməsinə 1 iş günü qalıb',
      'Baxılma müddətinin bitməsinə 3 iş günü qalıb',
    ]);
    await smtp.waitFor(() => mails(cabinetSupervisor, watched.registrationNumber).length === 4);

    // Recorded today, received 20 working days ago: overdue the moment it is registered.
    const late = await recordPaperAppeal(t, registrar, agency, receivedOn);
    const [overdueMail] = await smtp
      .waitFor(() => mails(supervisor, late.registrationNumber).some((m) => m.subject.startsWith('Baxılma müddəti keçib')))
      .then(() => mails(supervisor, late.registrationNumber).filter((m) => m.subject.startsWith('Baxılma müddəti keçib')));
    expect(overdueMail.text).toContain(`http://portal.test/office/appeals/${late.id}`);
    expect(overdueMail.text).not.toContain('Məmmədova'); // never the applicant's name
    // One alert, as overdue: not referral-due, two warnings and "due today" in the same second too.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mails(supervisor, late.registrationNumber)).toHaveLength(1);

    const list = await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200);
    expect((list.body.items as Array<{ appealId: string; kind: string }>).filter((a) => a.appealId === late.id).map((a) => a.kind)).toEqual(
      ['overdue'],
    );
    const alert = (list.body.items as Array<Record<string, unknown>>).find((a) => a.appealId === late.id && a.kind === 'overdue');
    expect(alert).toMatchObject({
      registrationNumber: late.registrationNumber,
      agencyId: agency,
      dueAt: baku(await workingDaysAfter(receivedOn, 15), '23:59:59').toISOString(),
      acknowledgedAt: null,
    });
    expect(Object.keys(alert as object).sort()).toEqual(
      ['id', 'appealId', 'registrationNumber', 'kind', 'daysBefore', 'agencyId', 'dueAt', 'createdAt', 'acknowledgedAt'].sort(),
    );

    // The body above sees it too; a supervisor elsewhere and an official do not.
    const fromParent = await t.http.get('/api/v1/alerts').set(parentSupervisor.auth).expect(200);
    expect((fromParent.body.items as Array<{ id: string }>).map((a) => a.id)).toContain(alert?.id);
    const elsewhere = await t.http.get('/api/v1/alerts').set(otherSupervisor.auth).expect(200);
    expect((elsewhere.body.items as Array<{ appealId: string }>).some((a) => a.appealId === late.id)).toBe(false);
    await t.http.get('/api/v1/alerts').set(official.auth).expect(403);
    await t.http
      .post(`/api/v1/alerts/${String(alert?.id)}/acknowledge`)
      .set(otherSupervisor.auth)
      .expect(404);

    const acknowledged = await t.http
      .post(`/api/v1/alerts/${String(alert?.id)}/acknowledge`)
      .set(supervisor.auth)
      .expect(200);
    expect(acknowledged.body.acknowledgedAt).toBe(baku(today, '10:00:00').toISOString());
    await t.http.post('/api/v1/alerts/not-an-id/acknowledge').set(supervisor.auth).expect(404);
  }, 45_000);

  it("shows the supervisor's alerts on the dashboard page and acknowledges one there", async () => {
    const open = (
      (await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200)).body.items as Array<{
        id: string;
        acknowledgedAt: string | null;
      }>
    ).find((a) => a.acknowledgedAt === null);
    expect(open).toBeDefined();
    const page = new WebClient(t);
    await page.signIn(supervisor.email, supervisor.password);
    const dashboard = await page.get('/supervision');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain(`data-alert="${String(open?.id)}"`);
    const done = await page.post(`/supervision/alerts/${String(open?.id)}/acknowledge`, {});
    expect(done.status).toBe(303);
    const after = (await t.http.get('/api/v1/alerts').set(supervisor.auth).expect(200)).body.items as Array<{
      id: string;
      acknowledgedAt: string | null;
    }>;
    expect(after.find((a) => a.id === open?.id)?.acknowledgedAt).not.toBeNull();
  });

  it('describes the alert routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http.get('/docs-json').expect(200)).body.paths as object);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/alerts', '/api/v1/alerts/{id}/acknowledge', '/api/v1/appeals/{id}/control']));
  });

  it('pages the list with an opaque cursor and refuses a forged one', async () => {
    const first = await t.http.get('/api/v1/alerts').query({ limit: 1 }).set(supervisor.auth).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http.get('/api/v1/alerts').query({ limit: 1, cursor: first.body.nextCursor }).set(supervisor.auth).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    await t.http.get('/api/v1/alerts').query({ cursor: 'forged' }).set(supervisor.auth).expect(400);
    await t.http.get('/api/v1/alerts').query({ limit: 500 }).set(supervisor.auth).expect(422);
  });
});
