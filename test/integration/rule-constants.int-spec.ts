import { randomUUID } from 'node:crypto';
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
        const { rows } = await c.query<{ key: string }>(`SELECT appeal_mail_dedupe_key($1, $2::uuid, $3::int, $4) AS key`, [template, appealId, seq, suffix]);
        out.push(rows[0].key);
      }
      // The default suffix is the first recipient's (none), as in TypeScript.
      const { rows } = await c.query<{ key: string }>(`SELECT appeal_mail_dedupe_key('appeal-notice', $1::uuid, 3) AS key`, [id]);
      out.push(rows[0].key);
      return out;
    });
    expect(keys).toEqual([...cases.map(([template, appealId, seq, suffix]) => appealMailDedupeKey(template, appealId, seq, suffix)), appealMailDedupeKey('appeal-notice', id, 3)]);
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
});
