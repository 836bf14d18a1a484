import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const AZ_ANSWER =
  'Hörmətli müraciətçi, müraciətiniz araşdırılmış, göstərilən küçədə işıqlandırma bərpa edilmişdir. ' +
  'Təşəkkür edirik, əlavə sualınız olarsa bizə yenidən müraciət edə bilərsiniz.';
const STREET_LIGHT = 'Nizami küçəsi 12 nömrəli binanın qarşısında axşamlar küçə işıqları yanmır, xahiş edirəm tədbir görəsiniz.';
const STREET_LIGHT_AGAIN = 'Yenə də Nizami küçəsi 12 nömrəli binanın qarşısında küçə işıqları yanmır, xahiş edirəm tədbir görəsiniz.';

/** Art. 7.10 referral and copies, Art. 8.1 leaving without consideration, repeated appeals, lists. */
describe('referral, copies, leaving without consideration and repeated appeals (e2e)', () => {
  const clock = new FixedClock(new Date('2026-05-22T10:00:00+04:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let db: Db;
  const agency: Record<string, string> = {};

  const submit = async (who: TestUser, body: Record<string, unknown>) =>
    (
      await t.http
        .post('/api/v1/appeals')
        .set(who.auth)
        .send({
          type: 'application',
          subject: 'Küçə işıqları',
          text: STREET_LIGHT,
          applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı', email: who.email },
          ...body,
        })
        .expect(201)
    ).body;
  const get = async (who: TestUser, id: string) => (await t.http.get(`/api/v1/appeals/${id}`).set(who.auth).expect(200)).body;
  const act = (who: TestUser, id: string, action: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/appeals/${id}/${action}`).set(who.auth).send(body);
  const deadline = async (from: string, workingDays: number) =>
    (await t.http.get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body.dueDate as string;
  const eventsOf = async (who: TestUser, id: string) =>
    (await t.http.get(`/api/v1/appeals/${id}/events`).set(who.auth).expect(200)).body.items as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
    db = t.app.get(Db);
    for (const code of ['CABMIN', 'MIA', 'MIA-BAKU', 'MTAX', 'SCC', 'MLSPP', 'MH', 'AZERSU']) agency[code] = await actors.agencyId(code);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  beforeEach(() => clock.set(new Date('2026-05-22T10:00:00+04:00')));

  it('refuses the respondent, refers within 3 working days, and the receiving agency answers from its own receipt', async () => {
    const citizen = await actors.citizen();
    const cabminRegistrar = await actors.staff('registrar', 'CABMIN');
    const miaOfficial = await actors.staff('official', 'MIA');
    const appeal = await submit(citizen, {
      type: 'complaint',
      agencyId: agency.CABMIN,
      subject: 'Polis idarəsinin rəisinin hərəkətləri',
      text: 'Bakı Şəhər Baş Polis İdarəsinin rəisi müraciətimə baxmaqdan imtina edib, qəbul günü mənə vaxt verilmir.',
      respondentAgencyId: agency['MIA-BAKU'],
      respondentOfficial: 'Baş Polis İdarəsinin rəisi Məmmədov Elçin',
    });

    // Administrative Offences Code 594-1.1.2: never to the agency complained about.
    const refused = await act(cabminRegistrar, appeal.id, 'referral', { toAgencyId: agency['MIA-BAKU'], version: appeal.version }).expect(
      422,
    );
    expect(refused.body).toMatchObject({ code: 'REFERRAL_TO_RESPONDENT_FORBIDDEN', errors: [{ field: 'toAgencyId' }] });
    await act(cabminRegistrar, appeal.id, 'referral', { toAgencyId: agency.CABMIN, version: appeal.version }).expect(422);

    clock.set(new Date('2026-05-25T11:00:00+04:00'));
    const referred = (
      await act(cabminRegistrar, appeal.id, 'referral', {
        toAgencyId: agency.MIA,
        note: 'Polis orqanlarının səlahiyyətinə aiddir',
        version: appeal.version,
      }).expect(200)
    ).body;
    expect(referred).toMatchObject({ id: appeal.id, status: 'referred', version: appeal.version + 1 });
    expect(referred.createdCases).toHaveLength(1);
    const [created] = referred.createdCases;
    expect(created.agencyId).toBe(agency.MIA);
    expect(created.registrationNumber).not.toBe(appeal.registrationNumber);

    // The receiving agency's terms run from its receipt (appeals-rules.md 11).
    const received = await get(miaOfficial, created.id);
    expect(received).toMatchObject({
      status: 'registered',
      agencyId: agency.MIA,
      receivedOn: '2026-05-25',
      reviewDueDate: await deadline('2026-05-25', 15),
      referralDueDate: await deadline('2026-05-25', 3),
      parentAppealId: appeal.id,
      linkKind: 'referral',
    });
    // appeals-rules.md 18: the identity for the receiving agency's registrars (and its executor), not any official.
    expect(received).toMatchObject({ identityHidden: true, applicant: { redacted: true } });
    expect(received.linkedCases).toEqual([expect.objectContaining({ id: appeal.id, relation: 'source', status: 'referred' })]);
    const miaRegistrar = await actors.staff('registrar', 'MIA');
    expect((await get(miaRegistrar, created.id)).applicant.fullName).toBe('Əliyev Vüqar');

    // The applicant sees both together; the sending agency no longer sees the new case.
    const original = await get(citizen, appeal.id);
    expect(original.linkedCases).toEqual([
      expect.objectContaining({ id: created.id, relation: 'derived', linkKind: 'referral', agencyId: agency.MIA, status: 'registered' }),
    ]);
    const mine = (await t.http.get('/api/v1/appeals').set(citizen.auth).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(mine).toEqual(expect.arrayContaining([appeal.id, created.id]));
    await t.http.get(`/api/v1/appeals/${created.id}`).set(cabminRegistrar.auth).expect(404);
    const cabminOfficial = await actors.staff('official', 'CABMIN');
    const closed = await act(cabminOfficial, appeal.id, 'answer', { text: AZ_ANSWER, version: referred.version }).expect(422);
    expect(closed.body.code).toBe('TRANSITION_NOT_ALLOWED');

    const [record] = await db.query<{ onTime: boolean; dueDate: string; referredOn: string }>(
      `SELECT on_time AS "onTime", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", to_char(referred_on, 'YYYY-MM-DD') AS "referredOn"
       FROM appeal_referrals WHERE appeal_id = $1`,
      [appeal.id],
    );
    expect(record).toEqual({ onTime: true, dueDate: await deadline('2026-05-22', 3), referredOn: '2026-05-25' });
    const referralEvent = (await eventsOf(citizen, appeal.id)).find((e) => e.type === 'referred');
    expect(referralEvent?.data).toMatchObject({ agencyIds: [agency.MIA], onTime: true, noticeDelivery: 'email' });

    // The applicant is told where the appeal went, with its new number.
    await smtp.waitFor(() => smtp.to(citizen.email).some((m) => m.subject.startsWith('Müraciətiniz aidiyyəti üzrə göndərildi')));
    const notice = smtp.to(citizen.email).find((m) => m.subject.startsWith('Müraciətiniz aidiyyəti üzrə göndərildi'));
    expect(notice?.text).toContain(created.registrationNumber);
    expect(notice?.text).toContain('Daxili İşlər Nazirliyi');

    // The receiving agency handles it to the end.
    const studied = (
      await act(miaOfficial, created.id, 'additional-study', {
        reason: 'Polis idarəsindən izahat alınır',
        version: received.version,
      }).expect(200)
    ).body;
    expect(studied.reviewDueDate).toBe(await deadline('2026-05-25', 30));
    const extended = (
      await act(miaOfficial, created.id, 'extension', { workingDays: 5, reason: 'Şahid dinlənilir', version: studied.version }).expect(200)
    ).body;
    expect(extended.reviewDueDate).toBe(await deadline('2026-05-25', 35));
    const answered = (await act(miaOfficial, created.id, 'answer', { text: AZ_ANSWER, version: extended.version }).expect(200)).body;
    expect(answered.status).toBe('answered');
    await act(citizen, created.id, 'feedback', { satisfied: true }).expect(201);
  });

  it.each(['proposal', 'application', 'complaint'] as const)('takes a %s through its whole life across two agencies', async (type) => {
    const citizen = await actors.citizen();
    const registrar = await actors.staff('registrar', 'MLSPP');
    const executor = await actors.staff('official', 'MLSPP');
    const receiver = await actors.staff('official', 'MH');
    const appeal = await submit(citizen, {
      type,
      agencyId: agency.MLSPP,
      subject: 'Tibbi müayinə',
      text: 'Əlilliyin müəyyən edilməsi üçün tibbi müayinəyə növbə verilmir.',
    });
    const assigned = (await act(registrar, appeal.id, 'assignment', { executorId: executor.id, version: appeal.version }).expect(200)).body;
    const referred = (await act(executor, appeal.id, 'referral', { toAgencyId: agency.MH, version: assigned.version }).expect(200)).body;
    const [created] = referred.createdCases;
    const received = await get(receiver, created.id);
    const studied = (
      await act(receiver, created.id, 'additional-study', { reason: 'Xəstəxanadan məlumat alınır', version: received.version }).expect(200)
    ).body;
    const extended = (
      await act(receiver, created.id, 'extension', { workingDays: 3, reason: 'Komissiya toplanır', version: studied.version }).expect(200)
    ).body;
    await act(receiver, created.id, 'answer', { text: AZ_ANSWER, version: extended.version }).expect(200);
    await act(citizen, created.id, 'feedback', { satisfied: false, comment: 'Gec cavab verildi' }).expect(201);
    expect((await eventsOf(citizen, appeal.id)).map((e) => e.type)).toEqual(['registered', 'assigned', 'referred']);
    expect((await eventsOf(citizen, created.id)).map((e) => e.type)).toEqual([
      'registered',
      'additional_study',
      'extended',
      'answered',
      'feedback',
    ]);
    expect((await get(citizen, created.id)).type).toBe(type);
  });

  it('records a referral after the third working day as late', async () => {
    const registrar = await actors.staff('registrar', 'MTAX');
    const appeal = (
      await t.http
        .post('/api/v1/appeals')
        .set(registrar.auth)
        .send({
          type: 'application',
          agencyId: agency.MTAX,
          subject: 'Gömrük rüsumu',
          text: 'Gömrük rüsumunun qaytarılması barədə ərizə, poçtla göndərilib.',
          channel: 'post',
          receivedOn: '2026-05-11',
          applicant: { kind: 'natural', fullName: 'Hüseynova Aygün', address: 'Gəncə, Atatürk pr. 5' },
        })
        .expect(201)
    ).body;
    const referred = (await act(registrar, appeal.id, 'referral', { toAgencyId: agency.SCC, version: appeal.version }).expect(200)).body;
    const [record] = await db.query<{ onTime: boolean; dueDate: string }>(
      `SELECT on_time AS "onTime", to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM appeal_referrals WHERE appeal_id = $1`,
      [appeal.id],
    );
    expect(record).toEqual({ onTime: false, dueDate: await deadline('2026-05-11', 3) });
    expect(referred.status).toBe('referred');
    const supervisor = await actors.staff('supervisor', 'MTAX');
    const events = await eventsOf(supervisor, appeal.id);
    expect(events.map((e) => e.type)).toEqual(['registered', 'referred']);
    expect(events[1].data).toMatchObject({ onTime: false, referralDueDate: record.dueDate, noticeDelivery: 'post' });
  });

  it('sends copies to two agencies that answer separately, each once, never to the respondent', async () => {
    const citizen = await actors.citizen();
    const registrar = await actors.staff('registrar', 'CABMIN');
    const appeal = await submit(citizen, {
      type: 'complaint',
      agencyId: agency.CABMIN,
      subject: 'Pensiya və tibbi arayış',
      text: 'Əlillik pensiyam dayandırılıb; tibbi arayışım qəbul edilmir, iki qurum bir-birinə göndərir. Su təchizatı da yoxdur.',
      respondentAgencyId: agency.AZERSU,
    });
    const toRespondent = await act(registrar, appeal.id, 'copies', {
      agencyIds: [agency.MLSPP, agency.AZERSU],
      version: appeal.version,
    }).expect(422);
    expect(toRespondent.body).toMatchObject({ code: 'REFERRAL_TO_RESPONDENT_FORBIDDEN', errors: [{ field: 'agencyIds' }] });
    await act(registrar, appeal.id, 'copies', { agencyIds: [agency.MLSPP, agency.MLSPP], version: appeal.version }).expect(422);

    const copied = (
      await act(registrar, appeal.id, 'copies', { agencyIds: [agency.MLSPP, agency.MH], version: appeal.version }).expect(200)
    ).body;
    expect(copied.status).toBe('registered');
    expect(copied.createdCases.map((c: { agencyId: string }) => c.agencyId)).toEqual([agency.MLSPP, agency.MH]);
    const again = await act(registrar, appeal.id, 'copies', { agencyIds: [agency.MH], version: copied.version }).expect(422);
    expect(again.body.detail).toContain('already sent');
    // Nothing half-written: the refused attempt made no case.
    expect((await get(citizen, appeal.id)).linkedCases).toHaveLength(2);

    for (const [code, copy] of [
      ['MLSPP', copied.createdCases[0]],
      ['MH', copied.createdCases[1]],
    ] as const) {
      const official = await actors.staff('official', code);
      const seen = await get(official, copy.id);
      expect(seen).toMatchObject({ linkKind: 'copy', reviewDueDate: await deadline('2026-05-22', 15) });
      await act(official, copy.id, 'answer', { text: AZ_ANSWER, version: seen.version }).expect(200);
    }
    const linked = (await get(citizen, appeal.id)).linkedCases;
    expect(linked.map((c: { status: string }) => c.status)).toEqual(['answered', 'answered']);
    // The original stays with its agency, which still owes its own answer.
    expect((await get(citizen, appeal.id)).status).toBe('registered');
  });

  it('leaves an appeal without consideration with the reasons told, and reopens it when the ground disappears', async () => {
    const citizen = await actors.citizen();
    const official = await actors.staff('official', 'MTAX');
    const appeal = await submit(citizen, {
      agencyId: agency.MTAX,
      subject: 'Vergi borcu',
      text: 'Vergi borcumun silinməsini xahiş edirəm, məhkəmə qərarı var.',
    });

    const unknown = await act(official, appeal.id, 'leave-without-consideration', {
      ground: 'boring',
      note: 'Səbəb göstərilir',
      version: appeal.version,
    }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'ground' }] });
    const notRepeated = await act(official, appeal.id, 'leave-without-consideration', {
      ground: 'repeated',
      note: 'Təkrar müraciətdir',
      version: appeal.version,
    }).expect(422);
    expect(notRepeated.body.errors[0].message).toContain('8.1.4');

    const left = (
      await act(official, appeal.id, 'leave-without-consideration', {
        ground: 'court_decision',
        note: 'Bu məsələ üzrə qüvvəyə minmiş məhkəmə qərarı mövcuddur',
        version: appeal.version,
      }).expect(200)
    ).body;
    expect(left).toMatchObject({ status: 'left_without_consideration', closureGround: 'court_decision' });
    const leftEvent = (await eventsOf(citizen, appeal.id)).find((e) => e.type === 'left_without_consideration');
    expect(leftEvent?.data).toMatchObject({
      ground: 'court_decision',
      noticeDueDate: await deadline('2026-05-22', 5),
      noticeOnTime: true,
      noticeDelivery: 'email',
    });
    await smtp.waitFor(() => smtp.to(citizen.email).some((m) => m.subject.startsWith('Müraciətiniz baxılmadan saxlanıldı')));
    expect(smtp.to(citizen.email).find((m) => m.subject.startsWith('Müraciətiniz baxılmadan saxlanıldı'))?.text).toContain(
      'məhkəmə qərarı',
    );

    clock.set(new Date('2026-06-02T09:00:00+04:00'));
    const reopened = (await act(official, appeal.id, 'reopen', { note: 'Məhkəmə qərarı ləğv edilib', version: left.version }).expect(200))
      .body;
    expect(reopened).toMatchObject({ status: 'in_review', closureGround: null, reviewDueDate: await deadline('2026-06-02', 15) });
    await act(official, appeal.id, 'reopen', { note: 'Yenidən açılır', version: reopened.version }).expect(422);
  });

  it("does not reopen the applicant's withdrawal, and tells nobody about an anonymous appeal", async () => {
    const citizen = await actors.citizen();
    const registrar = await actors.staff('registrar', 'MTAX');
    const appeal = await submit(citizen, { agencyId: agency.MTAX });
    const withdrawn = (await t.http.post(`/api/v1/appeals/${appeal.id}/withdrawal`).set(citizen.auth).expect(200)).body;
    const refused = await act(registrar, appeal.id, 'reopen', { note: 'Yenidən açılır', version: withdrawn.version }).expect(422);
    expect(refused.body.code).toBe('REOPEN_NOT_ALLOWED');

    const anonymous = (
      await t.http
        .post('/api/v1/appeals')
        .set(registrar.auth)
        .send({
          type: 'proposal',
          agencyId: agency.MTAX,
          subject: 'Təklif',
          text: 'Anonim təklif: vergi ofisində növbə sistemi yaradılsın.',
          channel: 'post',
          applicant: { kind: 'natural' },
        })
        .expect(201)
    ).body;
    expect(anonymous.status).toBe('left_without_consideration');
    const reopened = (await act(registrar, anonymous.id, 'reopen', { note: 'Müəllif məlum oldu', version: anonymous.version }).expect(200))
      .body;
    await act(registrar, anonymous.id, 'leave-without-consideration', {
      ground: 'form_defect',
      note: 'Ünvan göstərilməyib',
      version: reopened.version,
    }).expect(200);
    const event = (await eventsOf(registrar, anonymous.id)).at(-1);
    expect(event).toMatchObject({ type: 'left_without_consideration', data: { noticeDelivery: 'none' } });
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'appealId' = $1`, [anonymous.id]);
    expect(n).toBe(0);
  });

  it('registers a follow-up as its own case; staff merge it into the earlier appeal and both are answered at once', async () => {
    const citizen = await actors.citizen();
    const official = await actors.staff('official', 'AZERSU');
    // Follow-ups tie the applicant's cases together: staff who may see the identity (appeals-rules.md 18).
    const registrar = await actors.staff('registrar', 'AZERSU');
    const first = await submit(citizen, { agencyId: agency.AZERSU });
    const followUp = await submit(citizen, { agencyId: agency.AZERSU, text: STREET_LIGHT_AGAIN });
    const other = await submit(citizen, {
      agencyId: agency.AZERSU,
      subject: 'Su sayğacı',
      text: 'Su sayğacının yoxlanılması üçün texnik göndərilməsini xahiş edirəm.',
    });
    // appeals-rules.md 15: never merged automatically; each has its own number and terms.
    expect(followUp).toMatchObject({ linkKind: null, parentAppealId: null });
    const candidates = (await t.http.get(`/api/v1/appeals/${followUp.id}/follow-up-candidates`).set(registrar.auth).expect(200)).body.items;
    expect(candidates.map((c: { id: string }) => c.id)).toEqual([first.id]);
    await act(registrar, followUp.id, 'merge', { intoAppealId: first.id, version: followUp.version }).expect(200);
    // Not chained: another one joins the first appeal, not the follow-up.
    const third = await submit(citizen, { agencyId: agency.AZERSU, text: STREET_LIGHT_AGAIN });
    const thirdCandidates = (await t.http.get(`/api/v1/appeals/${third.id}/follow-up-candidates`).set(registrar.auth).expect(200)).body
      .items;
    expect(thirdCandidates.map((c: { id: string }) => c.id)).toEqual([first.id]);
    await act(registrar, third.id, 'merge', { intoAppealId: followUp.id, version: third.version }).expect(422);
    await act(registrar, third.id, 'merge', { intoAppealId: first.id, version: third.version }).expect(200);

    await act(official, first.id, 'answer', { text: AZ_ANSWER, version: (await get(official, first.id)).version }).expect(200);
    const merged = await get(citizen, followUp.id);
    expect(merged).toMatchObject({ status: 'answered', linkKind: 'follow_up', parentAppealId: first.id });
    expect((await get(citizen, third.id)).status).toBe('answered');
    expect((await eventsOf(citizen, followUp.id)).at(-1)).toMatchObject({ type: 'answered', data: { withAppealId: first.id } });
    expect((await get(citizen, other.id)).status).toBe('registered');
    // After the answer a similar appeal is a new one (appeals-rules.md 15): nothing open to merge into.
    const later = await submit(citizen, { agencyId: agency.AZERSU, text: STREET_LIGHT_AGAIN });
    expect(later.linkKind).toBeNull();
    expect((await t.http.get(`/api/v1/appeals/${later.id}/follow-up-candidates`).set(registrar.auth).expect(200)).body.items).toEqual([]);
  });

  it('shows staff the earlier answers on the same matter and opens the repeated ground at three (Art. 8.1.4)', async () => {
    const citizen = await actors.citizen();
    const official = await actors.staff('official', 'MH');
    const answeredOne = async (day: string) => {
      clock.set(new Date(`${day}T10:00:00+04:00`));
      const appeal = await submit(citizen, {
        agencyId: agency.MH,
        subject: 'Tibbi arayış',
        text: 'Tibbi arayışımın verilməsi gecikdirilir, poliklinika arayışı vermir, kömək edin.',
      });
      await act(official, appeal.id, 'answer', { text: AZ_ANSWER, version: appeal.version }).expect(200);
      return appeal;
    };
    await answeredOne('2026-01-12');
    await answeredOne('2026-03-02');
    const third = await answeredOne('2026-04-06');

    clock.set(new Date('2026-05-22T10:00:00+04:00'));
    const fourth = await submit(citizen, {
      agencyId: agency.MH,
      subject: 'Tibbi arayış',
      text: 'Yenə tibbi arayışımın verilməsi gecikdirilir, poliklinika arayışı vermir.',
    });
    // appeals-rules.md 18: the earlier appeals for staff who may see the identity, not any official.
    expect((await get(official, fourth.id)).sameMatter).toBeUndefined();
    const seen = await get(await actors.staff('registrar', 'MH'), fourth.id);
    expect(seen.sameMatter).toMatchObject({ answeredOnMeritsLastYear: 3, repeatedGroundAvailable: true });
    expect(seen.sameMatter.earlier[0]).toMatchObject({ id: third.id, status: 'answered' });
    expect((await get(citizen, fourth.id)).sameMatter).toBeUndefined();
    const left = await act(official, fourth.id, 'leave-without-consideration', {
      ground: 'repeated',
      note: 'Eyni məsələ üzrə üç dəfə cavab verilib, yeni hal yoxdur',
      version: fourth.version,
    }).expect(200);
    expect(left.body.closureGround).toBe('repeated');
  });

  it('lists by assignee and full text, counts by status, and hides confidential identity from other officials', async () => {
    const citizen = await actors.citizen();
    const registrar = await actors.staff('registrar', 'MEDU');
    const mine = await actors.staff('official', 'MEDU');
    const colleague = await actors.staff('official', 'MEDU');
    const supervisor = await actors.staff('supervisor', 'MEDU');
    const medu = await actors.agencyId('MEDU');
    const before = (await t.http.get('/api/v1/appeals/counts').set(supervisor.auth).expect(200)).body;

    const confidential = await submit(citizen, {
      agencyId: medu,
      subject: 'Məktəbdə zorakılıq',
      text: 'Övladım məktəbdə təzyiqə məruz qalır, adımın gizli saxlanılmasını xahiş edirəm. Xüsusi sözümüz: qaranquş.',
      confidential: true,
    });
    const plain = await submit(citizen, {
      agencyId: medu,
      subject: 'Dərslik',
      text: 'Dərsliklər vaxtında paylanmır, bənövşə məktəbində çatışmır.',
    });
    const assigned = (
      await act(registrar, confidential.id, 'assignment', { executorId: mine.id, version: confidential.version }).expect(200)
    ).body;

    const byMe = (await t.http.get('/api/v1/appeals').query({ assignee: 'me' }).set(mine.auth).expect(200)).body.items;
    expect(byMe.map((a: { id: string }) => a.id)).toEqual([confidential.id]);
    const byId = (await t.http.get('/api/v1/appeals').query({ assignee: mine.id }).set(supervisor.auth).expect(200)).body.items;
    expect(byId.map((a: { id: string }) => a.id)).toEqual([confidential.id]);
    const found = (await t.http.get('/api/v1/appeals').query({ q: 'bənövşə' }).set(colleague.auth).expect(200)).body.items;
    expect(found.map((a: { id: string }) => a.id)).toEqual([plain.id]);
    // appeals-rules.md 16: a confidential text's words match only for those who may read it.
    const phrase = (await t.http.get('/api/v1/appeals').query({ q: '"xüsusi sözümüz" -bənövşə' }).set(colleague.auth).expect(200)).body
      .items;
    expect(phrase).toEqual([]);
    const ownPhrase = (await t.http.get('/api/v1/appeals').query({ q: '"xüsusi sözümüz" -bənövşə' }).set(mine.auth).expect(200)).body.items;
    expect(ownPhrase.map((a: { id: string }) => a.id)).toEqual([confidential.id]);
    await t.http.get('/api/v1/appeals').query({ q: 'x' }).set(colleague.auth).expect(422);
    await t.http.get('/api/v1/appeals').query({ assignee: 'someone' }).set(colleague.auth).expect(422);

    const after = (await t.http.get('/api/v1/appeals/counts').set(supervisor.auth).expect(200)).body;
    expect(after.byStatus.registered - before.byStatus.registered).toBe(1);
    expect(after.byStatus.in_review - before.byStatus.in_review).toBe(1);
    await t.http.get('/api/v1/appeals/counts').set(citizen.auth).expect(403);
    await t.http.get('/api/v1/appeals/counts').query({ agencyId: agency.MTAX }).set(supervisor.auth).expect(403);

    // appeals-rules.md 16, 18: the applicant's identity only for the executor, supervisors and the applicant.
    expect((await get(mine, confidential.id)).applicant.fullName).toBe('Əliyev Vüqar');
    expect((await get(colleague, confidential.id)).applicant).toEqual({ kind: 'natural', redacted: true });
    expect((await get(supervisor, confidential.id)).applicant.fullName).toBe('Əliyev Vüqar');
    expect((await get(colleague, confidential.id)).sameMatter).toBeUndefined();
    expect(assigned.executorId).toBe(mine.id);
  });

  it('gives one success and one 409 to two referrals of the same version, and makes one case', async () => {
    const citizen = await actors.citizen();
    const registrar = await actors.staff('registrar', 'MLSPP');
    const appeal = await submit(citizen, {
      agencyId: agency.MLSPP,
      subject: 'Sığorta',
      text: 'Sosial sığorta haqqı ilə bağlı sualım var, hansı qurum cavab verir?',
    });
    const refer = (to: string) => act(registrar, appeal.id, 'referral', { toAgencyId: to, version: appeal.version });
    const statuses = (await Promise.all([refer(agency.MTAX), refer(agency.SCC)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect((await get(citizen, appeal.id)).linkedCases).toHaveLength(1);
  });
});
