import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { FixedClock } from '../../src/platform/clock/clock';
import { ResponsivenessRepository, ResponsivenessRow } from '../../src/evaluation/responsiveness.repository';
import { Actors } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Methodology sect. 5 on hand-built cohorts: cases written straight into the case tables (as case
 * handling leaves them), then the figures read back through the maintained summary and through the
 * plain GROUP BY, which must agree.
 */
describe('responsiveness cohorts (sect. 5)', () => {
  const clock = new FixedClock(new Date('2026-04-10T12:00:00+04:00'));
  let t: TestApp;
  let repo: ResponsivenessRepository;
  let adminId: string;
  const agency: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  let caseOneAnswer: string;
  let caseTwoAnswer: string;
  let chainAnswer: string;

  const deadline = async (from: string, workingDays: number): Promise<string> =>
    (await t.http.get('/api/v1/calendar/deadline').query({ from, workingDays }).expect(200)).body.dueDate;

  /** One case as case handling leaves it, in one transaction like the app (the triggers run at COMMIT). */
  async function insertCase(
    db: Client,
    c: {
      agency: string;
      termFrom: string;
      dueDate: string;
      status: 'registered' | 'in_review' | 'answered' | 'left_without_consideration' | 'referred';
      closedOn?: string;
      extension?: number;
      parent?: string;
      satisfied?: boolean;
      closureGround?: 'withdrawn' | 'form_defect' | 'court_decision';
      anonymous?: boolean;
      /** A follow-up merged into this case by staff (appeals-rules.md 15). */
      mergedInto?: string;
    },
  ): Promise<string> {
    const id = randomUUID();
    const closedAt = c.closedOn ? `${c.closedOn}T10:00:00+04:00` : null;
    const linkKind = c.mergedInto ? 'follow_up' : c.parent ? 'referral' : null;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, received_on, registered_at, registered_by,
                            parent_appeal_id, link_kind, agency_id, anonymous)
       VALUES ($1::uuid, 'T-' || $1::text, 'complaint', 'Mövzu', 'Mətn', 'portal', 'standard', $2, $3, $4, $5, $7, $6, $8)`,
      [id, c.termFrom, `${c.termFrom}T09:00:00+04:00`, adminId, c.mergedInto ?? c.parent ?? null, c.agency, linkKind, c.anonymous ?? false],
    );
    await db.query(
      `INSERT INTO appeal_state (appeal_id, agency_id, status, review_term_from, review_term_working_days, extension_working_days,
                                 review_due_date, review_due_at, calendar_version, last_event_seq, last_event_hash, closed_at,
                                 closure_ground, merged_into)
       VALUES ($1, $2, $3, $4, 15, $5, $6, ($6::date + 1)::timestamp AT TIME ZONE 'Asia/Baku' - interval '1 second', 1, 1, 'x', $7, $8, $9)`,
      [id, c.agency, c.status, c.termFrom, c.extension ?? 0, c.dueDate, closedAt, c.closureGround ?? null, c.mergedInto ?? null],
    );
    if (c.status === 'answered') {
      await db.query(
        `INSERT INTO appeal_answers (appeal_id, text, decided_by, decided_by_name, decided_by_position, delivery, dispatched_at, dispatched_on)
         VALUES ($1, 'Cavab', $2, 'Test', 'İcraçı', 'post', $3, ($3::timestamptz AT TIME ZONE 'Asia/Baku')::date)`,
        [id, adminId, closedAt],
      );
    }
    await db.query('COMMIT');
    if (c.satisfied !== undefined) {
      await db.query(`INSERT INTO appeal_feedback (appeal_id, satisfied, given_at) VALUES ($1, $2, now())`, [id, c.satisfied]);
    }
    return id;
  }

  async function refer(
    db: Client,
    from: { id: string; agency: string },
    to: { id: string; agency: string },
    receivedOn: string,
    referredOn: string,
    onTime: boolean,
    kind: 'referral' | 'copy' = 'referral',
  ) {
    await db.query(
      `INSERT INTO appeal_referrals (appeal_id, to_appeal_id, kind, from_agency_id, to_agency_id, received_on, due_date, referred_on, on_time,
                                     referred_by, referred_at)
       VALUES ($1, $2, $9, $3, $4, $5, $5::date + 3, $6, $7, $8, $6::date + time '11:00')`,
      [from.id, to.id, from.agency, to.agency, receivedOn, referredOn, onTime, adminId, kind],
    );
  }

  const figures = async (from: string, to: string, direct = false): Promise<Record<string, ResponsivenessRow>> => {
    const query = { from, to, now: clock.now(), agencyIds: Object.values(agency) };
    const rows = direct ? await repo.aggregateDirect(query) : await repo.aggregate(query);
    return Object.fromEntries(rows.map((r) => [Object.entries(agency).find(([, id]) => id === r.agencyId)![0], r]));
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    repo = t.app.get(ResponsivenessRepository);
    const actors = new Actors(t);
    const admin = await actors.admin();
    adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id;
    for (const key of ['A', 'B', 'C', 'D', 'E'] as const) {
      const code = `EV-${key}-${randomUUID().slice(0, 8).toUpperCase()}`;
      agency[key] = (
        await t.http
          .post('/api/v1/agencies')
          .set(admin)
          .send({ code, name: `Qiymətləndirmə ${key}` })
          .expect(201)
      ).body.id;
    }
    caseOneAnswer = await deadline('2026-02-27', 5);
    caseTwoAnswer = await deadline('2026-02-20', 12);
    chainAnswer = await deadline('2026-03-09', 4);
    // The dates below assume these fall in March (they do on the 2026 calendar).
    for (const d of [caseOneAnswer, caseTwoAnswer, chainAnswer]) expect(d.slice(0, 7)).toBe('2026-03');
    expect(caseOneAnswer <= '2026-03-10' && caseTwoAnswer > '2026-03-04').toBe(true);

    await withOwnerConnection(async (db) => {
      const A = agency.A;
      // 1: answered on time in 5 working days, applicant satisfied.
      await insertCase(db, {
        agency: A,
        termFrom: '2026-02-27',
        dueDate: '2026-03-10',
        status: 'answered',
        closedOn: caseOneAnswer,
        satisfied: true,
      });
      // 2: extended, still answered late (12 working days), due 4 March.
      await insertCase(db, {
        agency: A,
        termFrom: '2026-02-20',
        dueDate: '2026-03-04',
        status: 'answered',
        closedOn: caseTwoAnswer,
        extension: 5,
      });
      // 3: left without consideration before its deadline: on time.
      await insertCase(db, {
        agency: A,
        termFrom: '2026-03-02',
        dueDate: '2026-03-20',
        status: 'left_without_consideration',
        closedOn: '2026-03-15',
      });
      // 5: still open, deadline 30 March passed by "now" (10 April): late, in the cohort, overdue at the end of March.
      await insertCase(db, { agency: A, termFrom: '2026-03-10', dueDate: '2026-03-30', status: 'in_review' });
      // 6: open, due 20 April: pending for a period that includes it, not in March at all.
      await insertCase(db, { agency: A, termFrom: '2026-04-01', dueDate: '2026-04-20', status: 'registered' });
      // 7: due 27 March, answered only on 3 April: late, and open-overdue at the end of March.
      await insertCase(db, { agency: A, termFrom: '2026-03-06', dueDate: '2026-03-27', status: 'answered', closedOn: '2026-04-03' });
      // A referral chain A -> B -> C: A refers on time, B late; C answers in 4 working days.
      const r1 = await insertCase(db, {
        agency: A,
        termFrom: '2026-02-27',
        dueDate: '2026-03-25',
        status: 'referred',
        closedOn: '2026-03-03',
      });
      const r2 = await insertCase(db, {
        agency: agency.B,
        termFrom: '2026-03-03',
        dueDate: '2026-03-26',
        status: 'referred',
        closedOn: '2026-03-09',
        parent: r1,
      });
      const r3 = await insertCase(db, {
        agency: agency.C,
        termFrom: '2026-03-09',
        dueDate: '2026-04-02',
        status: 'answered',
        closedOn: chainAnswer,
        parent: r2,
      });
      await refer(db, { id: r1, agency: A }, { id: r2, agency: agency.B }, '2026-02-27', '2026-03-03', true);
      await refer(db, { id: r2, agency: agency.B }, { id: r3, agency: agency.C }, '2026-03-03', '2026-03-09', false);

      // D: who is left out of the due cohort (sect. 5), and copies in the referral cohort.
      const D = agency.D;
      // d1: answered on time: the one case of the cohort that is on time.
      const d1 = await insertCase(db, {
        agency: D,
        termFrom: '2026-03-02',
        dueDate: '2026-03-20',
        status: 'answered',
        closedOn: '2026-03-12',
      });
      // d2: withdrawn by the applicant within the term: left out.
      await insertCase(db, {
        agency: D,
        termFrom: '2026-03-02',
        dueDate: '2026-03-20',
        status: 'left_without_consideration',
        closureGround: 'withdrawn',
        closedOn: '2026-03-10',
      });
      // d3: "withdrawn" only after the deadline had passed: stays, as a late case (nobody takes a late case out).
      await insertCase(db, {
        agency: D,
        termFrom: '2026-02-20',
        dueDate: '2026-03-10',
        status: 'left_without_consideration',
        closureGround: 'withdrawn',
        closedOn: '2026-03-16',
      });
      // d4: anonymous, closed at intake (Art. 6.4): left out.
      await insertCase(db, {
        agency: D,
        termFrom: '2026-03-05',
        dueDate: '2026-03-25',
        status: 'left_without_consideration',
        closureGround: 'form_defect',
        closedOn: '2026-03-05',
        anonymous: true,
      });
      // d5: a follow-up merged into d1 and answered with it, with feedback: left out of every figure.
      await insertCase(db, {
        agency: D,
        termFrom: '2026-03-03',
        dueDate: '2026-03-23',
        status: 'answered',
        closedOn: '2026-03-12',
        mergedInto: d1,
        satisfied: false,
      });
      // d6: a follow-up merged into an open case, past its own date: not late on its own.
      const d7 = await insertCase(db, { agency: D, termFrom: '2026-03-25', dueDate: '2026-04-20', status: 'in_review' });
      await insertCase(db, { agency: D, termFrom: '2026-02-25', dueDate: '2026-03-17', status: 'in_review', mergedInto: d7 });
      // A referral on time and a copy sent late (Art. 7.10 gives both 3 working days), both charged to D.
      const d8 = await insertCase(db, {
        agency: D,
        termFrom: '2026-03-02',
        dueDate: '2026-03-20',
        status: 'referred',
        closedOn: '2026-03-04',
      });
      const e1 = await insertCase(db, {
        agency: agency.E,
        termFrom: '2026-03-04',
        dueDate: '2026-03-24',
        status: 'registered',
        parent: d8,
      });
      await refer(db, { id: d8, agency: D }, { id: e1, agency: agency.E }, '2026-03-02', '2026-03-04', true);
      const e2 = await insertCase(db, {
        agency: agency.E,
        termFrom: '2026-03-30',
        dueDate: '2026-04-20',
        status: 'registered',
        parent: d7,
      });
      await refer(db, { id: d7, agency: D }, { id: e2, agency: agency.E }, '2026-03-25', '2026-03-30', false, 'copy');
    });
  });

  // The run's database is shared by every suite: leave no hand-made case behind (they have no audit
  // chain, which the audit verification of another suite would rightly report).
  afterAll(async () => {
    await withOwnerConnection(async (db) => {
      const ids = Object.values(agency);
      const cases = `SELECT appeal_id FROM appeal_state WHERE agency_id = ANY($1::uuid[])`;
      await db.query(`DELETE FROM appeal_referrals WHERE from_agency_id = ANY($1::uuid[]) OR to_agency_id = ANY($1::uuid[])`, [ids]);
      for (const table of ['appeal_feedback', 'appeal_answers', 'evaluation_case_facts']) {
        await db.query(`DELETE FROM ${table} WHERE appeal_id IN (${cases})`, [ids]);
      }
      await db.query(`DELETE FROM evaluation_counts WHERE agency_id = ANY($1::uuid[])`, [ids]);
      await db.query(`CREATE TEMP TABLE gone AS ${cases}`, [ids]);
      await db.query(`DELETE FROM appeal_state WHERE appeal_id IN (SELECT appeal_id FROM gone)`);
      await db.query(`DELETE FROM appeals WHERE id IN (SELECT appeal_id FROM gone)`);
    });
    await t.close();
  });

  it('A, March: due cohort of closed and late-open cases; a referred case is not in it', async () => {
    const { A } = await figures('2026-03-01', '2026-03-31');
    expect(A).toMatchObject({
      dueClosed: 4, // 1, 2, 3, 7 (not the referred one)
      openLate: 1, // 5
      onTime: 2, // 1 and 3
      extended: 1, // 2
      pending: 0,
      referralCohort: 1,
      referredOnTime: 1,
      answered: 2, // 1 and 2 answered in March; 7 in April
      medianWorkingDaysToAnswer: 5, // nearest rank of [5, 12]
      p90WorkingDaysToAnswer: 12,
      feedbackCount: 1,
      satisfiedCount: 1,
      openOverdue: 2, // 5 (still open) and 7 (closed only on 3 April)
    });
  });

  it('charges the late referral to the sender (B) and the answer time to the receiver (C)', async () => {
    const { B, C } = await figures('2026-03-01', '2026-03-31');
    expect(B).toMatchObject({ referralCohort: 1, referredOnTime: 0, dueClosed: 0, answered: 0 });
    expect(C).toMatchObject({ referralCohort: 0, answered: 1, medianWorkingDaysToAnswer: 4, p90WorkingDaysToAnswer: 4 });
  });

  it('a period reaching past now reports open cases not yet due as pending', async () => {
    const { A } = await figures('2026-03-05', '2026-04-30');
    expect(A.pending).toBe(1); // 6
    expect(A.openOverdue).toBe(1); // only 5: at "now" 7 is answered
  });

  it.each([
    ['2026-03-01', '2026-03-31'], // one whole month: month rows only
    ['2026-03-05', '2026-04-08'], // partial months: day rows only
    ['2026-02-15', '2026-05-20'], // whole months with partial edges
    ['2026-03-10', '2026-03-10'], // one day
  ])('summary and plain GROUP BY agree for %s..%s', async (from, to) => {
    expect(await figures(from, to)).toEqual(await figures(from, to, true));
  });

  it('the league table shows the API fields, the index over the entering cohorts and the Wilson interval', async () => {
    const admin = await new Actors(t).admin();
    const response = await t.http
      .get('/api/v1/evaluation/agencies')
      .set(admin)
      .query({ from: '2026-03-01', to: '2026-03-31', minCohort: 1 })
      .expect(200);
    const row = response.body.items.find((i: { agencyId: string }) => i.agencyId === agency.A);
    expect(row.responsiveness).toMatchObject({
      dueCohort: 5,
      onTime: 2,
      onTimeReviewRate: 0.4,
      referralCohort: 1,
      onTimeReferralRate: 1,
      medianWorkingDaysToAnswer: 5,
      p90WorkingDaysToAnswer: 12,
      extensionRate: 0.2,
      openOverdue: 2,
      satisfactionRate: 1,
      colour: 'yellow',
      insufficientData: false,
    });
    expect(row.responsiveness.index).toBeCloseTo(58, 10); // 100 * (0.7 * 0.4 + 0.3 * 1)
    expect(row.responsiveness.onTimeReviewRateInterval.low).toBeCloseTo(0.1176, 3);
    expect(row.responsiveness.onTimeReviewRateInterval.high).toBeCloseTo(0.7693, 3);
    const b = response.body.items.find((i: { agencyId: string }) => i.agencyId === agency.B);
    expect(b.responsiveness).toMatchObject({ index: 0, colour: 'red', dueCohort: 0, onTimeReviewRate: null });
    const c = response.body.items.find((i: { agencyId: string }) => i.agencyId === agency.C);
    expect(c.responsiveness).toMatchObject({ index: null, colour: null, insufficientData: true });
    expect(c.rank).toBeNull();

    // With the default minCohort (20) none of these small cohorts is ranked.
    const strict = await t.http.get('/api/v1/evaluation/agencies').set(admin).query({ from: '2026-03-01', to: '2026-03-31' }).expect(200);
    const strictA = strict.body.items.find((i: { agencyId: string }) => i.agencyId === agency.A);
    // Sect. 5: below the minimum cohort there is no index and no colour, never a red light.
    expect(strictA).toMatchObject({
      rank: null,
      responsiveness: { insufficientData: true, index: null, colour: null, dueCohort: 5, onTimeReviewRate: 0.4 },
    });
  });

  it('leaves withdrawals, anonymous appeals closed at intake and merged follow-ups out of the due cohort; a late withdrawal stays late', async () => {
    const { D } = await figures('2026-03-01', '2026-03-31');
    expect(D).toMatchObject({
      dueClosed: 2, // d1 and d3 (not d2, d4, d5)
      onTime: 1, // d1
      openLate: 0, // d6 is merged
      answered: 1, // d1 only: d5 was answered with it
      feedbackCount: 0, // d5's feedback is on a merged follow-up
      openOverdue: 0,
      pending: 0,
    });
    const april = await figures('2026-04-01', '2026-04-30');
    expect(april.D.pending).toBe(1); // d7; not d6
  });

  it('counts copies in the referral cohort like referrals, charged to the sender', async () => {
    const { D, E } = await figures('2026-03-01', '2026-03-31');
    expect(D).toMatchObject({ referralCohort: 2, referredOnTime: 1 });
    expect(E).toMatchObject({ referralCohort: 0, dueClosed: 0 });
  });

  it('shows a small cohort as insufficient data, with no index and no colour (sect. 5)', async () => {
    const admin = await new Actors(t).admin();
    const league = async (minCohort?: number) =>
      (
        await t.http
          .get('/api/v1/evaluation/agencies')
          .set(admin)
          .query({ from: '2026-03-01', to: '2026-03-31', ...(minCohort ? { minCohort } : {}) })
          .expect(200)
      ).body.items as Array<{ agencyId: string; rank: number | null; responsiveness: Record<string, unknown> }>;
    const small = (await league()).find((i) => i.agencyId === agency.D);
    expect(small).toMatchObject({
      rank: null,
      responsiveness: {
        dueCohort: 2,
        onTimeReviewRate: 0.5,
        referralCohort: 2,
        onTimeReferralRate: 0.5,
        insufficientData: true,
        index: null,
        colour: null,
      },
    });
    const enough = (await league(1)).find((i) => i.agencyId === agency.D);
    expect(enough?.responsiveness).toMatchObject({ insufficientData: false, colour: 'red', index: expect.closeTo(50, 10) });
    expect(enough?.rank).not.toBeNull();
  });

  it('a reopened case takes back exactly what it contributed', async () => {
    const before = await figures('2026-03-01', '2026-03-31');
    const id = await withOwnerConnection(async (db) => {
      const created = await insertCase(db, {
        agency: agency.C,
        termFrom: '2026-03-02',
        dueDate: '2026-03-20',
        status: 'answered',
        closedOn: '2026-03-12',
      });
      await db.query(`UPDATE appeal_state SET status = 'in_review', closed_at = NULL WHERE appeal_id = $1`, [created]);
      return created;
    });
    const after = await figures('2026-03-01', '2026-03-31');
    // Open again, due 20 March, past by now: late and open.
    expect(after.C).toEqual({ ...before.C, openLate: before.C.openLate + 1, openOverdue: before.C.openOverdue + 1 });
    expect(after).toEqual(await figures('2026-03-01', '2026-03-31', true));
    const facts = await withOwnerConnection((db) => db.query(`SELECT 1 FROM evaluation_case_facts WHERE appeal_id = $1`, [id]));
    expect(facts.rowCount).toBe(0);
  });
});
