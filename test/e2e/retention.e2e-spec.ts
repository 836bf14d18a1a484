import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { RetentionScheduler } from '../../src/retention/retention.scheduler';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { assign, baku, caseStaff, recordPaperAppeal } from '../support/timers';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);
const ANSWER = 'Hörmətli müraciətçi, şikayətiniz araşdırılmış, Rzayeva Lalə xanımın bəyannaməsi qəbul edilmişdir.';
const PERIOD = { from: '2026-03-01', to: '2026-06-30' };
type Json = Record<string, unknown>;

/**
 * Issue 16's retention: closed cases older than RETENTION_YEARS lose their personal data; the
 * appeal stays with its number, dates, agency, type, status and outcome; the evaluation's figures
 * and published snapshots are identical before and after, and every audit chain still verifies.
 * Scheduling is driven by hand here (SCHEDULER_ENABLED=false) so nothing runs behind the test.
 */
describe('retention of closed cases (e2e)', () => {
  const clock = new FixedClock(baku('2026-03-02', '10:00:00'));
  let t: TestApp;
  let actors: Actors;
  let admin: { Authorization: string };
  let citizen: TestUser;
  let staff: { agency: string; registrar: TestUser; official: TestUser; supervisor: TestUser };
  let other: { agency: string; registrar: TestUser };
  let answered: { id: string; registrationNumber: string };
  let left: { id: string; version: number };
  let referred: { id: string; version: number };
  let open: { id: string };
  let recent: { id: string; version: number };
  let linked: { id: string };
  let periodId: string;

  const detail = async (id: string, user: TestUser = staff.supervisor) =>
    (await t.http.get(`/api/v1/appeals/${id}`).set(user.auth).expect(200)).body as Json;
  const events = async (id: string) =>
    (await t.http.get(`/api/v1/appeals/${id}/events`).set(staff.supervisor.auth).expect(200)).body.items as Json[];
  const figures = async () => {
    const league = (await t.http.get('/api/v1/evaluation/agencies').query(PERIOD).set(admin).expect(200)).body as Json;
    const agency = (await t.http.get(`/api/v1/evaluation/agencies/${staff.agency}`).query(PERIOD).set(admin).expect(200)).body as Json;
    const published = (await t.http.get(`/api/v1/evaluation/periods/${periodId}/results`).set(admin).expect(200)).body as Json;
    const publicView = (await t.http.get(`/api/v1/evaluation/public/periods/${periodId}`).expect(200)).body as Json;
    // computedAt is the moment of reading; everything else must not move.
    const { computedAt: _a, ...leagueRest } = league;
    return { league: leagueRest, agency, published, publicView };
  };
  const run = async (dryRun: boolean) =>
    (await t.http.post('/api/v1/admin/retention/run').set(admin).send({ dryRun }).expect(200)).body as Json;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RETENTION_YEARS: '1', SCHEDULER_ENABLED: 'false' } });
    actors = new Actors(t);
    admin = await actors.admin();
    const made = await caseStaff(t, actors, 'CABMIN');
    staff = { agency: made.agency, registrar: made.registrar, official: made.official, supervisor: made.supervisor };
    const elsewhere = await caseStaff(t, actors, 'CABMIN');
    other = { agency: elsewhere.agency, registrar: elsewhere.registrar };
    citizen = await actors.citizen('Rzayeva Lalə Kamal qızı');

    // A: a citizen's complaint with a document, extended (a reason), answered, with feedback.
    const submitted = (
      await t.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .send({
          type: 'complaint',
          agencyId: staff.agency,
          subject: 'Rzayeva Lalənin bəyannaməsi',
          text: 'Mənim, Rzayeva Lalənin, elektron bəyannaməm üç həftədir qəbul edilmir.',
          applicant: {
            kind: 'natural',
            fullName: 'Rzayeva Lalə Kamal qızı',
            address: 'Gəncə, Atatürk pr. 12',
            email: citizen.email,
            phone: '+994501234567',
          },
        })
        .expect(201)
    ).body as { id: string; registrationNumber: string; version: number };
    answered = submitted;
    await t.http
      .post(`/api/v1/appeals/${submitted.id}/attachments`)
      .set(citizen.auth)
      .attach('file', PDF, { filename: 'rzayeva-passport.pdf', contentType: 'application/pdf' })
      .expect(201);
    let version = (await assign(t, staff.registrar, submitted, staff.official.id)).version;
    version = (
      await t.http
        .post(`/api/v1/appeals/${submitted.id}/extension`)
        .set(staff.official.auth)
        .send({ workingDays: 5, reason: 'Rzayeva xanımdan əlavə sənəd istənilib', version })
        .expect(200)
    ).body.version;
    await t.http.post(`/api/v1/appeals/${submitted.id}/answer`).set(staff.official.auth).send({ text: ANSWER, version }).expect(200);
    await t.http
      .post(`/api/v1/appeals/${submitted.id}/feedback`)
      .set(citizen.auth)
      .send({ satisfied: true, comment: 'Lalə Rzayeva razıdır' })
      .expect(201);

    // B: left without consideration (a note); C: referred elsewhere (a note), its new case there stays open.
    left = await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');
    await t.http
      .post(`/api/v1/appeals/${left.id}/leave-without-consideration`)
      .set(staff.supervisor.auth)
      .send({ ground: 'court_decision', note: 'Məmmədova A. məhkəməyə müraciət edib', version: left.version })
      .expect(200);
    referred = await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');
    const referral = await t.http
      .post(`/api/v1/appeals/${referred.id}/referral`)
      .set(staff.registrar.auth)
      .send({ toAgencyId: other.agency, note: 'Məmmədova A. başqa quruma', version: referred.version })
      .expect(200);
    linked = referral.body.createdCases[0] as { id: string };
    // D: still open.
    open = await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');

    periodId = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: 'Saxlama sınağı', startsOn: PERIOD.from, endsOn: PERIOD.to })
        .expect(201)
    ).body.id;
    await t.http.post(`/api/v1/evaluation/periods/${periodId}/publish`).set(admin).expect(201);

    // A year and more later: E is closed now, too recently to be erased.
    clock.set(baku('2027-03-20', '10:00:00'));
    recent = await recordPaperAppeal(t, staff.registrar, staff.agency, '2027-03-20');
    await t.http
      .post(`/api/v1/appeals/${recent.id}/leave-without-consideration`)
      .set(staff.supervisor.auth)
      .send({ ground: 'court_decision', note: 'Məhkəmə qərarı mövcuddur', version: recent.version })
      .expect(200);
  }, 90_000);

  afterAll(async () => {
    await t.close();
  });

  it('is for admins only, and refuses to run when RETENTION_YEARS is not set', async () => {
    await t.http.post('/api/v1/admin/retention/run').set(staff.supervisor.auth).send({ dryRun: true }).expect(403);
    await t.http.post('/api/v1/admin/retention/run').set(citizen.auth).send({ dryRun: true }).expect(403);
    await t.http.post('/api/v1/admin/retention/run').send({ dryRun: true }).expect(401);
    await t.http.post('/api/v1/admin/retention/run').set(admin).send({ dryRun: 'yes' }).expect(422);
    const off = await startTestApp({ env: { APP_ROLE: 'api' } });
    try {
      const refused = await off.http
        .post('/api/v1/admin/retention/run')
        .set(await new Actors(off).admin())
        .send({ dryRun: true })
        .expect(422);
      expect(refused.body.code).toBe('RETENTION_NOT_CONFIGURED');
    } finally {
      await off.close();
    }
  });

  it('reports first (dry run, the default), erases, and keeps the statistics and every chain', async () => {
    const before = await figures();
    const detailBefore = await detail(answered.id);
    expect(detailBefore.applicant).toMatchObject({ fullName: 'Rzayeva Lalə Kamal qızı', email: citizen.email });

    const dry = (await t.http.post('/api/v1/admin/retention/run').set(admin).send({}).expect(200)).body as Json;
    expect(dry).toMatchObject({
      dryRun: true,
      retentionYears: 1,
      closedBefore: baku('2026-03-20', '10:00:00').toISOString(),
      mailRecipients: 0,
    });
    // At least this test's three closed cases (others of this test run may be older still).
    for (const [key, least] of Object.entries({
      appeals: 3,
      parties: 3,
      attachments: 1,
      answerTexts: 1,
      feedbackComments: 1,
      referralNotes: 1,
      eventTexts: 3,
    })) {
      expect(dry[key] as number).toBeGreaterThanOrEqual(least);
    }
    expect(JSON.stringify(dry)).not.toMatch(/Rzayeva|Məmmədova|Gəncə|@/);
    // A dry run changes nothing.
    expect(await detail(answered.id)).toEqual(detailBefore);

    const done = await run(false);
    const { runId: _d1, dryRun: _d2, mailRecipients: _d3, ...dryCounts } = dry;
    const { runId: _r1, dryRun: _r2, mailRecipients, ...runCounts } = done;
    expect(runCounts).toEqual(dryCounts);
    expect(mailRecipients).toBeGreaterThanOrEqual(1); // the registration and answer notices to the citizen

    // The appeal stays: number, type, agency, status, outcome, dates; its personal data is gone.
    const after = await detail(answered.id);
    const kept = [
      'id',
      'registrationNumber',
      'type',
      'status',
      'agencyId',
      'channel',
      'receivedOn',
      'registeredAt',
      'reviewDueDate',
      'referralDueDate',
      'reviewDueAt',
      'closureGround',
      'executorId',
      'deadlines',
      'version',
    ];
    for (const key of kept) expect({ key, value: after[key] }).toEqual({ key, value: detailBefore[key] });
    expect(after.applicant).toEqual({ kind: 'natural', fullName: null, organisationName: null, address: null, email: null, phone: null });
    expect(after).toMatchObject({ subject: '', text: '', attachments: [] });
    expect(JSON.stringify(after)).not.toMatch(/Rzayeva|Gəncə|994501234567/);
    const trail = await events(answered.id);
    expect(trail[trail.length - 1]).toMatchObject({
      type: 'personal_data_erased',
      actorRole: 'admin',
      data: { ground: 'retention', retentionYears: 1, parties: 1, attachments: 1 },
    });
    expect(trail.find((e) => e.type === 'extended')?.data).toMatchObject({ textsErased: true, workingDays: 5 });
    expect(JSON.stringify(trail)).not.toMatch(/Rzayeva/);
    expect(JSON.stringify(await events(left.id))).not.toMatch(/Məmmədova/);
    // The account no longer leads to it: the citizen's list and the case are gone for them.
    const mineNow = (await t.http.get('/api/v1/appeals').set(citizen.auth).expect(200)).body.items as Array<{ id: string }>;
    expect(mineNow.map((a) => a.id)).not.toContain(answered.id);

    // Nothing left in the database either: answer text, feedback comment, referral note, event
    // texts, mail addresses in the outbox.
    const db = t.app.get(Db);
    const [left_] = await db.query<Json>(
      `SELECT (SELECT text FROM appeal_answers WHERE appeal_id = $1) AS answer,
              (SELECT comment FROM appeal_feedback WHERE appeal_id = $1) AS comment,
              (SELECT note FROM appeal_referrals WHERE appeal_id = $2) AS note,
              (SELECT count(*)::int FROM appeal_event_texts WHERE appeal_id = ANY($3::uuid[])) AS texts,
              (SELECT count(*)::int FROM outbox WHERE payload->>'appealId' = $1::text AND payload ? 'to') AS recipients,
              (SELECT owner_user_id FROM appeals WHERE id = $1) AS owner`,
      [answered.id, referred.id, [answered.id, left.id, referred.id]],
    );
    expect(left_).toEqual({ answer: '', comment: null, note: null, texts: 0, recipients: 0, owner: null });

    // Open, recent, and the referral's open case at the other agency are untouched.
    expect(((await detail(open.id)).applicant as Json).fullName).toBe('Məmmədova Aygün Elçin qızı');
    expect(((await detail(recent.id)).applicant as Json).fullName).toBe('Məmmədova Aygün Elçin qızı');
    expect(((await t.http.get(`/api/v1/appeals/${linked.id}`).set(other.registrar.auth).expect(200)).body.applicant as Json).fullName).toBe(
      'Məmmədova Aygün Elçin qızı',
    );

    // Statistics: the draft figures, the agency's detail and the published snapshot are identical.
    expect(await figures()).toEqual(before);
    const chains = (await t.http.get('/api/v1/admin/audit/chains').set(admin).expect(200)).body;
    expect(chains).toMatchObject({ intact: true, broken: [] });

    // A second run finds nothing more; every run is on record with its counts.
    expect(await run(false)).toMatchObject({ appeals: 0, parties: 0, attachments: 0 });
    const runs = await db.query<Json>(`SELECT dry_run AS "dryRun", counts FROM retention_runs WHERE started_at = $1 ORDER BY id`, [
      clock.now(),
    ]);
    expect(runs.map((r) => r.dryRun)).toEqual([true, false, false]);
    expect((runs[1].counts as Json).appeals).toBe(done.appeals);
    const audited = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject_type = 'retention_run' AND actor_id = (SELECT id FROM users WHERE email = $1)`,
      ['admin@test.local'],
    );
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['retention.dry_run', 'retention.run']));
  }, 60_000);

  it('runs by itself once a Baku day from 03:00, in the worker', async () => {
    const scheduler = t.app.get(RetentionScheduler);
    clock.set(baku('2027-03-21', '02:30:00'));
    expect(await scheduler.tick()).toBe(false);
    clock.set(baku('2027-03-21', '03:05:00'));
    expect(await scheduler.tick()).toBe(true);
    expect(await scheduler.tick()).toBe(false);
    const [scheduled] = await t.app
      .get(Db)
      .query<Json>(
        `SELECT dry_run AS "dryRun", actor_id AS "actorId", finished_at IS NOT NULL AS finished FROM retention_runs WHERE scheduled_day = '2027-03-21'`,
      );
    expect(scheduled).toEqual({ dryRun: false, actorId: null, finished: true });
  });
});
