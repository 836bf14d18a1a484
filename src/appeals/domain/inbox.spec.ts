import { Actor } from '../../auth/actor';
import { mayTakeCase, takeActionFor, weekEnd } from './inbox';

describe('inbox rules', () => {
  it("ends the week on its Sunday (2 December 2026 is a Wednesday); a Sunday is its own week's end", () => {
    expect(weekEnd('2026-12-02')).toBe('2026-12-06');
    expect(weekEnd('2026-12-06')).toBe('2026-12-06');
    expect(weekEnd('2026-12-07')).toBe('2026-12-13');
    expect(weekEnd('2026-12-31')).toBe('2027-01-03');
  });

  const agencyId = 'a0000000-0000-4000-8000-000000000001';
  const open = {
    status: 'registered' as const,
    regime: 'standard' as const,
    reviewTermFrom: '2026-12-01',
    reviewTermWorkingDays: 15,
    extensionWorkingDays: 0,
    reviewDueAt: '2026-12-22T20:00:00.000Z',
    agencyId,
    executorId: null,
  };
  const now = new Date('2026-12-02T06:00:00Z');
  const who = (role: Actor['role'], agency = agencyId): Actor => ({ id: 'u0000000-0000-4000-8000-000000000001', role, agencyId: agency });

  it("lets a supervisor of the handling agency take an open case, even a colleague's (assign to self); not a registrar", () => {
    expect(mayTakeCase(who('supervisor'), open, now)).toBe(true);
    expect(mayTakeCase(who('supervisor'), { ...open, executorId: 'c0000000-0000-4000-8000-000000000003' }, now)).toBe(true);
    expect(mayTakeCase(who('registrar'), open, now)).toBe(false);
    expect(mayTakeCase(who('supervisor', 'b0000000-0000-4000-8000-000000000002'), open, now)).toBe(false);
    expect(mayTakeCase(who('supervisor'), { ...open, status: 'answered' }, now)).toBe(false);
    expect(mayTakeCase(who('supervisor'), { ...open, executorId: who('supervisor').id }, now)).toBe(false);
  });

  it("lets an official of the handling agency take an open case nobody handles; never a colleague's (issue 15)", () => {
    expect(mayTakeCase(who('official'), open, now)).toBe(true);
    expect(mayTakeCase(who('official'), { ...open, status: 'in_review' }, now)).toBe(true);
    expect(mayTakeCase(who('official'), { ...open, executorId: 'c0000000-0000-4000-8000-000000000003' }, now)).toBe(false);
    expect(mayTakeCase(who('official'), { ...open, executorId: who('official').id }, now)).toBe(false);
    expect(mayTakeCase(who('official', 'b0000000-0000-4000-8000-000000000002'), open, now)).toBe(false);
    expect(mayTakeCase(who('official'), { ...open, status: 'left_without_consideration' }, now)).toBe(false);
  });

  it('takes through `take` for an official and `assign` for the rest', () => {
    expect(takeActionFor('official')).toBe('take');
    expect(takeActionFor('supervisor')).toBe('assign');
  });
});
