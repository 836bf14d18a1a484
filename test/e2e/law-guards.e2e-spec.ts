import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { baku, caseStaff, timersOf } from '../support/timers';
import { WebClient } from '../support/web-client';

const AZ_ANSWER =
  'Hörmətli müraciətçi, müraciətiniz araşdırılmış, göstərilən məsələ üzrə lazımi tədbirlər görülmüşdür. ' +
  'Əlavə sualınız olarsa bizə yenidən müraciət edə bilərsiniz.';
const WATER = 'Yaşadığım binada üç gündür içməli su yoxdur, su təchizatının bərpa olunmasını xahiş edirəm.';
const WATER_AGAIN = 'Yenə də yaşadığım binada içməli su yoxdur, su təchizatının bərpa olunmasını təkrar xahiş edirəm.';
const CLINIC = 'Tibbi arayışımın verilməsi gecikdirilir, poliklinika arayışı vermir, kömək etməyinizi xahiş edirəm.';

type Appeal = {
  id: string;
  registrationNumber: string;
  version: number;
  status: string;
  reviewDueDate: string;
  reviewDueAt: string;
  reviewTermWorkingDays: number | null;
  regime: string;
  answerChannel: string;
  linkKind: string | null;
  parentAppealId: string | null;
};

/**
 * Issue 12, part A, through HTTP on the real PostgreSQL, Redis and SMTP: terms are never changed
 * after they expire, the regime and the answer channel, representatives, notices, follow-ups
 * merged only by staff, and the attacks on each (a late agency, a citizen naming another's
 * e-mail, planted appeals against a victim).
 */
