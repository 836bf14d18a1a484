import { readTestEnv } from '../setup/test-env';
import { committedDefinitions, databaseDefinitions, writeDefinitions } from '../support/sql-definitions';

/**
 * db/ holds the current body of every function and trigger the migrations leave behind, so a
 * reviewer reads a rule's SQL in one file and sees every change to it as a diff (issue 14). The
 * migrations stay the history; this test holds the two equal. `npm run db:definitions` rewrites the
 * files from a freshly migrated database.
 */
describe('SQL definitions in db/ (issue 14)', () => {
  it('equal the functions and triggers of a migrated database', async () => {
    const actual = await databaseDefinitions(readTestEnv().databaseUrl);
    if (process.env.SQL_DEFINITIONS === 'write') writeDefinitions(actual);
    const committed = committedDefinitions();

    const stale = [...actual.keys()].filter((name) => committed.get(name) !== actual.get(name));
    const orphaned = [...committed.keys()].filter((name) => !actual.has(name));
    if (stale.length + orphaned.length > 0) {
      throw new Error(
        `db/ and the migrated database disagree (stale: ${stale.join(', ') || '-'}; orphaned: ${orphaned.join(', ') || '-'}). ` +
          'Change SQL by a new migration that creates or replaces it, then run `npm run db:definitions` and commit both.',
      );
    }
    expect(actual.size).toBeGreaterThan(10);
    expect(committed.get('functions/replan_deadline_timers.sql')).toContain('CREATE OR REPLACE FUNCTION public.replan_deadline_timers');
  });
});
