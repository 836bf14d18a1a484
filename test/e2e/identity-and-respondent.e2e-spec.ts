import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { baku, caseStaff } from '../support/timers';
import { WebClient } from '../support/web-client';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);
const APPLICANT = 'Qasımova Nərgiz Tofiq qızı';
const WATER = 'Yaşadığım binada üç gündür içməli su yoxdur, su təchizatının bərpa olunmasını xahiş edirəm.';
const WATER_AGAIN = 'Yenə də yaşadığım binada içməli su yoxdur, su təchizatının bərpa olunmasını təkrar xahiş edirəm.';

type Appeal = {
  id: string;
  registrationNumber: string;
  version: number;
  status: string;
  identityHidden: boolean;
  executorId: string | null;
  mergedInto: string | null;
  linkKind: string | null;
  parentAppealId: string | null;
};
type Detail = Appeal & {
  text: string | null;
  applicant: Record<string, unknown>;
  coApplicants: unknown[];
  representative: unknown;
  attachments: Array<{ id: string }>;
  linkedCases: Array<{ id: string }>;
  sameMatter?: { earlier: Array<{ id: string }>; answeredOnMeritsLastYear: number };
};
type Event = { type: string; actorId: string | null; data: Record<string, unknown> };

/**
 * Issue 12, part B, through HTTP on the real PostgreSQL, Redis and SMTP: the official a complaint
 * is about never sees or handles it (AOC 594-1.1.2, 594-1.1.4), and the applicant's identity is
 * shown on a need-to-know basis, with every opening by staff logged (appeals-rules.md 16, 18).
 */
