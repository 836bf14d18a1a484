import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NamedQuery, namedQuery, renderQueryFile, toPositional } from './named-query';

const SRC = join(__dirname, '..', '..');

/** Every `src/<module>/queries/<x>.queries.ts`, with the committed `<x>.repository.sql` beside it. */
function queryModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return queryModules(path);
    return name.endsWith('.queries.ts') ? [path] : [];
  });
}

describe('named queries', () => {
  it('turns :name into $n once per name, leaving casts, literals, quoted names and comments alone', () => {
    const { text, parameters } = toPositional(
      `SELECT :id::uuid, 'a :literal', "odd :name", $$ :body $$, x::text -- a :comment\n` +
        `/* :block */ FROM t WHERE t.id = :id AND t.at < :at::timestamptz AND t.s = 'it''s :not'`,
    );
    expect(parameters).toEqual(['id', 'at']);
    expect(text).toBe(
      `SELECT $1::uuid, 'a :literal', "odd :name", $$ :body $$, x::text -- a :comment\n` +
        `/* :block */ FROM t WHERE t.id = $1 AND t.at < $2::timestamptz AND t.s = 'it''s :not'`,
    );
  });

  it('gives the values in positional order and refuses a missing one rather than send NULL', () => {
    const q = namedQuery<{ a: number; b: string | null }>('T.m', 'test', 'SELECT :b, :a, :b');
    expect(q.values({ a: 1, b: null })).toEqual([null, 1]);
    expect(() => q.values({ a: 1 } as { a: number; b: string | null })).toThrow(':b is missing');
  });
});

describe('generated queries/*.repository.sql (issue 14)', () => {
  const modules = queryModules(SRC);

  it('finds the query modules', () => {
    expect(modules.map((m) => relative(SRC, m))).toContain(join('appeals', 'queries', 'appeals.queries.ts'));
  });

  it.each(modules.map((m) => [relative(SRC, m), m]))('%s: the committed SQL file is current', (_, path) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const queries = (require(path) as { QUERIES: NamedQuery<object>[] }).QUERIES;
    const file = path.replace(/\.queries\.ts$/, '.repository.sql');
    const rendered = renderQueryFile(queries);
    if (process.env.SQL_QUERIES === 'write') writeFileSync(file, rendered);
    expect(queries.length).toBeGreaterThan(0);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== rendered) {
      throw new Error(`${relative(SRC, file)} is stale: run \`npm run db:queries\` and commit it with the query change.`);
    }
  });
});
