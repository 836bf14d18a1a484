import { Queue } from 'bullmq';
import { withOwnerConnection } from '../support/owner-db';
import { TimerScheduler, LOST_JOB_GRACE_MS } from '../../src/alerts/timer.scheduler';
import { TimerFiring, TimerWorker } from '../../src/alerts/timer.worker';
import { CalendarService } from '../../src/calendar/calendar.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { QUEUE_NAMES } from '../../src/platform/queue/queues';
import { Actors, TestUser } from '../support/actors';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { assign, baku, caseStaff, emptyRedis, recordPaperAppeal, timersOf, until } from '../support/timers';

/**
 * Deadline timers against the real PostgreSQL, Redis and SMTP: planned by the database in the
 * transaction that sets a deadline, fired through BullMQ once, whatever fails on the way.
 * The scheduler is driven tick by tick (SCHEDULER_ENABLED=false) under a pinned clock.
 */
describe('deadline timers (integration)', () => {
  const clock = new FixedClock(baku('2026-04-01', '10:00:00'));
  const smtp = new SmtpSink();
  let t: TestApp;
  let actors: Actors;
  let registrar: TestUser;
  let official: TestUser;
  let supervisor: TestUser;
  let agency: string;
  let agencyCode: string;

  const calendar = () => t.app.get(CalendarService);
  const termEnd = (from: string, n: number) => calendar().termEnd(from, n).dueDate;
  const tick = () => t.app.get(TimerScheduler).tick();
  const worker = () => t.app.get(TimerWorker);
  const mailsAbout = (user: TestUser, registrationNumber: string) =>
    smtp.to(user.email).filter((m) => m.subject.includes(registrationNumber));
  const alertsOf = (appealId: string) =>
    t.app.get(Db).query<{
      kind: string;
      generation: number;
      timerId: string;
    }>(`SELECT kind, generation, timer_id::text AS "timerId" FROM alerts WHERE appeal_id = $1 ORDER BY id`, [appealId]);

  /** The alert mails (outbox rows) to `user` that list alerts of these appeals, with the alerts each lists. */
  const alertMailsTo = (user: TestUser, appealIds: string[]) =>
    t.app.get(Db).query<{ id: string; alertIds: string[] }>(
      `SELECT o.id::text, array(SELECT jsonb_array_elements_text(o.payload->'alertIds')) AS "alertIds"
       FROM outbox o WHERE o.dedupe_key LIKE 'mail:deadline-alert:%' AND o.payload->>'to' = $1
         AND EXISTS (SELECT 1 FROM alerts al WHERE al.appeal_id = ANY($2::uuid[]) AND o.payload->'alertIds' ? al.id::text)`,
      [user.email, appealIds],
    );

  /** An appeal received on `receivedOn`, assigned to the official, with the clock then set to `now`. */
  async function caseAt(receivedOn: string, now: Date) {
    clock.set(baku(receivedOn, '11:00:00'));
    const appeal = await recordPaperAppeal(t, registrar, agency, receivedOn);
    await assign(t, registrar, appeal, official.id);
    clock.set(now);
    return appeal;
  }

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, SCHEDULER_ENABLED: 'false' } });
    actors = new Actors(t);
    ({ agency, agencyCode, registrar, official, supervisor } = await caseStaff(t, actors, 'MIA'));
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('plans the timers of a new appeal from its deadlines, in the intake transaction', async () => {
    clock.set(baku('2026-04-01', '11:00:00'));
    const appeal = await recordPaperAppeal(t, registrar, agency, '2026-04-01');
    const due = termEnd('2026-04-01', 15);
    expect(appeal.reviewDueDate).toBe(due);
    const timers = await timersOf(t, appeal.id);
    expect(timers.map((x) => [x.kind, x.daysBefore, x.fireAt.toISOString(), x.state, x.generation])).toEqual([
      // Art. 7.10: the last day to refer, at the office's opening.
      ['referral_due', 0, baku(termEnd('2026-04-01', 3), '09:00:00').toISOString(), 'pending', 1],
      ['review_warning', 3, baku(termEnd('2026-04-01', 12), '09:00:00').toISOString(), 'pending', 1],
      ['review_warning', 1, baku(termEnd('2026-04-01', 14), '09:00:00').toISOString(), 'pending', 1],
      ['review_due', 0, baku(due, '09:00:00').toISOString(), 'pending', 1],
      ['overdue', 0, new Date(baku(due, '23:59:59').getTime() + 1000).toISOString(), 'pending', 1],
      ['escalation', 0, new Date(baku(termEnd('2026-04-01', 20), '23:59:59').getTime() + 1000).toISOString(), 'pending', 1],
    ]);

    // Taken into review: nothing left to refer.
    const assigned = await assign(t, registrar, appeal, official.id);
    expect((await timersOf(t, appeal.id)).map((x) => x.kind)).not.toContain('referral_due');

    // Art. 10.2: an extension moves every review timer and bumps its generation.
    const extended = (
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/extension`)
        .set(official.auth)
        .send({ workingDays: 10, reason: 'Əlavə məlumat sorğulanır', version: assigned.version })
        .expect(200)
    ).body as { reviewDueDate: string; version: number };
    expect(extended.reviewDueDate).toBe(termEnd('2026-04-01', 25));
    const moved = await timersOf(t, appeal.id);
    expect(moved.find((x) => x.kind === 'overdue')).toMatchObject({
      fireAt: new Date(baku(extended.reviewDueDate, '23:59:59').getTime() + 1000),
      generation: 2,
      state: 'pending',
    });
    expect(moved.every((x) => x.generation === 2)).toBe(true);

    // Art. 7.5: answered, closed: no timer is left.
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(official.auth)
      .send({
        text: 'Hörmətli müraciətçi, küçənin işıqlandırılması bərpa edilmişdir. Müraciətinizə görə təşəkkür edirik, işlər yoxlanılmışdır.',
        version: extended.version,
      })
      .expect(200);
    expect(await timersOf(t, appeal.id)).toEqual([]);
  });

  it('follows a calendar change: a new holiday inside the term moves the timers', async () => {
    clock.set(baku('2026-10-01', '11:00:00'));
    const appeal = await recordPaperAppeal(t, registrar, agency, '2026-10-01');
    const before = (await timersOf(t, appeal.id)).find((x) => x.kind === 'overdue');
    const admin = await actors.admin();
    const year = (await t.http.get('/api/v1/calendar/years/2026').expect(200)).body as {
      nonWorkingDays: Array<{ date: string; reason: string }>;
    };
    await t.http
      .put('/api/v1/calendar/years/2026')
      .set(admin)
      .send({ ...year, nonWorkingDays: [...year.nonWorkingDays, { date: '2026-10-07', reason: 'Sınaq: yeni qeyri-iş günü' }] })
      .expect(200);
    await tick(); // a recomputation of many appeals leaves their re-planning to the scheduler
    const after = (await timersOf(t, appeal.id)).find((x) => x.kind === 'overdue');
    // The other suites of the run share the database: the official year goes back as it was.
    await t.http.put('/api/v1/calendar/years/2026').set(admin).send(year).expect(200);
    await tick();
    expect(after?.generation).toBe((before?.generation ?? 0) + 1);
    expect(after?.fireAt.getTime()).toBeGreaterThan(before?.fireAt.getTime() ?? Infinity);
  });

  it('holds back the timers of an appeal a bulk change left to re-plan, and fires them after', async () => {
    const due = termEnd('2026-04-15', 15);
    const appeal = await caseAt('2026-04-15', baku(termEnd(due, 1), '12:00:00'));
    const timers = await timersOf(t, appeal.id);
    await withOwnerConnection((owner) => owner.query(`INSERT INTO deadline_timer_replans VALUES ($1)`, [appeal.id]));
    expect(await t.app.get(TimerFiring).fire({ timers: timers.map((x) => [x.id, x.generation] as const) })).toEqual({
      fired: 0,
      skipped: 5,
    });
    const result = await tick();
    expect(result.replanned).toBeGreaterThanOrEqual(1);
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.length === 4,
    );
  });

  it('fires every due timer once, to the supervisors and the executor, and the next tick finds nothing', async () => {
    const due = termEnd('2026-05-04', 15);
    const appeal = await caseAt('2026-05-04', baku(termEnd(due, 1), '12:00:00'));
    const first = await tick();
    expect(first.claimed).toBeGreaterThanOrEqual(4);
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.length === 4,
    );
    await smtp.waitFor(() => mailsAbout(supervisor, appeal.registrationNumber).length === 4);
    await smtp.waitFor(() => mailsAbout(official, appeal.registrationNumber).length === 4);
    expect((await alertsOf(appeal.id)).map((a) => a.kind).sort()).toEqual(['overdue', 'review_due', 'review_warning', 'review_warning']);
    // Run the same job again: its timers are fired, nothing happens twice.
    const timers = (await timersOf(t, appeal.id)).filter((x) => x.state === 'fired');
    const again = await t.app.get(TimerFiring).fire({ timers: timers.map((x) => [x.id, x.generation] as const) });
    expect(again).toEqual({ fired: 0, skipped: 4 });
    expect((await tick()).claimed).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsAbout(supervisor, appeal.registrationNumber)).toHaveLength(4);
    const overdue = mailsAbout(supervisor, appeal.registrationNumber).find((m) => m.subject.startsWith('Baxılma müddəti keçib'));
    expect(overdue?.text).toContain(`http://portal.test/office/appeals/${appeal.id}`);
  });

  it('mails no deactivated account (a departed supervisor), the active ones as before', async () => {
    const departed = await actors.staff('supervisor', 'MIA');
    await t.http
      .patch(`/api/v1/users/${departed.id}`)
      .set(await actors.admin())
      .send({ active: false })
      .expect(200);
    const due = termEnd('2026-05-11', 15);
    const appeal = await caseAt('2026-05-11', baku(termEnd(due, 1), '12:00:00'));
    await tick();
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.length === 4,
    );
    await smtp.waitFor(() => mailsAbout(supervisor, appeal.registrationNumber).length === 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsAbout(departed, appeal.registrationNumber)).toEqual([]);
  });

  it('mails each recipient once for the alerts that fired together, listing every case', async () => {
    const due = termEnd('2026-05-18', 15);
    const now = baku(termEnd(due, 1), '12:00:00');
    const first = await caseAt('2026-05-18', now);
    const second = await caseAt('2026-05-18', now);
    await tick();
    await until(
      () => alertsOf(second.id),
      (rows) => rows.length === 4,
    );
    const aboutBoth = (user: TestUser) =>
      smtp.to(user.email).filter((m) => m.subject.includes(first.registrationNumber) && m.subject.includes(second.registrationNumber));
    await smtp.waitFor(() => aboutBoth(supervisor).length === 4 && aboutBoth(official).length === 4);
    await new Promise((r) => setTimeout(r, 300));
    // The two cases' timers of each kind fire in the same second: four mails each, none about one case alone.
    expect(mailsAbout(supervisor, first.registrationNumber)).toHaveLength(4);
    expect(mailsAbout(official, second.registrationNumber)).toHaveLength(4);
    const overdue = aboutBoth(supervisor).find((m) => m.subject.startsWith('Baxılma müddəti keçib'));
    expect(overdue?.text).toContain('2 xəbərdarlıq');
    expect(overdue?.text).toContain(`http://portal.test/office/appeals/${first.id}`);
    expect(overdue?.text).toContain(`http://portal.test/office/appeals/${second.id}`);
  });

  it('a deadline moved after its job was enqueued: the old job does nothing, the new one fires', async () => {
    const due = termEnd('2026-06-01', 15);
    const appeal = await caseAt('2026-06-01', baku(due, '23:59:30'));
    await worker().stop();
    try {
      // The overdue timer is 30 s away: claimed and waiting in Redis as a delayed job.
      await tick();
      const queued = (await timersOf(t, appeal.id)).find((x) => x.kind === 'overdue');
      expect(queued).toMatchObject({ state: 'queued', generation: 1 });
      const [version] = await t.app
        .get(Db)
        .query<{ version: number }>(`SELECT version FROM appeal_state WHERE appeal_id = $1`, [appeal.id]);
      await t.http
        .post(`/api/v1/appeals/${appeal.id}/extension`)
        .set(official.auth)
        .send({ workingDays: 5, reason: 'Əlavə sənəd gözlənilir', version: version.version })
        .expect(200);
      // The old job runs (as if its delay had passed): stale generation, nothing fires.
      expect(await t.app.get(TimerFiring).fire({ timers: [[queued?.id as string, 1]] })).toEqual({ fired: 0, skipped: 1 });
    } finally {
      worker().onApplicationBootstrap();
    }
    clock.set(baku(termEnd(due, 5), '23:59:59'));
    clock.advance(2_000);
    await tick();
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.some((a) => a.kind === 'overdue'),
    );
    const overdue = (await alertsOf(appeal.id)).filter((a) => a.kind === 'overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].generation).toBe(2);
  });

  it('Redis emptied while timers wait in it: the next claim hands them over again, on time, once', async () => {
    const due = termEnd('2026-06-15', 15);
    const appeal = await caseAt('2026-06-15', baku(due, '23:58:00'));
    await worker().stop();
    let delayedJobs: Array<{ delay: number; timestamp: number }>;
    try {
      await tick(); // warnings and "due today" are due now, the overdue timer in 2 minutes
      expect((await timersOf(t, appeal.id)).filter((x) => x.state === 'queued').length).toBeGreaterThanOrEqual(4);
      await emptyRedis(t);
      const result = await tick();
      expect(result.redisWasEmptied).toBe(true);
      expect(result.requeued).toBeGreaterThanOrEqual(4);
      const queue = new Queue(QUEUE_NAMES.timers, { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
      try {
        delayedJobs = (await queue.getDelayed()).map((j) => ({ delay: j.opts.delay ?? 0, timestamp: j.timestamp }));
      } finally {
        await queue.close();
      }
    } finally {
      worker().onApplicationBootstrap();
    }
    // The overdue timer's job is delayed until its own time: the first second after 23:59:59.
    expect(delayedJobs.some((j) => j.delay === 120_000)).toBe(true);
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.length === 3,
    );
    await smtp.waitFor(() => mailsAbout(supervisor, appeal.registrationNumber).length === 3);
    expect((await alertsOf(appeal.id)).map((a) => a.kind).sort()).toEqual(['review_due', 'review_warning', 'review_warning']);
  });

  it('SMTP down for a while: alert mails wait in the outbox and go out once when it is back', async () => {
    const due = termEnd('2026-07-01', 15);
    const appeal = await caseAt('2026-07-01', baku(termEnd(due, 2), '10:00:00'));
    smtp.failing = true;
    try {
      await tick();
      await until(
        () => alertsOf(appeal.id),
        (rows) => rows.length === 4,
      );
      await until(
        () =>
          t.app.get(Db).query<{
            attempts: number;
          }>(`SELECT min(attempts)::int AS attempts FROM outbox WHERE dedupe_key LIKE 'mail:deadline-alert:%' AND payload->>'to' = $1`, [supervisor.email]),
        ([row]) => row.attempts >= 1,
      );
      expect(mailsAbout(supervisor, appeal.registrationNumber)).toHaveLength(0);
    } finally {
      smtp.failing = false;
    }
    await smtp.waitFor(() => mailsAbout(supervisor, appeal.registrationNumber).length === 4, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsAbout(supervisor, appeal.registrationNumber)).toHaveLength(4);
    expect(mailsAbout(official, appeal.registrationNumber)).toHaveLength(4);
  }, 45_000);

  it('two workers (two processes of the app) at once: no alert and no mail twice', async () => {
    const second = await startTestApp({ clock, env: { SMTP_URL: smtp.url, SCHEDULER_ENABLED: 'false' } });
    try {
      const appeals = [];
      for (const receivedOn of ['2026-07-15', '2026-07-16', '2026-07-17']) {
        clock.set(baku(receivedOn, '11:00:00'));
        const appeal = await recordPaperAppeal(t, registrar, agency, receivedOn);
        await assign(t, registrar, appeal, official.id);
        appeals.push(appeal);
      }
      clock.set(baku('2026-09-30', '12:00:00'));
      // Both schedulers tick at once (only one claims), and both fire the same batch directly too.
      const ticks = await Promise.all([tick(), second.app.get(TimerScheduler).tick()]);
      expect(ticks.filter((r) => r.claimed > 0)).toHaveLength(1);
      for (const appeal of appeals) {
        const timers = await timersOf(t, appeal.id);
        await Promise.all([
          t.app.get(TimerFiring).fire({ timers: timers.map((x) => [x.id, x.generation] as const) }),
          second.app.get(TimerFiring).fire({ timers: timers.map((x) => [x.id, x.generation] as const) }),
        ]);
      }
      const ids = appeals.map((a) => a.id);
      // warnings 3 and 1, due today, overdue, escalation (the supervisor's agency has a parent: MIA)
      for (const appeal of appeals)
        await until(
          () => alertsOf(appeal.id),
          (rows) => rows.length === 5,
        );
      const expected = (
        await t.app.get(Db).query<{ id: string }>(`SELECT id::text FROM alerts WHERE appeal_id = ANY($1) AND kind <> 'escalation'`, [ids])
      ).map((r) => r.id);
      expect(expected).toHaveLength(12);
      for (const user of [official, supervisor]) {
        // Which job fired a timer decides which mail lists its alert; what must hold is that each
        // alert is in one mail to each recipient, and each mail arrives once.
        await smtp.waitFor(() => smtp.to(user.email).length > 0);
        const mails = await until(
          () => alertMailsTo(user, ids),
          (rows) => rows.flatMap((r) => r.alertIds).length >= 12,
        );
        await smtp.waitFor(() => mails.every((m) => smtp.messages.some((x) => x.messageId.startsWith(`<outbox-${m.id}@`))));
        await new Promise((r) => setTimeout(r, 500));
        const listed = mails.flatMap((m) => m.alertIds);
        expect([...listed].sort()).toEqual([...expected].sort());
        for (const mail of mails) expect(smtp.messages.filter((x) => x.messageId.startsWith(`<outbox-${mail.id}@`))).toHaveLength(1);
      }
      for (const appeal of appeals) {
        const alerts = await alertsOf(appeal.id);
        expect(new Set(alerts.map((a) => a.timerId)).size).toBe(alerts.length);
      }
    } finally {
      await second.close();
    }
  }, 45_000);

  it('the worker is killed mid-job and restarted: every due alert is sent exactly once', async () => {
    const due = termEnd('2026-08-03', 15);
    const appeal = await caseAt('2026-08-03', baku(termEnd(due, 1), '12:00:00'));
    await withOwnerConnection(async (blocker) => {
      // The job will hang on its alert insert, holding its timers' row locks, as a busy worker does.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE alerts IN SHARE ROW EXCLUSIVE MODE');
      const { jobs } = await tick();
      const victims = await until(
        async () =>
          // pg_stat_activity is read once per transaction unless the snapshot is cleared.
          (await blocker.query('SELECT pg_stat_clear_snapshot()')) &&
          (
            await blocker.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH job AS%'`,
            )
          ).rows,
        (rows) => rows.length === jobs,
      );
      // The kill: the worker stops without finishing its jobs and their database sessions die with it.
      const stopped = worker().stop(true);
      for (const victim of victims) await blocker.query('SELECT pg_terminate_backend($1)', [victim.pid]);
      await stopped;
      await blocker.query('ROLLBACK');
    });
    expect(await alertsOf(appeal.id)).toEqual([]);
    expect((await timersOf(t, appeal.id)).filter((x) => x.state === 'queued').length).toBe(4);
    // Restart. The dead job's timers are claimed again once their jobs are overdue by the grace period.
    worker().onApplicationBootstrap();
    clock.advance(LOST_JOB_GRACE_MS + 1_000);
    const recovery = await tick();
    expect(recovery.requeued).toBeGreaterThanOrEqual(4);
    await until(
      () => alertsOf(appeal.id),
      (rows) => rows.length === 4,
    );
    await smtp.waitFor(() => mailsAbout(supervisor, appeal.registrationNumber).length === 4);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailsAbout(supervisor, appeal.registrationNumber)).toHaveLength(4);
    expect(mailsAbout(official, appeal.registrationNumber)).toHaveLength(4);
  }, 45_000);

  it('an appeal registered already overdue gives its supervisors one overdue alert, not five', async () => {
    const receivedOn = '2026-09-01';
    const due = termEnd(receivedOn, 15);
    // Recorded two working days after its term ended: the warnings, "due today" and the last day
    // to refer are long past; only the state "overdue" is news (escalation comes at 5 days).
    clock.set(baku(termEnd(due, 2), '10:00:00'));
    const appeal = await recordPaperAppeal(t, registrar, agency, receivedOn);
    expect((await timersOf(t, appeal.id)).map((x) => x.kind)).toEqual(['overdue', 'escalation']);
    // Recorded even past the escalation point: still one alert, as overdue (no escalation sent late).
    const older = await recordPaperAppeal(t, registrar, agency, '2026-08-03');
    expect((await timersOf(t, older.id)).map((x) => x.kind)).toEqual(['overdue']);
    await tick();
    for (const late of [appeal, older]) {
      await until(
        () => alertsOf(late.id),
        (rows) => rows.length === 1,
      );
      await smtp.waitFor(() => mailsAbout(supervisor, late.registrationNumber).length === 1);
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const late of [appeal, older]) {
      expect((await alertsOf(late.id)).map((a) => a.kind)).toEqual(['overdue']);
      const mails = mailsAbout(supervisor, late.registrationNumber);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject.startsWith('Baxılma müddəti keçib')).toBe(true);
    }
  });

  it('skips a stage whose moment had passed when it was planned, and plans anew what a later deadline puts ahead', async () => {
    const receivedOn = '2026-09-08';
    const due = termEnd(receivedOn, 15);
    // Recorded on its last day, after the office opened: "due today" and the warnings are past.
    clock.set(baku(due, '11:00:00'));
    const appeal = await recordPaperAppeal(t, registrar, agency, receivedOn);
    expect((await timersOf(t, appeal.id)).map((x) => x.kind)).toEqual(['overdue', 'escalation']);
    // Still within the term: an extension moves the due date, and its warnings lie ahead again.
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/extension`)
      .set(official.auth)
      .send({ workingDays: 5, reason: 'Əlavə məlumat sorğulanır', version: appeal.version })
      .expect(200);
    const replanned = await timersOf(t, appeal.id);
    expect(replanned.map((x) => [x.kind, x.daysBefore])).toEqual([
      ['review_warning', 3],
      ['review_warning', 1],
      ['review_due', 0],
      ['overdue', 0],
      ['escalation', 0],
    ]);
    expect(replanned.every((x) => x.fireAt.getTime() > clock.now().getTime())).toBe(true);
  });

  it('sends the referral-due alert only while a referral is still possible', async () => {
    clock.set(baku('2026-09-15', '11:00:00'));
    const inTime = await recordPaperAppeal(t, registrar, agency, '2026-09-15');
    clock.set(baku('2026-09-16', '11:00:00'));
    const missed = await recordPaperAppeal(t, registrar, agency, '2026-09-16');
    const timerOf = async (id: string) => (await timersOf(t, id)).find((x) => x.kind === 'referral_due');
    // The scheduler reaches the last day to refer of the first in time...
    clock.set(baku(termEnd('2026-09-15', 3), '09:00:05'));
    await tick();
    await until(
      () => alertsOf(inTime.id),
      (rows) => rows.length === 1,
    );
    expect((await alertsOf(inTime.id)).map((a) => a.kind)).toEqual(['referral_due']);
    // ...and the second's only after that day is over (it was down): the timer fires silently.
    clock.set(baku(termEnd('2026-09-16', 4), '12:00:00'));
    await tick();
    await until(
      () => timerOf(missed.id),
      (timer) => timer?.state === 'fired',
    );
    expect(await alertsOf(missed.id)).toEqual([]);
  });

  it('sends each supervisor a digest at 09:00 Baku on working days only, once', async () => {
    // Later than every other test's clock: the scheduler remembers the last digest day.
    const due = termEnd('2026-11-02', 15);
    await caseAt('2026-11-02', baku(due, '08:59:00'));
    // A complaint naming a supervisor of the agency, due the same day: never counted in their own digest (AOC 594-1.1.2).
    const named = await actors.staff('supervisor', agencyCode);
    clock.set(baku('2026-11-02', '11:00:00'));
    await t.http
      .post('/api/v1/appeals')
      .set(registrar.auth)
      .send({
        type: 'complaint',
        agencyId: agency,
        subject: 'Rəhbərin hərəkətsizliyi',
        text: 'Şöbə rəhbəri müraciətlərimə cavab vermir, qəbula yazılmağa imkan vermir.',
        applicant: { kind: 'natural', fullName: 'Kazımov Rauf', address: 'Bakı, Xətai r., 8' },
        channel: 'post',
        receivedOn: '2026-11-02',
        respondentOfficialId: named.id,
      })
      .expect(201);
    clock.set(baku(due, '08:59:00'));
    expect((await tick()).digests).toBe(0);
    clock.set(baku(due, '09:00:00'));
    const [sent, again] = [await tick(), await tick()];
    expect(sent.digests).toBeGreaterThanOrEqual(1);
    expect(again.digests).toBe(0);
    const digest = await smtp.waitFor(() => smtp.to(supervisor.email).some((m) => m.subject.includes(`gündəlik xülasə, ${due}`)));
    expect(digest.filter((m) => m.to.includes(supervisor.email) && m.subject.includes(`gündəlik xülasə, ${due}`))).toHaveLength(1);
    const counts = (user: TestUser) => {
      const mail = smtp.to(user.email).find((m) => m.subject.includes(`gündəlik xülasə, ${due}`));
      const match = mail?.text.match(/appeals due today: (\d+)\n- appeals due within 3 working days: (\d+)\n- overdue appeals: (\d+)/);
      return match ? match.slice(1).map(Number) : undefined;
    };
    await smtp.waitFor(() => counts(named) !== undefined);
    const [mine, theirs] = [counts(supervisor)!, counts(named)!];
    expect([mine[0] - theirs[0], mine[1] - theirs[1], mine[2] - theirs[2]]).toEqual([1, 0, 0]);
    // The next day that is not a working day: no digest.
    let day = due;
    do day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    while (calendar().isWorkingDay(day));
    clock.set(baku(day, '09:30:00'));
    expect((await tick()).digests).toBe(0);
  });
});
