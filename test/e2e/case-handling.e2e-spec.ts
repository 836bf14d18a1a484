import { FixedClock } from '../../src/platform/clock/clock';
import { withOwnerConnection } from '../support/owner-db';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const AZ_ANSWER =
  'Hörmətli müraciətçi, şikayətiniz araşdırılmış, elektron bəyannamənizin qəbulu ilə bağlı texniki xəta aradan qaldırılmışdır. ' +
  'Bəyannamə 2026-06-01 tarixində qəbul edilmiş sayılır.';

describe('case handling by officials (e2e)', () => {
  const clock = new FixedClock(new Date('2026-05-22T10:00:00+04:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let citizen: TestUser;
  let registrar: TestUser;
  let official: TestUser;
  let mtax: string;

  const submit = async (extra: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .send({
          type: 'complaint',
          agencyId: mtax,
          subject: 'Bəyannamə qəbul edilmir',
          text: 'Elektron bəyannaməm üç həftədir qəbul edilmir və heç bir cavab verilmir.',
          applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı', email: citizen.email },
          ...extra,
        })
        .expect(201)
    ).body;

  const deadline = async (from: string, workingDays: number) =>
    (await t.http.get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body.dueDate;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url } });
    actors = new Actors(t);
    mtax = await actors.agencyId('MTAX');
    citizen = await actors.citizen();
    registrar = await actors.staff('registrar', 'MTAX');
    official = await actors.staff('official', 'MTAX');
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('takes a complaint through assignment, additional study, one extension, the answer and feedback', async () => {
    const appeal = await submit();
    const assigned = (
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/assignment`)
        .set(registrar.auth)
        .send({ executorId: official.id, version: appeal.version })
        .expect(200)
    ).body;
    expect(assigned).toMatchObject({ status: 'in_review', executorId: official.id, version: 2 });
    const seenByApplicant = (await t.http.get(`/api/v1/appeals/${appeal.id}`).set(citizen.auth).expect(200)).body;
    expect(seenByApplicant.executorId).toBe(official.id);

    const studied = (
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/additional-study`)
        .set(official.auth)
        .send({ reason: 'Vergi orqanından məlumat sorğulanır', version: assigned.version })
        .expect(200)
    ).body;
    expect(studied).toMatchObject({ reviewTermWorkingDays: 30, reviewDueDate: await deadline('2026-05-22', 30) });

    const extended = (
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/extension`)
        .set(official.auth)
        .send({ workingDays: 10, reason: 'Əlavə sənəd tələb olunur', version: studied.version })
        .expect(200)
    ).body;
    expect(extended.reviewDueDate).toBe(await deadline('2026-05-22', 40));
    const again = await t.http
      .post(`/api/v1/appeals/${appeal.id}/extension`)
      .set(official.auth)
      .send({ workingDays: 5, reason: 'Yenə uzadılır', version: extended.version })
      .expect(422);
    expect(again.body.code).toBe('TERM_CHANGE_NOT_ALLOWED');

    const english = await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(official.auth)
      .send({
        text: 'Dear applicant, your complaint was reviewed and the technical problem with your declaration is fixed now.',
        version: extended.version,
      })
      .expect(422);
    expect(english.body).toMatchObject({ code: 'ANSWER_NOT_IN_AZERBAIJANI', errors: [{ field: 'text' }] });

    const answered = (
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/answer`)
        .set(official.auth)
        .send({ text: AZ_ANSWER, position: 'Baş məsləhətçi', version: extended.version })
        .expect(200)
    ).body;
    expect(answered.status).toBe('answered');

    // Every notice reaches the applicant's mailbox, each once.
    await smtp.waitFor(() => smtp.to(citizen.email).filter((m) => m.text.includes(appeal.registrationNumber)).length >= 4);
    const mails = smtp.to(citizen.email).filter((m) => m.text.includes(appeal.registrationNumber));
    const subjects = mails.map((m) => m.subject.split(':')[0]);
    expect(subjects).toHaveLength(4);
    expect(new Set(subjects)).toEqual(
      new Set(['Müraciətiniz qeydə alındı', 'Müraciətin baxılma müddəti', 'Müraciətin baxılma müddəti uzadıldı', 'Müraciətinizə cavab']),
    );
    const answerMail = mails.find((m) => m.subject.startsWith('Müraciətinizə cavab'));
    expect(answerMail?.text).toContain('texniki xəta aradan qaldırılmışdır');
    expect(answerMail?.text).toContain('Baş məsləhətçi');

    await t.http
      .post(`/api/v1/appeals/${appeal.id}/feedback`)
      .set(citizen.auth)
      .send({ satisfied: true, comment: 'Təşəkkürlər' })
      .expect(201);
    await t.http.post(`/api/v1/appeals/${appeal.id}/feedback`).set(citizen.auth).send({ satisfied: false }).expect(409);

    const events = (await t.http.get(`/api/v1/appeals/${appeal.id}/events`).set(citizen.auth).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'registered',
      'assigned',
      'additional_study',
      'extended',
      'answered',
      'feedback',
    ]);
    events.slice(1).forEach((e: { prevHash: string }, i: number) => expect(e.prevHash).toBe(events[i].hash));
  });

  it('gives one success and one 409 to two actions on the same version', async () => {
    const appeal = await submit();
    const act = () =>
      t.http
        .post(`/api/v1/appeals/${appeal.id}/additional-study`)
        .set(official.auth)
        .send({ reason: 'Yoxlama lazımdır', version: appeal.version });
    const statuses = (await Promise.all([act(), act()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
  });

  it('refuses to assign the complaint to the official it is about', async () => {
    const respondent = await actors.staff('official', 'MTAX');
    const appeal = await submit({ respondentAgencyId: mtax, respondentOfficial: 'Test official' });
    const response = await t.http
      .post(`/api/v1/appeals/${appeal.id}/assignment`)
      .set(registrar.auth)
      .send({ executorId: respondent.id, version: appeal.version })
      .expect(422);
    expect(response.body.code).toBe('REFERRAL_TO_RESPONDENT_FORBIDDEN');
  });

  it('never extends a military appeal', async () => {
    const appeal = await submit({ regime: 'military' });
    const response = await t.http
      .post(`/api/v1/appeals/${appeal.id}/extension`)
      .set(official.auth)
      .send({ workingDays: 5, reason: 'Uzadılma istənilir', version: appeal.version })
      .expect(422);
    expect(response.body.code).toBe('TERM_CHANGE_NOT_ALLOWED');
  });

  it('hides the case from another agency and lets only the applicant withdraw', async () => {
    const appeal = await submit();
    const stranger = await actors.staff('official', 'MIA');
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/additional-study`)
      .set(stranger.auth)
      .send({ reason: 'Yoxlama lazımdır', version: appeal.version })
      .expect(404);
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/withdrawal`)
      .set((await actors.citizen()).auth)
      .expect(404);
    const withdrawn = (await t.http.post(`/api/v1/appeals/${appeal.id}/withdrawal`).set(citizen.auth).expect(200)).body;
    expect(withdrawn).toMatchObject({ status: 'left_without_consideration', closureGround: 'withdrawn' });
    const late = await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(official.auth)
      .send({ text: AZ_ANSWER, version: withdrawn.version })
      .expect((res) => expect([409, 422]).toContain(res.status));
    expect(late.body.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('lets an admin verify every audit chain and finds a quiet rewrite', async () => {
    const admin = await actors.admin();
    const intact = (await t.http.get('/api/v1/admin/audit/chains').set(admin).expect(200)).body;
    expect(intact).toMatchObject({ intact: true, broken: [] });
    expect(intact.checkedEvents).toBeGreaterThan(0);
    await t.http.get('/api/v1/admin/audit/chains').set(official.auth).expect(403);

    const appeal = await submit();
    const db = t.app.get(Db);
    // The application's role has no UPDATE or DELETE on the audit trail at all.
    await expect(db.query(`UPDATE appeal_events SET data = '{}' WHERE appeal_id = $1`, [appeal.id])).rejects.toThrow(/permission denied/);
    await expect(db.query(`DELETE FROM appeal_events WHERE appeal_id = $1`, [appeal.id])).rejects.toThrow(/permission denied/);
    const tamper = (receivedOn: string) =>
      withOwnerConnection(async (owner) => {
        // Even the owner is refused by the append-only trigger; only someone disabling it can tamper.
        await expect(owner.query(`UPDATE appeal_events SET data = '{}' WHERE appeal_id = $1`, [appeal.id])).rejects.toThrow(/append-only/);
        await owner.query('BEGIN');
        await owner.query(`ALTER TABLE appeal_events DISABLE TRIGGER appeal_events_append_only`);
        await owner.query(`UPDATE appeal_events SET data = jsonb_set(data, '{receivedOn}', $2) WHERE appeal_id = $1 AND seq = 1`, [
          appeal.id,
          JSON.stringify(receivedOn),
        ]);
        await owner.query(`ALTER TABLE appeal_events ENABLE TRIGGER appeal_events_append_only`);
        await owner.query('COMMIT');
      });
    await tamper('2020-01-01');
    const report = (await t.http.get('/api/v1/admin/audit/chains').set(admin).expect(200)).body;
    expect(report.intact).toBe(false);
    expect(report.broken).toEqual([{ appealId: appeal.id, seq: 1, problem: 'hash does not match the event' }]);
    // Leave the shared test database intact for later suites: restore the original event.
    await tamper('2026-05-22');
    expect((await t.http.get('/api/v1/admin/audit/chains').set(admin).expect(200)).body.intact).toBe(true);
  });
});