describe('respondent official and identity on a need-to-know basis (e2e)', () => {
  const clock = new FixedClock(baku('2026-05-22', '10:00:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let agency: string;
  let registrar: TestUser;
  let executor: TestUser;
  let supervisor: TestUser;
  let colleague: TestUser;
  let respondent: TestUser;
  let parentSupervisor: TestUser;
  let otherSupervisor: TestUser;
  let citizen: TestUser;

  const api = (path: string) => `/api/v1/appeals${path}`;
  const post = (who: TestUser, path: string, body: Record<string, unknown>) => t.http.post(api(path)).set(who.auth).send(body);
  const read = async (who: TestUser, id: string): Promise<Detail> =>
    (
      await t.http
        .get(api(`/${id}`))
        .set(who.auth)
        .expect(200)
    ).body;
  const eventsOf = async (who: TestUser, id: string): Promise<Event[]> =>
    (
      await t.http
        .get(api(`/${id}/events`))
        .set(who.auth)
        .expect(200)
    ).body.items;
  const listIds = async (who: TestUser, query: Record<string, string> = {}): Promise<string[]> =>
    (
      (
        await t.http
          .get(api(''))
          .query({ limit: '200', ...query })
          .set(who.auth)
          .expect(200)
      ).body.items as Appeal[]
    ).map((a) => a.id);
  /** A paper complaint the registrar records, received on `receivedOn` (today by default). */
  const complaint = async (body: Record<string, unknown> = {}, receivedOn = '2026-05-22'): Promise<Appeal> =>
    (
      await post(registrar, '', {
        type: 'complaint',
        agencyId: agency,
        subject: 'Sayğac',
        text: 'Su sayğacının göstəricisi səhv yazılır, hesab düzgün deyil, yoxlanılmasını xahiş edirəm.',
        applicant: { kind: 'natural', fullName: APPLICANT, address: 'Bakı, Nəsimi r., 7' },
        channel: 'post',
        receivedOn,
        ...body,
      }).expect(201)
    ).body;
  /** A portal appeal of `citizen`. */
  const portal = async (body: Record<string, unknown> = {}): Promise<Appeal> =>
    (
      await post(citizen, '', {
        type: 'application',
        agencyId: agency,
        subject: 'Su təchizatı',
        text: WATER,
        applicant: { kind: 'natural', fullName: APPLICANT, address: 'Bakı, Nəsimi r., 5', email: citizen.email },
        ...body,
      }).expect(201)
    ).body;
  const assign = async (appeal: { id: string; version: number }, to: TestUser): Promise<Appeal> =>
    (await post(registrar, `/${appeal.id}/assignment`, { executorId: to.id, version: appeal.version }).expect(200)).body;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, TIMER_TICK_MS: '200' } });
    actors = new Actors(t);
    // An agency and the body above it of their own, so no other test's cases or alerts share them.
    const parent = await caseStaff(t, actors, 'CABMIN');
    parentSupervisor = parent.supervisor;
    const staff = await caseStaff(t, actors, parent.agencyCode);
    ({ agency, registrar, supervisor } = staff);
    executor = staff.official;
    const ofAgency = new Actors(t);
    colleague = await ofAgency.staff('official', staff.agencyCode);
    respondent = await ofAgency.staff('official', staff.agencyCode);
    otherSupervisor = await actors.staff('supervisor', 'MTAX');
    citizen = await actors.citizen(APPLICANT);
  }, 180_000); // ten accounts (argon2 each) and the app: slow on a busy shared machine

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('the official complained about (AOC 594-1.1.2, 594-1.1.4)', () => {
    it('cannot read, list, search, count or act on the complaint naming them; assigning it to them is refused', async () => {
      const before = (await t.http.get(api('/counts')).set(respondent.auth).expect(200)).body;
      const about = await complaint({ respondentOfficialId: respondent.id, subject: 'Zəncirvarixəta sayğacda' });
      expect(about).toMatchObject({ identityHidden: false });
      const id = about.id;

      await t.http
        .get(api(`/${id}`))
        .set(respondent.auth)
        .expect(404);
      await t.http
        .get(api(`/${id}/events`))
        .set(respondent.auth)
        .expect(404);
      await t.http
        .get(api(`/${id}/follow-up-candidates`))
        .set(respondent.auth)
        .expect(404);
      await t.http
        .get(api(`/${id}/attachments/00000000-0000-4000-8000-000000000000`))
        .set(respondent.auth)
        .expect(404);
      expect(await listIds(respondent)).not.toContain(id);
      expect(await listIds(respondent, { q: 'Zəncirvarixəta' })).toEqual([]);
      expect(await listIds(colleague, { q: 'Zəncirvarixəta' })).toEqual([id]);
      // Counts leave it out for them only: paging and counting stay right.
      const after = (await t.http.get(api('/counts')).set(respondent.auth).expect(200)).body;
      const colleagueCounts = (await t.http.get(api('/counts')).set(colleague.auth).expect(200)).body;
      expect(after.byStatus.registered).toBe(before.byStatus.registered);
      expect(colleagueCounts.byStatus.registered).toBe(after.byStatus.registered + 1);

      // Every action: 404, nothing written.
      const version = about.version;
      const refused = [
        post(respondent, `/${id}/additional-study`, { reason: 'Əlavə yoxlama lazımdır', version }),
        post(respondent, `/${id}/extension`, { workingDays: 5, reason: 'Sənəd gözlənilir', version }),
        post(respondent, `/${id}/answer`, {
          text: 'Şikayət əsassızdır, yoxlama nəticəsində pozuntu aşkar edilməmişdir, müraciətçiyə izah edilsin.',
          version,
        }),
        post(respondent, `/${id}/leave-without-consideration`, { ground: 'form_defect', note: 'Forma qüsurludur', version }),
        post(respondent, `/${id}/regime`, { regime: 'urgent', reason: 'Təcili baxılmalıdır', version }),
        post(respondent, `/${id}/referral`, { toAgencyId: await actors.agencyId('MTAX'), version }),
      ];
      for (const response of await Promise.all(refused)) expect(response.status).toBe(404);
      expect((await read(supervisor, id)).version).toBe(version);

      const assigned = await post(registrar, `/${id}/assignment`, { executorId: respondent.id, version }).expect(422);
      expect(assigned.body.code).toBe('REFERRAL_TO_RESPONDENT_FORBIDDEN');

      // The pages read through the same services.
      const page = new WebClient(t);
      await page.signIn(respondent.email, respondent.password);
      expect((await page.get(`/office/appeals/${id}`)).status).toBe(404);
      expect((await page.get('/office')).text).not.toContain(about.registrationNumber);

      // The calendar feed reads their list: not there either; a colleague's has it.
      const feedOf = async (who: TestUser) => {
        const url = (await t.http.post('/api/v1/me/calendar-feed').set(who.auth).expect(201)).body.url as string;
        return (await t.http.get(new URL(url).pathname).expect(200)).text;
      };
      expect(await feedOf(respondent)).not.toContain(about.registrationNumber);
      expect(await feedOf(colleague)).toContain(about.registrationNumber);
    }, 60_000);

    it('is named only by staff, as an existing staff account', async () => {
      const refused = await post(citizen, '', {
        type: 'complaint',
        agencyId: agency,
        subject: 'Sayğac',
        text: WATER,
        applicant: { kind: 'natural', fullName: APPLICANT, address: 'Bakı', email: citizen.email },
        respondentOfficialId: respondent.id,
      }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'respondentOfficialId' })]);
      for (const respondentOfficialId of [citizen.id, '00000000-0000-4000-8000-000000000000']) {
        const unknown = await post(registrar, '', {
          type: 'complaint',
          agencyId: agency,
          subject: 'Sayğac',
          text: WATER,
          applicant: { kind: 'natural', fullName: APPLICANT, address: 'Bakı' },
          channel: 'post',
          respondentOfficialId,
        }).expect(422);
        expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'respondentOfficialId' })]);
      }
    });

    it('is recorded later by the registrar or a supervisor, audited, with the version; null clears it', async () => {
      const appeal = await complaint();
      await post(colleague, `/${appeal.id}/respondent`, { respondentOfficialId: respondent.id, version: appeal.version }).expect(403);
      await post(registrar, `/${appeal.id}/respondent`, { respondentOfficialId: respondent.id, version: appeal.version + 1 }).expect(409);
      await post(registrar, `/${appeal.id}/respondent`, { version: appeal.version }).expect(422);
      await post(registrar, `/${appeal.id}/respondent`, { respondentOfficialId: 'not-a-uuid', version: appeal.version }).expect(422);

      const named = (
        await post(registrar, `/${appeal.id}/respondent`, {
          respondentOfficialId: respondent.id,
          respondentOfficial: 'Rüstəmov Kamran',
          version: appeal.version,
        }).expect(200)
      ).body;
      expect(named).toMatchObject({ version: appeal.version + 1, respondentOfficial: 'Rüstəmov Kamran' });
      await t.http
        .get(api(`/${appeal.id}`))
        .set(respondent.auth)
        .expect(404);
      const event = (await eventsOf(supervisor, appeal.id)).find((e) => e.type === 'respondent_set');
      expect(event).toMatchObject({
        actorId: registrar.id,
        data: {
          before: { respondentOfficialId: null },
          after: { respondentOfficialId: respondent.id, respondentOfficial: 'Rüstəmov Kamran' },
        },
      });

      const cleared = (
        await post(supervisor, `/${appeal.id}/respondent`, { respondentOfficialId: null, version: named.version }).expect(200)
      ).body;
      expect(cleared.respondentOfficial).toBe('Rüstəmov Kamran');
      await t.http
        .get(api(`/${appeal.id}`))
        .set(respondent.auth)
        .expect(200);

      // Not on other appeal types; not the executor while assigned (reassign first).
      const application = await portal();
      const notComplaint = await post(registrar, `/${application.id}/respondent`, {
        respondentOfficialId: respondent.id,
        version: application.version,
      }).expect(422);
      expect(notComplaint.body.code).toBe('APPEAL_RESPONDENT_NOT_COMPLAINT');
      const handled = await assign(cleared, executor);
      const own = await post(registrar, `/${appeal.id}/respondent`, { respondentOfficialId: executor.id, version: handled.version }).expect(
        422,
      );
      expect(own.body.code).toBe('REFERRAL_TO_RESPONDENT_FORBIDDEN');
    });

    it("sends the alerts of a complaint about the agency's supervisor to the parent agency's supervisors", async () => {
      // Received 20 working days before it is recorded: overdue at once, one overdue alert.
      const late = await complaint({ respondentOfficialId: supervisor.id }, '2026-04-01');
      const toParent = () => smtp.to(parentSupervisor.email).filter((m) => m.subject.includes(late.registrationNumber));
      await smtp.waitFor(() => toParent().some((m) => m.subject.startsWith('Baxılma müddəti keçib')));
      await new Promise((r) => setTimeout(r, 1_000));
      expect(smtp.to(supervisor.email).filter((m) => m.subject.includes(late.registrationNumber))).toEqual([]);

      const alertsOf = async (who: TestUser) =>
        (
          (await t.http.get('/api/v1/alerts').query({ limit: '200' }).set(who.auth).expect(200)).body.items as Array<{
            id: string;
            appealId: string;
          }>
        ).filter((a) => a.appealId === late.id);
      const [alert] = await alertsOf(parentSupervisor);
      expect(alert).toBeDefined();
      expect(await alertsOf(supervisor)).toEqual([]);
      await t.http.post(`/api/v1/alerts/${alert.id}/acknowledge`).set(supervisor.auth).expect(404);
      await t.http
        .get(api(`/${late.id}`))
        .set(supervisor.auth)
        .expect(404);
      await t.http
        .post(api(`/${late.id}/control`))
        .set(supervisor.auth)
        .expect(404);
    }, 45_000);
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const paths = (await t.http.get('/docs-json').expect(200)).body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/appeals/{id}/respondent'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/appeals/{id}/access-log'] ?? {})).toEqual(['get']);
  });

  describe('identity on a need-to-know basis (appeals-rules.md 18; Constitution 57.II)', () => {
    it('shows an official who is not the executor the case with identityHidden, and logs every opening of the identity', async () => {
      const appeal = await portal({
        representative: { fullName: 'Vəkil Rauf', address: 'Bakı, Yasamal r., 3', authorityDocument: 'Etibarnamə 12' },
      });
      const hidden = await read(colleague, appeal.id);
      expect(hidden).toMatchObject({
        identityHidden: true,
        applicant: { kind: 'natural', redacted: true },
        coApplicants: [],
        representative: null,
        attachments: [],
      });
      expect(hidden.text).toBe(WATER);
      expect(JSON.stringify(hidden)).not.toContain('Qasımova');
      expect((await t.http.get(api('')).query({ limit: '200' }).set(colleague.auth).expect(200)).body.items).toContainEqual(
        expect.objectContaining({ id: appeal.id, identityHidden: true }),
      );
      // The registered event's actor is the applicant's account: not for them.
      const registered = (await eventsOf(colleague, appeal.id)).find((e) => e.type === 'registered');
      expect(registered?.actorId).toBeNull();
      expect((await eventsOf(supervisor, appeal.id)).find((e) => e.type === 'registered')?.actorId).toBe(citizen.id);

      expect(await read(citizen, appeal.id)).toMatchObject({ identityHidden: false, applicant: { fullName: APPLICANT } });
      expect(await read(registrar, appeal.id)).toMatchObject({
        identityHidden: false,
        applicant: { fullName: APPLICANT },
        representative: { fullName: 'Vəkil Rauf' },
      });
      const assigned = await assign(appeal, executor);
      expect(assigned.identityHidden).toBe(false); // the registrar who assigned it
      expect(await read(executor, appeal.id)).toMatchObject({ identityHidden: false, applicant: { fullName: APPLICANT } });
      expect((await read(colleague, appeal.id)).identityHidden).toBe(true);
      expect(await read(parentSupervisor, appeal.id)).toMatchObject({ identityHidden: false, applicant: { fullName: APPLICANT } });

      // Who opened it: the registrar, the executor, the parent supervisor; never the colleague or the applicant.
      const log = (
        await t.http
          .get(api(`/${appeal.id}/access-log`))
          .set(supervisor.auth)
          .expect(200)
      ).body.items as Array<Record<string, string>>;
      expect(log.map((row) => row.userId).sort()).toEqual([registrar.id, executor.id, parentSupervisor.id].sort());
      expect(log.find((row) => row.userId === executor.id)).toMatchObject({
        userName: 'Test official',
        role: 'official',
        at: clock.now().toISOString(),
      });
      expect(Object.keys(log[0]).sort()).toEqual(['at', 'role', 'userId', 'userName']);
      // The supervisor's own reading above was logged too.
      const again = (
        await t.http
          .get(api(`/${appeal.id}/access-log`))
          .set(parentSupervisor.auth)
          .expect(200)
      ).body.items as Array<{ userId: string }>;
      expect(again.map((row) => row.userId)).toContain(parentSupervisor.id);
      // Only supervisors above the agency read it.
      await t.http
        .get(api(`/${appeal.id}/access-log`))
        .set(registrar.auth)
        .expect(403);
      await t.http
        .get(api(`/${appeal.id}/access-log`))
        .set(executor.auth)
        .expect(403);
      await t.http
        .get(api(`/${appeal.id}/access-log`))
        .set(citizen.auth)
        .expect(403);
      await t.http
        .get(api(`/${appeal.id}/access-log`))
        .set(otherSupervisor.auth)
        .expect(404);

      // The pages say the same.
      const page = new WebClient(t);
      await page.signIn(colleague.email, colleague.password);
      const office = await page.get(`/office/appeals/${appeal.id}`);
      expect(office.status).toBe(200);
      expect(office.text).not.toContain('Qasımova');
      const executorPage = new WebClient(t);
      await executorPage.signIn(executor.email, executor.password);
      expect((await executorPage.get(`/office/appeals/${appeal.id}`)).text).toContain(APPLICANT);
    }, 60_000);

    it("hides a confidential appeal's text, documents and words from all but the executor, the supervisors and the applicant", async () => {
      const secret = await portal({ confidential: true, text: `${WATER} Gizliqalxyz sözü məxfidir.` });
      await t.http
        .post(api(`/${secret.id}/attachments`))
        .set(citizen.auth)
        .attach('file', PDF, { filename: 'arayis.pdf', contentType: 'application/pdf' })
        .expect(201);
      const handled = await assign(secret, executor);
      expect(handled.identityHidden).toBe(true); // the registrar: not for a confidential appeal

      for (const who of [registrar, colleague]) {
        const view = await read(who, secret.id);
        expect(view).toMatchObject({ identityHidden: true, text: null, attachments: [], applicant: { redacted: true } });
        expect(await listIds(who, { q: 'Gizliqalxyz' })).toEqual([]);
      }
      const own = await read(executor, secret.id);
      expect(own).toMatchObject({ identityHidden: false, text: expect.stringContaining('Gizliqalxyz') });
      expect(own.attachments).toHaveLength(1);
      expect(await listIds(executor, { q: 'Gizliqalxyz' })).toEqual([secret.id]);
      expect(await listIds(supervisor, { q: 'Gizliqalxyz' })).toEqual([secret.id]);
      expect((await read(citizen, secret.id)).text).toContain('Gizliqalxyz');

      const attachment = own.attachments[0].id;
      await t.http
        .get(api(`/${secret.id}/attachments/${attachment}`))
        .set(colleague.auth)
        .expect(404);
      await t.http
        .get(api(`/${secret.id}/attachments/${attachment}`))
        .set(registrar.auth)
        .expect(404);
      await t.http
        .get(api(`/${secret.id}/attachments/${attachment}`))
        .set(executor.auth)
        .expect(200);
    }, 45_000);

    it("does not lead from a case whose identity is hidden to the applicant's other cases (events, links, earlier appeals)", async () => {
      const first = await portal();
      const followUp = await portal({ text: WATER_AGAIN });
      const confidential = await portal({ confidential: true, text: WATER_AGAIN });
      const inReview = await assign(followUp, executor);

      // The executor may see who the applicant is: the earlier ordinary appeal is listed, the confidential one is not.
      const executorView = await read(executor, followUp.id);
      expect(executorView.sameMatter?.earlier.map((e) => e.id)).toContain(first.id);
      expect(executorView.sameMatter?.earlier.map((e) => e.id)).not.toContain(confidential.id);
      const candidates = (
        await t.http
          .get(api(`/${followUp.id}/follow-up-candidates`))
          .set(executor.auth)
          .expect(200)
      ).body.items as Array<{ id: string }>;
      expect(candidates.map((c) => c.id)).not.toContain(confidential.id);
      // A supervisor sees both.
      expect((await read(supervisor, followUp.id)).sameMatter?.earlier.map((e) => e.id)).toEqual(
        expect.arrayContaining([first.id, confidential.id]),
      );

      // Merged by the supervisor: the colleague sees neither the link, nor the target, nor the event's pointer.
      const merged = (await post(supervisor, `/${followUp.id}/merge`, { intoAppealId: first.id, version: inReview.version }).expect(200))
        .body;
      expect(merged).toMatchObject({ mergedInto: first.id, identityHidden: false });
      const seen = await read(colleague, followUp.id);
      expect(seen).toMatchObject({ identityHidden: true, mergedInto: null, linkKind: null, parentAppealId: null, linkedCases: [] });
      expect(seen.sameMatter).toBeUndefined();
      const mergeEvent = (await eventsOf(colleague, followUp.id)).find((e) => e.type === 'merged');
      expect(mergeEvent?.data).not.toHaveProperty('intoAppealId');
      expect(JSON.stringify(await eventsOf(colleague, first.id))).not.toContain(followUp.id);
      expect(JSON.stringify(await eventsOf(colleague, first.id))).not.toContain(citizen.id);
      // The executor, who may see the identity, keeps the link.
      expect((await read(executor, followUp.id)).linkedCases.map((c) => c.id)).toEqual([first.id]);
      await t.http
        .get(api(`/${followUp.id}/follow-up-candidates`))
        .set(colleague.auth)
        .expect(403);
    }, 45_000);
  });
});
