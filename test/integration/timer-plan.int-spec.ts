import { Client } from 'pg';
import { planTimers, TimerKind, TimerPlanSettings, TimerPlanState } from '../../src/alerts/domain/timer-plan';
import { AppealStatus, Regime } from '../../src/appeals/domain/appeal-types';
import { CalendarRepository } from '../../src/calendar/calendar.repository';
import { WorkingDayCalendar } from '../../src/calendar/domain';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { startTestApp, TestApp } from '../support/test-app';
import { baku, caseStaff, recordPaperAppeal } from '../support/timers';

/**
 * src/alerts/domain/timer-plan.ts is the plan of an appeal's timers in TypeScript; the database's
 * replan_deadline_timers writes them (migration 1764036000000 names this test). For a varied set
 * of appeals (every status, each regime, anonymous, merged, with and without a referral or notice
 * due date, a due date on a rest day) and several settings, the timers the SQL function leaves
 * equal the TypeScript plan, both from nothing and on top of timers already planned.
 */
describe('timer plan: TypeScript equals replan_deadline_timers (integration)', () => {
  // After every receipt date below: a registrar records paper appeals received earlier (appeals-rules.md 2).
  const clock = new FixedClock(baku('2027-01-04', '10:00:00'));
  let t: TestApp;
  let calendar: WorkingDayCalendar;
  const ids: string[] = [];

  interface Variant {
    readonly receivedOn: string;
    readonly status?: AppealStatus;
    readonly regime?: Regime;
    readonly referralDueDate?: null;
    readonly reviewDueDate?: string;
    readonly reviewDueAt?: string;
    readonly noticeDueDate?: string;
    readonly mergedIntoFirst?: boolean;
    readonly anonymous?: boolean;
  }
  const VARIANTS: Variant[] = [
    { receivedOn: '2026-03-02' },
    { receivedOn: '2026-03-16', referralDueDate: null },
    { receivedOn: '2026-03-18', status: 'in_review', regime: 'military' },
    // Art. 10.4: 24 clock hours from a Friday afternoon; the escalation counts from Saturday.
    { receivedOn: '2026-04-02', regime: 'urgent', reviewDueAt: '2026-04-04T15:30:00+04:00' },
    { receivedOn: '2026-04-20', status: 'in_review', regime: 'urgent', reviewDueAt: '2026-04-21T09:15:00+04:00' },
    { receivedOn: '2026-03-03', status: 'left_without_consideration', noticeDueDate: '2026-03-10' },
    { receivedOn: '2026-03-04', status: 'left_without_consideration' },
    { receivedOn: '2026-03-05', status: 'answered' },
    { receivedOn: '2026-03-06', status: 'referred' },
    { receivedOn: '2026-03-09', mergedIntoFirst: true },
    { receivedOn: '2026-03-10', status: 'left_without_consideration', noticeDueDate: '2026-03-17', mergedIntoFirst: true },
    // A stored due date on a rest day (a Saturday): "N working days before" counts as the mirror does.
    { receivedOn: '2026-03-11', status: 'in_review', reviewDueDate: '2026-04-04', reviewDueAt: '2026-04-04T23:59:59+04:00' },
    { receivedOn: '2026-05-25', anonymous: true },
    { receivedOn: '2026-12-21', status: 'in_review' },
  ];

  const SETTINGS: TimerPlanSettings[] = [
    { warningDays: [3, 1], escalationWorkingDays: 5, officeOpens: '09:00:00' },
    { warningDays: [5, 2, 1], escalationWorkingDays: 1, officeOpens: '08:30:00' },
    { warningDays: [], escalationWorkingDays: 60, officeOpens: '10:15:00' },
  ];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SCHEDULER_ENABLED: 'false' } });
    const { agency, registrar } = await caseStaff(t, new Actors(t), 'MIA');
    for (const v of VARIANTS) ids.push((await recordPaperAppeal(t, registrar, agency, v.receivedOn)).id);
    await withOwnerConnection(async (c) => {
      for (const [i, v] of VARIANTS.entries()) {
        await c.query(
          `UPDATE appeal_state SET status = coalesce($2, status), regime = coalesce($3, regime),
                  referral_due_date = CASE WHEN $4 THEN NULL ELSE referral_due_date END,
                  review_due_date = coalesce($5::date, review_due_date), review_due_at = coalesce($6::timestamptz, review_due_at),
                  notice_due_date = $7::date, merged_into = $8::uuid
           WHERE appeal_id = $1`,
          [
            ids[i],
            v.status ?? null,
            v.regime ?? null,
            v.referralDueDate === null,
            v.reviewDueDate ?? null,
            v.reviewDueAt ?? null,
            v.noticeDueDate ?? null,
            v.mergedIntoFirst ? ids[0] : null,
          ],
        );
        if (v.anonymous) await c.query(`UPDATE appeals SET anonymous = true WHERE id = $1`, [ids[i]]);
      }
    });
    calendar = WorkingDayCalendar.build(await t.app.get(CalendarRepository).listYears());
  }, 120_000);

  afterAll(async () => {
    await withOwnerConnection((c) =>
      c.query(`UPDATE deadline_timer_settings SET warning_days = '{3,1}', escalation_working_days = 5, office_opens = '09:00'`),
    );
    await t.close();
  });

  type Row = { appealId: string; kind: TimerKind; daysBefore: number; fireAt: Date; dueAt: Date };
  const key = (r: Row) => `${r.appealId} ${r.kind} ${r.daysBefore} ${r.fireAt.toISOString()} ${r.dueAt.toISOString()}`;

  async function timers(c: Client): Promise<Row[]> {
    const { rows } = await c.query<Row>(
      `SELECT appeal_id::text AS "appealId", kind, days_before AS "daysBefore", fire_at AS "fireAt", due_at AS "dueAt"
       FROM deadline_timers WHERE appeal_id = ANY($1::uuid[])`,
      [ids],
    );
    return rows;
  }

  /** The TypeScript plan of every appeal, from the state the database holds. */
  async function tsPlan(c: Client, settings: TimerPlanSettings, planAt: Date, existing: Row[]): Promise<Row[]> {
    const { rows } = await c.query<TimerPlanState & { appealId: string }>(
      `SELECT appeal_id::text AS "appealId", status, regime, to_char(referral_due_date, 'YYYY-MM-DD') AS "referralDueDate",
              to_char(review_due_date, 'YYYY-MM-DD') AS "reviewDueDate", review_due_at AS "reviewDueAt",
              to_char(notice_due_date, 'YYYY-MM-DD') AS "noticeDueDate", merged_into::text AS "mergedInto", $2::timestamptz AS "planMoment"
       FROM appeal_state WHERE appeal_id = ANY($1::uuid[])`,
      [ids, planAt],
    );
    return rows.flatMap((state) =>
      planTimers(
        state,
        settings,
        calendar,
        existing.filter((e) => e.appealId === state.appealId),
      ).map((p) => ({
        appealId: state.appealId,
        ...p,
      })),
    );
  }

  it.each(SETTINGS.map((s) => [JSON.stringify(s), s] as const))('plans as SQL does with settings %s', async (_, settings) => {
    await withOwnerConnection(async (c) => {
      await c.query(`UPDATE deadline_timer_settings SET warning_days = $1::int[], escalation_working_days = $2, office_opens = $3::time`, [
        settings.warningDays,
        settings.escalationWorkingDays,
        settings.officeOpens,
      ]);
      const early = baku('2026-01-05', '00:00:00');
      const middle = baku('2026-03-27', '12:00:00');

      // From nothing, planned before every deadline: every stage of every appeal.
      await c.query(`DELETE FROM deadline_timers WHERE appeal_id = ANY($1::uuid[])`, [ids]);
      await c.query(`SELECT replan_deadline_timers($1::uuid[], $2::timestamptz)`, [ids, early]);
      const fromNothing = await timers(c);
      expect(fromNothing.map(key).sort()).toEqual((await tsPlan(c, settings, early, [])).map(key).sort());
      // The set is varied enough to mean something: every kind the open and closed cases can have.
      const kinds = new Set(fromNothing.map((r) => r.kind));
      expect([...kinds].sort()).toEqual(
        settings.warningDays.length > 0
          ? ['escalation', 'notice_due', 'overdue', 'referral_due', 'review_due', 'review_warning']
          : ['escalation', 'notice_due', 'overdue', 'referral_due', 'review_due'],
      );

      // Planned again later on top of those: stages already past are kept only as they were.
      await c.query(`SELECT replan_deadline_timers($1::uuid[], $2::timestamptz)`, [ids, middle]);
      const again = await timers(c);
      expect(again.map(key).sort()).toEqual((await tsPlan(c, settings, middle, fromNothing)).map(key).sort());

      // From nothing at that later moment: the past stages are not planned (overdue always is).
      await c.query(`DELETE FROM deadline_timers WHERE appeal_id = ANY($1::uuid[])`, [ids]);
      await c.query(`SELECT replan_deadline_timers($1::uuid[], $2::timestamptz)`, [ids, middle]);
      const late = await timers(c);
      expect(late.map(key).sort()).toEqual((await tsPlan(c, settings, middle, [])).map(key).sort());
      expect(late.length).toBeLessThan(fromNothing.length);
    });
  });
});
