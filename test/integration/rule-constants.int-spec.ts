import { randomUUID } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { RuleConstants1764900000000 } from '../../migrations/1764900000000-rule-constants';
import { MIGRATIONS } from '../../migrations/index';
import { appealMailDedupeKey, SQL_RULE_CONSTANTS } from '../../src/appeals/domain/case-rules';
import { withOwnerConnection } from '../support/owner-db';

/**
 * Issue 14: each rule constant SQL uses is defined once in src/appeals/domain/case-rules.ts, and
 * SQL reads it from a function (migrations/1764900000000-rule-constants.ts). A migration cannot
 * import the TypeScript (it must stay what it was when it landed), so this test holds the two equal:
 * a changed constant fails here until a new migration replaces the function.
 */
describe('rule constants shared by TypeScript and SQL (issue 14)', () => {
  it.each(Object.entries(SQL_RULE_CONSTANTS))('%s() returns exactly the TypeScript constant', async (name, expected) => {
    const [row] = await withOwnerConnection(async (c) => (await c.query<{ value: unknown }>(`SELECT ${name}() AS value`)).rows);
    expect(row.value).toEqual(expected);
  });

  it('appeal_mail_dedupe_key() builds the same outbox key as appealMailDedupeKey()', async () => {
    const id = randomUUID();
    const cases: Array<[string, string, number | null, string]> = [
      ['appeal-notice', id, 7, ''],
      ['appeal-notice', id, 1, ':representative'],
      ['appeal-confirmation', id, null, ''],
      ['appeal-confirmation', id, null, ':representative'],
    ];
    const keys = await withOwnerConnection(async (c) => {
      const out: string[] = [];
      for (const [template, appealId, seq, suffix] of cases) {
        const { rows } = await c.query<{ key: string }>(`SELECT appeal_mail_dedupe_key($1, $2::uuid, $3::int, $4) AS key`, [
          template,
          appealId,
          seq,
          suffix,
        ]);
        out.push(rows[0].key);
      }
      // The default suffix is the first recipient's (none), as in TypeScript.
      const { rows } = await c.query<{ key: string }>(`SELECT appeal_mail_dedupe_key('appeal-notice', $1::uuid, 3) AS key`, [id]);
      out.push(rows[0].key);
      return out;
    });
    expect(keys).toEqual([
      ...cases.map(([template, appealId, seq, suffix]) => appealMailDedupeKey(template, appealId, seq, suffix)),
      appealMailDedupeKey('appeal-notice', id, 3),
    ]);
    expect(keys[0]).toBe(`mail:appeal-notice:${id}:7`);
    expect(keys[2]).toBe(`mail:appeal-confirmation:${id}`);
  });

  it('the functions fold to constants when planned: the open-cases partial index still serves them', async () => {
    const plan = await withOwnerConnection(async (c) => {
      await c.query('BEGIN');
      try {
        // Without this the planner may prefer a scan of the (near-empty) table; the question is only
        // whether the index's predicate `status IN ('registered', 'in_review')` is proven implied.
        await c.query('SET LOCAL enable_seqscan = off');
        // The inbox's indexes (whose predicate calls the function itself) are set aside, so the
        // question stays whether the literal predicate is proven (rolled back below).
        await c.query('DROP INDEX appeal_state_inbox_open_idx, appeal_state_inbox_unassigned_idx');
        const { rows } = await c.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT agency_id FROM appeal_state WHERE status = ANY (appeal_working_statuses()) AND review_due_at < now()`,
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await c.query('ROLLBACK');
      }
    });
    expect(plan).toContain('appeal_state_open_due_idx');
    expect(plan).not.toContain('appeal_working_statuses');
  });

  it('the migration goes down to the literal definitions and up again (in a transaction rolled back)', async () => {
    const seen = await withOwnerConnection(async (c) => {
      const runner = { query: (sql: string) => c.query(sql).then((r) => r.rows) } as unknown as QueryRunner;
      const definitions = async () =>
        (
          await c.query<{ name: string; def: string }>(
            `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
             WHERE p.proname IN ('replan_deadline_timers', 'evaluation_case_fact', 'evaluation_rebuild_summary', 'evaluation_apply_counts')
             UNION ALL
             SELECT 'trigger', pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgname = 'evaluation_case_closed_at_intake'
             UNION ALL
             SELECT 'constants', count(*)::text FROM pg_proc WHERE proname IN (${Object.keys(SQL_RULE_CONSTANTS)
               .map((n) => `'${n}'`)
               .join(', ')}, 'appeal_mail_dedupe_key')`,
          )
        ).rows;
      await c.query('BEGIN');
      try {
        // As a real rollback would: the later migrations first (an index may use the constants).
        const later = MIGRATIONS.slice(MIGRATIONS.indexOf(RuleConstants1764900000000) + 1).map((M) => new M());
        for (const m of [...later].reverse()) await m.down(runner);
        const migration = new RuleConstants1764900000000();
        await migration.down(runner);
        const down = await definitions();
        await migration.up(runner);
        for (const m of later) await m.up(runner);
        const up = await definitions();
        return { down, up };
      } finally {
        await c.query('ROLLBACK');
      }
    });
    const text = (rows: Array<{ name: string; def: string }>) => rows.map((r) => r.def).join('\n');
    expect(text(seen.down)).not.toMatch(/appeal_(working|closed|finished)_statuses/);
    expect(text(seen.down)).toContain(`IN ('registered', 'in_review')`);
    expect(seen.down.find((r) => r.name === 'constants')?.def).toBe('0');
    expect(text(seen.up).match(/appeal_(working|closed|finished)_statuses\(\)/g)?.length).toBeGreaterThanOrEqual(6);
    expect(text(seen.up)).not.toMatch(/'registered'::text, 'in_review'|\('registered', 'in_review'\)/);
    expect(seen.up.find((r) => r.name === 'constants')?.def).toBe('6');
  });
});