describe('the law holds against the officials it binds (e2e)', () => {
  const clock = new FixedClock(baku('2026-05-22', '10:00:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let db: Db;
  const agency: Record<string, string> = {};

  const post = (who: TestUser, path: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/appeals${path}`).set(who.auth).send(body);
  const get = async (who: TestUser, id: string) => (await t.http.get(`/api/v1/appeals/${id}`).set(who.auth).expect(200)).body;
  const eventsOf = async (who: TestUser, id: string) =>
    (await t.http.get(`/api/v1/appeals/${id}/events`).set(who.auth).expect(200)).body.items as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;
  const deadline = async (from: string, workingDays: number) =>
    (await t.http.get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body.dueDate as string;
  const submit = async (who: TestUser, body: Record<string, unknown>): Promise<Appeal> =>
    (
      await post(who, '', {
        type: 'application',
        agencyId: agency.AZERSU,
        subject: 'Su təchizatı',
        text: WATER,
        applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nəsimi r., 5', email: who.email },
        ...body,
      }).expect(201)
    ).body;
  /** A paper appeal a registrar records, received on `receivedOn`. */
  const paper = async (registrar: TestUser, receivedOn: string, body: Record<string, unknown> = {}): Promise<Appeal> =>
    (
      await post(registrar, '', {
        type: 'complaint',
        agencyId: agency.AZERSU,
        subject: 'Su sayğacı',
        text: 'Su sayğacının göstəricisi səhv yazılır, hesab düzgün deyil, yoxlanılmasını xahiş edirəm.',
        applicant: { kind: 'natural', fullName: 'Məmmədova Aygün Elçin qızı', address: 'Bakı, Nəsimi r., 7' },
        channel: 'post',
        receivedOn,
        ...body,
      }).expect(201)
    ).body;
  const noticesOf = async (appealId: string) =>
    db.query<{ to: string; seq: string }>(
      `SELECT payload->>'to' AS "to", payload->>'seq' AS seq FROM outbox WHERE payload->>'appealId' = $1 AND payload->>'template' = 'appeal-notice'`,
      [appealId],
    );

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
    db = t.app.get(Db);
    for (const code of ['AZERSU', 'MH', 'MTAX', 'MIA']) agency[code] = await actors.agencyId(code);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  beforeEach(() => clock.set(baku('2026-05-22', '10:00:00')));

  describe('terms are never changed after they expire (Art. 10; appeals-rules.md 8, 9)', () => {
    it('refuses a late agency additional study and an extension after the due instant, and writes nothing', async () => {
      const registrar = await actors.staff('registrar', 'AZERSU');
      const official = await actors.staff('official', 'AZERSU');
      const late = await paper(registrar, '2026-04-01');
      expect(late.reviewDueDate < '2026-05-22').toBe(true);
      const before = await eventsOf(official, late.id);

      const study = await post(official, `/${late.id}/additional-study`, {
        reason: 'Əlavə yoxlama lazımdır',
        version: late.version,
      }).expect(422);
      expect(study.body.code).toBe('TERM_EXPIRED');
      const extension = await post(official, `/${late.id}/extension`, {
        workingDays: 10,
        reason: 'Sənəd gözlənilir',
        version: late.version,
      }).expect(422);
      expect(extension.body.code).toBe('TERM_EXPIRED');

      const after = await get(official, late.id);
      expect(after).toMatchObject({ version: late.version, reviewDueDate: late.reviewDueDate, reviewTermWorkingDays: 15 });
      expect(await eventsOf(official, late.id)).toEqual(before);
      // A late case stays late: in the overdue list, with its overdue timer where it was.
      const overdue = (await t.http.get('/api/v1/appeals').query({ overdue: 'true', limit: 200 }).set(official.auth).expect(200)).body
        .items;
      expect(overdue.map((a: { id: string }) => a.id)).toContain(late.id);
      expect((await timersOf(t, late.id)).find((x) => x.kind === 'overdue')?.fireAt.getTime()).toBe(
        new Date(late.reviewDueAt).getTime() + 1000,
      );

      // Until the last second of the term it still runs.
      const due = await paper(registrar, '2026-05-04');
      clock.set(new Date(new Date(due.reviewDueAt).getTime()));
      await post(official, `/${due.id}/extension`, { workingDays: 5, reason: 'Sənəd gözlənilir', version: due.version }).expect(200);
    });

    it('orders additional study only on the running 15-day term and before any extension; reports 30 + 5 = 35', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const appeal = await submit(citizen, {});
      const extendedFirst = (
        await post(official, `/${appeal.id}/extension`, { workingDays: 5, reason: 'Sənəd gözlənilir', version: appeal.version }).expect(200)
      ).body;
      const tooLate = await post(official, `/${appeal.id}/additional-study`, {
        reason: 'Yoxlama lazımdır',
        version: extendedFirst.version,
      }).expect(422);
      expect(tooLate.body.code).toBe('TERM_CHANGE_NOT_ALLOWED');
      expect(extendedFirst.reviewTermWorkingDays).toBe(20);

      const other = await submit(citizen, { text: CLINIC, agencyId: agency.MH });
      const mhOfficial = await actors.staff('official', 'MH');
      const studied = (
        await post(mhOfficial, `/${other.id}/additional-study`, { reason: 'Yoxlama lazımdır', version: other.version }).expect(200)
      ).body;
      expect(studied.reviewTermWorkingDays).toBe(30);
      const again = await post(mhOfficial, `/${other.id}/additional-study`, { reason: 'Yenə yoxlama', version: studied.version }).expect(
        422,
      );
      expect(again.body.code).toBe('TERM_CHANGE_NOT_ALLOWED');
      const extended = (
        await post(mhOfficial, `/${other.id}/extension`, { workingDays: 5, reason: 'Sənəd gözlənilir', version: studied.version }).expect(
          200,
        )
      ).body;
      expect(extended).toMatchObject({ reviewTermWorkingDays: 35, reviewDueDate: await deadline('2026-05-22', 35) });
      const detail = await get(mhOfficial, other.id);
      expect(detail.reviewTermWorkingDays).toBe(35);
      expect(detail.deadlines.review).toMatchObject({
        workingDays: 35,
        dueDate: await deadline('2026-05-22', 35),
        workingDaysUsed: 0,
        workingDaysLeft: 35,
      });
    });

    it('offers on the case page only the term actions allowed now', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const registrar = await actors.staff('registrar', 'AZERSU');
      const web = new WebClient(t);
      await web.signIn(official.email, official.password);
      const actions = async (id: string) =>
        [...(await web.get(`/office/appeals/${id}`)).text.matchAll(/data-action="([a-zA-Z]+)"/g)].map((m) => m[1]);

      const appeal = await submit(citizen, {});
      expect(await actions(appeal.id)).toEqual(expect.arrayContaining(['additionalStudy', 'extend', 'answer', 'changeRegime']));
      const studied = (
        await post(official, `/${appeal.id}/additional-study`, { reason: 'Yoxlama lazımdır', version: appeal.version }).expect(200)
      ).body;
      expect(await actions(appeal.id)).not.toContain('additionalStudy');
      expect(await actions(appeal.id)).toContain('extend');
      await post(official, `/${appeal.id}/extension`, { workingDays: 3, reason: 'Sənəd gözlənilir', version: studied.version }).expect(200);
      const extended = await actions(appeal.id);
      expect(extended).not.toContain('additionalStudy');
      expect(extended).not.toContain('extend');
      expect(extended).toContain('answer');

      const late = await paper(registrar, '2026-04-01');
      const lateActions = await actions(late.id);
      expect(lateActions).not.toContain('additionalStudy');
      expect(lateActions).not.toContain('extend');
      expect(lateActions).toContain('answer');
      // A military appeal is never extended nor studied longer (Art. 10.3).
      const military = await submit(citizen, { regime: 'military' });
      expect(await actions(military.id)).not.toEqual(expect.arrayContaining(['extend']));
      expect(await actions(military.id)).not.toContain('additionalStudy');
      // Posting the refused form anyway is the API's 422, shown on the page.
      const refused = await web.post(`/office/appeals/${late.id}/additional-study`, {
        version: String(late.version),
        reason: 'Yoxlama lazımdır',
      });
      expect(refused.status).toBe(422);
    });
  });

  describe('regime (appeals-rules.md 10)', () => {
    it("applies the applicant's request at once; staff change it with a reason, terms recomputed from receipt; the applicant is told", async () => {
      const citizen = await actors.citizen();
      const registrar = await actors.staff('registrar', 'AZERSU');
      const urgent = await submit(citizen, { regime: 'urgent' });
      expect(urgent).toMatchObject({
        regime: 'urgent',
        reviewTermWorkingDays: null,
        reviewDueAt: baku('2026-05-23', '10:00:00').toISOString(),
      });

      clock.set(baku('2026-05-22', '15:00:00'));
      const changed = (
        await post(registrar, `/${urgent.id}/regime`, {
          regime: 'standard',
          reason: 'Məlumat dəyərini itirmir',
          version: urgent.version,
        }).expect(200)
      ).body;
      expect(changed).toMatchObject({ regime: 'standard', reviewTermWorkingDays: 15, reviewDueDate: await deadline('2026-05-22', 15) });
      const confirmed = (
        await post(registrar, `/${urgent.id}/regime`, { regime: 'standard', reason: 'Təsdiq edilir', version: changed.version }).expect(200)
      ).body;
      expect(confirmed).toMatchObject({ regime: 'standard', reviewDueDate: changed.reviewDueDate, version: changed.version + 1 });
      const events = await eventsOf(registrar, urgent.id);
      expect(events.map((e) => e.type)).toEqual(['registered', 'regime_changed', 'regime_confirmed']);
      expect(events[1].data).toMatchObject({
        reason: 'Məlumat dəyərini itirmir',
        regime: 'standard',
        before: { regime: 'urgent' },
        after: { regime: 'standard', workingDays: 15 },
      });
      await smtp.waitFor(() => smtp.to(citizen.email).some((m) => m.subject.startsWith('Müraciətin baxılma qaydası dəyişdirildi')));
      expect(smtp.to(citizen.email).find((m) => m.subject.startsWith('Müraciətin baxılma qaydası dəyişdirildi'))?.text).toContain(
        'Məlumat dəyərini itirmir',
      );

      await post(citizen, `/${urgent.id}/regime`, {
        regime: 'urgent',
        reason: 'Təcilidir, xahiş edirəm',
        version: confirmed.version,
      }).expect(403);
    });

    it('refuses a change that would move a due instant that has passed, and writes nothing (TERM_EXPIRED)', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const registrar = await actors.staff('registrar', 'AZERSU');
      const standard = await submit(citizen, {});
      clock.set(baku('2026-05-26', '10:00:00'));
      // Urgent now would have ended 24 hours after receipt, days ago.
      const intoThePast = await post(official, `/${standard.id}/regime`, {
        regime: 'urgent',
        reason: 'Təcilidir',
        version: standard.version,
      }).expect(422);
      expect(intoThePast.body.code).toBe('TERM_EXPIRED');

      const late = await paper(registrar, '2026-04-01');
      const moved = await post(official, `/${late.id}/regime`, { regime: 'urgent', reason: 'Təcilidir', version: late.version }).expect(
        422,
      );
      expect(moved.body.code).toBe('TERM_EXPIRED');
      expect(await get(official, late.id)).toMatchObject({ version: late.version, regime: 'standard', reviewDueDate: late.reviewDueDate });
      expect((await eventsOf(official, late.id)).map((e) => e.type)).toEqual(['registered']);
      // Military keeps 15 working days: nothing moves, so it may be recorded even late.
      const military = (
        await post(official, `/${late.id}/regime`, {
          regime: 'military',
          reason: 'Hərbi qulluqçunun ailə üzvüdür',
          version: late.version,
        }).expect(200)
      ).body;
      expect(military).toMatchObject({ regime: 'military', reviewDueDate: late.reviewDueDate });
    });
  });

  describe('answer channel and representative (Art. 7.6; appeals-rules.md 1, 14)', () => {
    it('answers by post or in person with no e-mail, and shows the channel and dispatch day', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const byEmail = await submit(citizen, {});
      expect(byEmail.answerChannel).toBe('email');
      // Posted on Friday, recorded on Monday.
      clock.set(baku('2026-05-25', '09:30:00'));
      const posted = (
        await post(official, `/${byEmail.id}/answer`, {
          text: AZ_ANSWER,
          channel: 'post',
          dispatchedOn: '2026-05-22',
          version: byEmail.version,
        }).expect(200)
      ).body;
      expect(posted.answer).toEqual({ channel: 'post', dispatchedOn: '2026-05-22', answeredAt: clock.now().toISOString() });
      expect((await get(citizen, byEmail.id)).answer).toEqual(posted.answer);
      expect(await noticesOf(byEmail.id)).toEqual([]);

      const inPerson = await submit(citizen, { answerChannel: 'in_person', text: WATER_AGAIN });
      expect(inPerson.answerChannel).toBe('in_person');
      const handed = (await post(official, `/${inPerson.id}/answer`, { text: AZ_ANSWER, version: inPerson.version }).expect(200)).body;
      expect(handed.answer).toMatchObject({ channel: 'in_person', dispatchedOn: '2026-05-25' });
      expect(await noticesOf(inPerson.id)).toEqual([]);

      const bad = await submit(citizen, { text: CLINIC });
      for (const dispatchedOn of ['2026-05-26', '2026-05-24']) {
        const refused = await post(official, `/${bad.id}/answer`, { text: AZ_ANSWER, dispatchedOn, version: bad.version }).expect(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'dispatchedOn' })]);
      }
      await post(official, `/${bad.id}/answer`, { text: AZ_ANSWER, dispatchedOn: '25.05.2026', version: bad.version }).expect(422);
      expect((await get(official, bad.id)).status).toBe('registered');
    });

    it('refuses an e-mail answer with no address to send it to', async () => {
      const registrar = await actors.staff('registrar', 'AZERSU');
      const official = await actors.staff('official', 'AZERSU');
      const noEmail = await post(registrar, '', {
        type: 'complaint',
        agencyId: agency.AZERSU,
        subject: 'Su sayğacı',
        text: 'Su sayğacının göstəricisi səhv yazılır, yoxlanılmasını xahiş edirəm.',
        applicant: { kind: 'natural', fullName: 'Məmmədova Aygün', address: 'Bakı' },
        channel: 'post',
        answerChannel: 'email',
      }).expect(422);
      expect(noEmail.body).toMatchObject({ code: 'APPEAL_CONTACT_REQUIRED', errors: [{ field: 'answerChannel' }] });
      const appeal = await paper(registrar, '2026-05-22');
      expect(appeal.answerChannel).toBe('post');
      const refused = await post(official, `/${appeal.id}/answer`, { text: AZ_ANSWER, channel: 'email', version: appeal.version }).expect(
        422,
      );
      expect(refused.body).toMatchObject({ code: 'APPEAL_CONTACT_REQUIRED', errors: [{ field: 'channel' }] });
    });

    it("sends the confirmation, the notices and the answer to the representative and to the applicant's own e-mail", async () => {
      const citizen = await actors.citizen();
      const registrar = await actors.staff('registrar', 'AZERSU');
      const official = await actors.staff('official', 'AZERSU');
      const representative = { fullName: 'Hüseynov Rauf', address: 'Bakı, Azadlıq pr. 5', authorityDocument: 'Etibarnamə № 12' };
      const lawyer = `vekil-${citizen.id}@mail.test`;
      // On the portal the account holder acts: a representative's e-mail the account does not own is never mailed (issue 13).
      const foreign = await post(citizen, '', {
        type: 'application',
        agencyId: agency.AZERSU,
        subject: 'Su təchizatı',
        text: WATER,
        applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nəsimi r., 5', email: citizen.email },
        representative: { ...representative, email: lawyer },
      }).expect(422);
      expect(foreign.body).toMatchObject({ code: 'APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT', errors: [{ field: 'representative.email' }] });
      // An appeal that came by e-mail through a representative: staff record both addresses as received.
      const applicantEmail = citizen.email;
      const appeal = await paper(registrar, '2026-05-22', {
        type: 'application',
        channel: 'email',
        applicant: { kind: 'natural', fullName: 'Əliyev Vüqar Rəşid oğlu', address: 'Bakı, Nəsimi r., 5', email: applicantEmail },
        representative: { ...representative, email: lawyer },
      });
      await smtp.waitFor(() =>
        [applicantEmail, lawyer].every((to) => smtp.to(to).some((m) => m.subject.includes(appeal.registrationNumber))),
      );
      expect((await get(registrar, appeal.id)).representative).toMatchObject({ fullName: 'Hüseynov Rauf', email: lawyer });
      const studied = (
        await post(official, `/${appeal.id}/additional-study`, { reason: 'Yoxlama lazımdır', version: appeal.version }).expect(200)
      ).body;
      await post(official, `/${appeal.id}/answer`, { text: AZ_ANSWER, version: studied.version }).expect(200);
      for (const to of [applicantEmail, lawyer]) {
        await smtp.waitFor(() => smtp.to(to).filter((m) => m.subject.includes(appeal.registrationNumber)).length >= 3);
        expect(
          smtp
            .to(to)
            .filter((m) => m.subject.includes(appeal.registrationNumber))
            .map((m) => m.subject.split(':')[0])
            .sort(),
        ).toEqual(['Müraciətin baxılma müddəti', 'Müraciətiniz qeydə alındı', 'Müraciətinizə cavab']);
      }
    });
  });

  describe('leaving without consideration (Art. 8; appeals-rules.md 13)', () => {
    it('counts the 5-working-day notice from the decision, in the event and the timer alike', async () => {
      const registrar = await actors.staff('registrar', 'AZERSU');
      const official = await actors.staff('official', 'AZERSU');
      const appeal = await paper(registrar, '2026-05-11');
      const left = (
        await post(official, `/${appeal.id}/leave-without-consideration`, {
          ground: 'court_decision',
          note: 'Məhkəmə qərarı mövcuddur',
          version: appeal.version,
        }).expect(200)
      ).body;
      expect(left.status).toBe('left_without_consideration');
      const noticeDueDate = await deadline('2026-05-22', 5);
      expect(noticeDueDate).not.toBe(await deadline('2026-05-11', 5));
      const event = (await eventsOf(official, appeal.id)).at(-1);
      expect(event?.data).toMatchObject({ noticeDueDate, noticeDelivery: 'post' });
      const [timer] = await timersOf(t, appeal.id);
      expect(timer).toMatchObject({ kind: 'notice_due' });
      expect(timer.fireAt.toISOString()).toBe(baku(noticeDueDate, '09:00:00').toISOString());
    });

    it('records the notice of an oral appeal as given on the spot, with no letter to post and no mail', async () => {
      const registrar = await actors.staff('registrar', 'AZERSU');
      const official = await actors.staff('official', 'AZERSU');
      const oral = await paper(registrar, '2026-05-22', {
        channel: 'reception',
        applicant: { kind: 'natural', fullName: 'Quliyev Elşən', address: 'Sumqayıt', email: `oral-${registrar.id}@mail.test` },
      });
      await post(official, `/${oral.id}/leave-without-consideration`, {
        ground: 'excluded_subject',
        note: 'Məhkəmə icraatındadır',
        version: oral.version,
      }).expect(200);
      const event = (await eventsOf(official, oral.id)).at(-1);
      expect(event?.data).toMatchObject({ noticeDelivery: 'on_the_spot', noticeOnTime: true, noticeGivenAt: clock.now().toISOString() });
      expect(await timersOf(t, oral.id)).toEqual([]);
      expect(await noticesOf(oral.id)).toEqual([]);
    });

    it('lets registrars apply only the form grounds', async () => {
      const registrar = await actors.staff('registrar', 'AZERSU');
      const appeal = await paper(registrar, '2026-05-22');
      for (const ground of ['excluded_subject', 'court_decision', 'repeated', 'cannot_decide']) {
        const refused = await post(registrar, `/${appeal.id}/leave-without-consideration`, {
          ground,
          note: 'Səbəb göstərilir',
          version: appeal.version,
        }).expect(403);
        expect(refused.body).toMatchObject({ code: 'FORBIDDEN', errors: [{ field: 'ground' }] });
      }
      expect((await get(registrar, appeal.id)).version).toBe(appeal.version);
      await post(registrar, `/${appeal.id}/leave-without-consideration`, {
        ground: 'form_defect',
        note: 'İmza yoxdur',
        version: appeal.version,
      }).expect(200);
    });
  });

  describe('follow-ups merged by staff, never automatically (appeals-rules.md 15)', () => {
    it('registers every appeal on its own, lists the candidates, merges one, and answers both together', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      // Follow-ups tie the applicant's cases together: staff who may see the identity (appeals-rules.md 18).
      const registrar = await actors.staff('registrar', 'AZERSU');
      const first = await submit(citizen, {});
      clock.set(baku('2026-05-25', '11:00:00'));
      const followUp = await submit(citizen, { text: WATER_AGAIN });
      expect(followUp).toMatchObject({ linkKind: null, parentAppealId: null, reviewDueDate: await deadline('2026-05-25', 15) });

      await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(official.auth).expect(403);
      const candidates = (await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(registrar.auth).expect(200)).body
        .items;
      expect(candidates).toEqual([
        {
          id: first.id,
          registrationNumber: first.registrationNumber,
          similarity: expect.any(Number),
          receivedOn: '2026-05-22',
          reviewDueDate: first.reviewDueDate,
        },
      ]);
      expect(candidates[0].similarity).toBeGreaterThanOrEqual(0.4);
      await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(citizen.auth).expect(403);
      await t.http
        .get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`)
        .set((await actors.staff('official', 'MH')).auth)
        .expect(404);

      const merged = (await post(registrar, `/${followUp.id}/merge`, { intoAppealId: first.id, version: followUp.version }).expect(200))
        .body;
      expect(merged).toMatchObject({ linkKind: 'follow_up', parentAppealId: first.id, mergedInto: first.id, status: 'registered' });
      expect((await eventsOf(registrar, followUp.id)).at(-1)).toMatchObject({ type: 'merged', data: { intoAppealId: first.id } });
      expect((await eventsOf(registrar, first.id)).at(-1)).toMatchObject({ type: 'follow_up_merged', data: { followUpId: followUp.id } });
      await smtp.waitFor(() => smtp.to(citizen.email).some((m) => m.subject.startsWith('Müraciətiniz əvvəlki müraciətlə birləşdirildi')));
      await post(registrar, `/${followUp.id}/merge`, { intoAppealId: first.id, version: merged.version }).expect(422);
      // Its own timers stop: the appeal it is answered with carries them.
      expect(await timersOf(t, followUp.id)).toEqual([]);

      const current = await get(official, first.id);
      await post(official, `/${first.id}/answer`, { text: AZ_ANSWER, version: current.version }).expect(200);
      const answeredWith = await get(citizen, followUp.id);
      expect(answeredWith).toMatchObject({ status: 'answered', answer: { channel: 'email' } });
      expect((await eventsOf(citizen, followUp.id)).at(-1)).toMatchObject({ type: 'answered', data: { withAppealId: first.id } });
    });

    it('merges only into an earlier open appeal of the same applicant at the same agency, and not a follow-up past its term', async () => {
      const citizen = await actors.citizen();
      const other = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const registrar = await actors.staff('registrar', 'AZERSU');
      const first = await submit(citizen, {});
      const someoneElse = await submit(other, {});
      const elsewhere = await submit(citizen, { agencyId: agency.MH, text: WATER_AGAIN });
      clock.set(baku('2026-05-25', '11:00:00'));
      const followUp = await submit(citizen, { text: WATER_AGAIN });
      const merge = (into: string) => post(registrar, `/${followUp.id}/merge`, { intoAppealId: into, version: followUp.version });
      for (const into of [someoneElse.id, elsewhere.id, followUp.id, '00000000-0000-4000-8000-000000000000']) {
        expect((await merge(into).expect(422)).body.errors).toEqual([expect.objectContaining({ field: 'intoAppealId' })]);
      }
      const answered = await submit(citizen, { text: CLINIC });
      await post(official, `/${answered.id}/answer`, { text: AZ_ANSWER, version: answered.version }).expect(200);
      await merge(answered.id).expect(422);
      // The later one is not merged into: a follow-up joins the earlier appeal.
      await post(registrar, `/${first.id}/merge`, { intoAppealId: followUp.id, version: first.version }).expect(422);
      expect((await get(official, followUp.id)).version).toBe(followUp.version);

      // A late follow-up stays late: it is not merged away.
      const late = await paper(registrar, '2026-04-01');
      expect((await post(registrar, `/${late.id}/merge`, { intoAppealId: first.id, version: late.version }).expect(422)).body.code).toBe(
        'TERM_EXPIRED',
      );
    });

    it('releases the follow-ups of an appeal closed without an answer: they run on their own terms again', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'AZERSU');
      const registrar = await actors.staff('registrar', 'AZERSU');
      const first = await submit(citizen, {});
      const followUp = await submit(citizen, { text: WATER_AGAIN });
      await post(registrar, `/${followUp.id}/merge`, { intoAppealId: first.id, version: followUp.version }).expect(200);
      expect(await timersOf(t, followUp.id)).toEqual([]);
      await post(citizen, `/${first.id}/withdrawal`, {}).expect(200);
      const released = await get(official, followUp.id);
      expect(released).toMatchObject({ status: 'registered', mergedInto: null, reviewDueDate: followUp.reviewDueDate });
      expect((await eventsOf(registrar, followUp.id)).at(-1)).toMatchObject({
        type: 'merge_released',
        data: { fromAppealId: first.id, fromStatus: 'left_without_consideration' },
      });
      expect((await timersOf(t, followUp.id)).map((x) => x.kind)).toContain('overdue');
      await post(official, `/${followUp.id}/answer`, { text: AZ_ANSWER, version: released.version }).expect(200);
    });

    it("keeps the identity's links from staff who may not see it: a confidential appeal's colleague gets 403", async () => {
      const citizen = await actors.citizen();
      const registrar = await actors.staff('registrar', 'AZERSU');
      const executor = await actors.staff('official', 'AZERSU');
      const colleague = await actors.staff('official', 'AZERSU');
      const first = await submit(citizen, { confidential: true });
      const followUp = await submit(citizen, { confidential: true, text: WATER_AGAIN });
      const assigned = (
        await post(registrar, `/${followUp.id}/assignment`, { executorId: executor.id, version: followUp.version }).expect(200)
      ).body;
      await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(colleague.auth).expect(403);
      await post(colleague, `/${followUp.id}/merge`, { intoAppealId: first.id, version: assigned.version }).expect(403);
      // The executor may see this applicant, but not the first appeal's (it is not theirs): no link to it.
      expect((await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(executor.auth).expect(200)).body.items).toEqual(
        [],
      );
      await post(executor, `/${followUp.id}/merge`, { intoAppealId: first.id, version: assigned.version }).expect(422);
      const supervisor = await actors.staff('supervisor', 'AZERSU');
      expect((await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(supervisor.auth).expect(200)).body.items).toEqual(
        [expect.objectContaining({ id: first.id })],
      );
      await post(supervisor, `/${followUp.id}/merge`, { intoAppealId: first.id, version: assigned.version }).expect(200);
    });

    it("never links citizen A's appeal to citizen B's because A typed B's e-mail: A never reads B's answer", async () => {
      const victim = await actors.citizen('Həsənova Nərgiz');
      const intruder = await actors.citizen('Kərimov Tural');
      const official = await actors.staff('official', 'AZERSU');
      const registrar = await actors.staff('registrar', 'AZERSU');
      const own = await submit(victim, {
        applicant: { kind: 'natural', fullName: 'Həsənova Nərgiz', address: 'Bakı', email: victim.email },
      });
      // Typing the victim's e-mail is refused outright (issue 13: a portal appeal's e-mail is the account's)...
      const typed = await post(intruder, '', {
        type: 'application',
        agencyId: agency.AZERSU,
        subject: 'Su təchizatı',
        text: WATER_AGAIN,
        applicant: { kind: 'natural', fullName: 'Həsənova Nərgiz', address: 'Bakı', email: victim.email },
      }).expect(422);
      expect(typed.body).toMatchObject({ code: 'APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT', errors: [{ field: 'applicant.email' }] });
      // ...and the victim's name and address on the intruder's account make no link either: same applicant = same account.
      const planted = await submit(intruder, {
        text: WATER_AGAIN,
        applicant: { kind: 'natural', fullName: 'Həsənova Nərgiz', address: 'Bakı' },
      });
      expect(planted).toMatchObject({ linkKind: null, parentAppealId: null });
      expect((await t.http.get(`/api/v1/appeals/${planted.id}/follow-up-candidates`).set(registrar.auth).expect(200)).body.items).toEqual(
        [],
      );
      await post(registrar, `/${planted.id}/merge`, { intoAppealId: own.id, version: planted.version }).expect(422);

      await post(official, `/${own.id}/answer`, { text: AZ_ANSWER, version: own.version }).expect(200);
      await t.http.get(`/api/v1/appeals/${own.id}`).set(intruder.auth).expect(404);
      const intrudersView = await get(intruder, planted.id);
      expect(intrudersView).toMatchObject({ status: 'registered', answer: null, linkedCases: [] });
    });
  });

  describe('repeated appeals (Art. 8.1.4): distinct appeals answered on the merits, and nobody else can grow the count', () => {
    it('three planted appeals against a victim do not open the repeated ground against her', async () => {
      const victim = await actors.citizen('Rzayeva Səbinə');
      const intruder = await actors.citizen('Kərimov Tural');
      const official = await actors.staff('official', 'MH');
      const victimApplicant = { kind: 'natural', fullName: 'Rzayeva Səbinə', address: 'Bakı, Yasamal r., 3', email: victim.email };
      for (const day of ['2026-01-12', '2026-03-02', '2026-04-06']) {
        clock.set(baku(day, '10:00:00'));
        // The victim's name and address on the intruder's account (her e-mail would be refused outright, issue 13).
        const planted = await submit(intruder, {
          agencyId: agency.MH,
          subject: 'Tibbi arayış',
          text: CLINIC,
          applicant: { ...victimApplicant, email: undefined },
        });
        await post(official, `/${planted.id}/answer`, { text: AZ_ANSWER, version: planted.version }).expect(200);
      }
      clock.set(baku('2026-05-22', '10:00:00'));
      const own = await submit(victim, { agencyId: agency.MH, subject: 'Tibbi arayış', text: CLINIC, applicant: victimApplicant });
      // The earlier appeals are shown to staff who may see the identity (appeals-rules.md 18).
      const seen = await get(await actors.staff('registrar', 'MH'), own.id);
      expect(seen.sameMatter).toMatchObject({ earlier: [], answeredOnMeritsLastYear: 0, repeatedGroundAvailable: false });
      const refused = await post(official, `/${own.id}/leave-without-consideration`, {
        ground: 'repeated',
        note: 'Təkrar müraciətdir',
        version: own.version,
      }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'ground' })]);
    });

    it('counts a merged follow-up once, with the appeal it was answered with', async () => {
      const citizen = await actors.citizen();
      const official = await actors.staff('official', 'MH');
      const registrar = await actors.staff('registrar', 'MH');
      const first = await submit(citizen, { agencyId: agency.MH, subject: 'Tibbi arayış', text: CLINIC });
      const followUp = await submit(citizen, { agencyId: agency.MH, subject: 'Tibbi arayış', text: `Yenə ${CLINIC}` });
      await post(registrar, `/${followUp.id}/merge`, { intoAppealId: first.id, version: followUp.version }).expect(200);
      await post(official, `/${first.id}/answer`, { text: AZ_ANSWER, version: (await get(official, first.id)).version }).expect(200);
      expect((await get(official, followUp.id)).status).toBe('answered');
      const next = await submit(citizen, { agencyId: agency.MH, subject: 'Tibbi arayış', text: CLINIC });
      expect((await get(registrar, next.id)).sameMatter).toMatchObject({ answeredOnMeritsLastYear: 1, repeatedGroundAvailable: false });
    });
  });

  it('shows a small cohort grey as "insufficient data" on the league table, never a red light (sect. 5)', async () => {
    const { agency: small, registrar } = await caseStaff(t, actors, 'MIA');
    // Two cases of April still open past their term: 0 % on time, but two cases are no verdict.
    for (const receivedOn of ['2026-04-01', '2026-04-02']) await paper(registrar, receivedOn, { agencyId: small });
    const page = await new WebClient(t).get('/agencies?from=2026-04-01&to=2026-04-30');
    const row = new RegExp(`<tr data-agency="${small}">(.*?)</tr>`, 's').exec(page.text)?.[1] ?? '';
    expect(row).toContain('Məlumat azdır');
    expect(row).toMatch(/data-colour="none"/);
    expect(row).not.toMatch(/data-colour="(red|yellow|green)"/);
    const api = await t.http
      .get('/api/v1/evaluation/agencies')
      .set(await actors.admin())
      .query({ from: '2026-04-01', to: '2026-04-30' })
      .expect(200);
    expect(api.body.items.find((i: { agencyId: string }) => i.agencyId === small).responsiveness).toMatchObject({
      dueCohort: 2,
      onTimeReviewRate: 0,
      insufficientData: true,
      index: null,
      colour: null,
    });
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http.get('/docs-json').expect(200)).body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/appeals/{id}/regime', '/api/v1/appeals/{id}/follow-up-candidates', '/api/v1/appeals/{id}/merge']),
    );
  });
});
