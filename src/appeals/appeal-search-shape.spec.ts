import { appealListQuery, searchMatchesFirst } from './appeals.repository';

describe('the shape of an agency search', () => {
  it('takes the matches first when walking the deadlines would pass over more cases than there are matches to fetch', () => {
    // 186k cases at the agency (bench:cases): 2,900 matches first, 12,800 by walking.
    expect(searchMatchesFirst({ agencyCases: 186_000, matches: 2_900 }, 51)).toBe(true);
    expect(searchMatchesFirst({ agencyCases: 186_000, matches: 12_800 }, 51)).toBe(false);
    // The same 4,000 matches: first at a large agency, walked at a small one where they are 7 %.
    expect(searchMatchesFirst({ agencyCases: 186_000, matches: 4_000 }, 51)).toBe(true);
    expect(searchMatchesFirst({ agencyCases: 60_000, matches: 4_000 }, 51)).toBe(false);
    expect(searchMatchesFirst({ agencyCases: 0, matches: 0 }, 51)).toBe(true);
  });

  it('writes the matches as a hashed set for the walk, or the words as a check on each case', () => {
    const filter = { agencyIds: ['a'], q: 'vergi', sort: 'deadline' as const, limit: 51 };
    const first = appealListQuery(filter, { matchesFirst: true });
    expect(first.sql).toContain('s.appeal_id IN (SELECT w.id FROM appeals w');
    expect(first.params).toContain(false);
    const walk = appealListQuery(filter, { matchesFirst: false });
    expect(walk.sql).not.toContain('SELECT w.id');
    // The agency is named on appeal_state only, so the planner counts its selectivity once.
    expect(walk.sql).not.toContain('a.agency_id');
    // The page's ids come from a query that reads only appeal_state for the walk, then its columns.
    expect(walk.sql).toMatch(/FROM \(SELECT s\.appeal_id AS id, s\.review_due_at AS sort FROM appeals a JOIN appeal_state s/);
    const list = appealListQuery({ agencyIds: ['a'], status: 'in_review', sort: 'deadline', limit: 51 });
    expect(list.sql).not.toContain('page');
  });
});
