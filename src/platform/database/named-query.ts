/**
 * Statements with named parameters (STYLE.md "Persistence": raw SQL kept reviewable). A query
 * module writes `:receivedOn` where PostgreSQL wants `$12`; `namedQuery` turns the names into
 * positions once, at module load, so a call costs one array built in the statement's order. The
 * text PostgreSQL receives is what `queries/<repository>.sql` beside each module shows (generated,
 * committed, held current by src/platform/database/query-files.spec.ts), so a SQL change is a diff.
 *
 * `::type` casts, string literals, quoted identifiers, dollar-quoted bodies and comments are left
 * alone: only `:name` outside them is a parameter.
 */
export interface NamedQuery<P extends object = Record<string, unknown>> {
  /** The prepared statement's name (PostgreSQL plans it once per connection), or the label of the query. */
  readonly name: string;
  /** Where it is used, for the generated file (e.g. `AppealsRepository.insert`). */
  readonly usedBy: string;
  /** The SQL with `$1`, `$2`, ... */
  readonly text: string;
  /** Parameter names by position: `parameters[0]` is `$1`. */
  readonly parameters: ReadonlyArray<keyof P & string>;
  /** The values in positional order; every parameter must be given (null, not undefined, for none). */
  values(params: P): unknown[];
}

export function namedQuery<P extends object>(usedBy: string, name: string, sql: string): NamedQuery<P> {
  const { text, parameters } = toPositional(sql);
  const names = parameters as unknown as ReadonlyArray<keyof P & string>;
  return {
    name,
    usedBy,
    text,
    parameters: names,
    values(params: P): unknown[] {
      const values = new Array<unknown>(names.length);
      for (let i = 0; i < names.length; i++) {
        const value = params[names[i]];
        // A misspelt or forgotten key would otherwise be sent as NULL and store a silent hole.
        if (value === undefined) throw new Error(`${name}: parameter :${names[i]} is missing`);
        values[i] = value;
      }
      return values;
    },
  };
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** `:name` -> `$n` (the same name keeps its number), skipping casts, literals and comments. */
export function toPositional(sql: string): { text: string; parameters: string[] } {
  const parameters: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '')) {
      // A dollar-quoted body ($$ ... $$ or $tag$ ... $tag$) is copied as it is.
      const tagEnd = sql.indexOf('$', i + 1);
      const tag = sql.slice(i, tagEnd + 1);
      if (/^\$[A-Za-z_]*\$$/.test(tag)) {
        const end = sql.indexOf(tag, tagEnd + 1);
        const stop = end < 0 ? sql.length : end + tag.length;
        out += sql.slice(i, stop);
        i = stop;
      } else {
        out += c;
        i += 1;
      }
    } else if (c === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (c === ':' && NAME_START.test(next ?? '')) {
      let j = i + 1;
      while (j < sql.length && NAME_PART.test(sql[j])) j += 1;
      const name = sql.slice(i + 1, j);
      let position = parameters.indexOf(name);
      if (position < 0) position = parameters.push(name) - 1;
      out += `$${position + 1}`;
      i = j;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, parameters };
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      // A doubled quote is an escaped one inside the literal.
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/**
 * The committed file of a repository's statements (immich's `queries/*.repository.sql`): each
 * statement as PostgreSQL receives it, with what each `$n` is.
 */
export function renderQueryFile(queries: readonly NamedQuery<object>[]): string {
  const blocks = queries.map((q) => {
    const params = q.parameters.map((p: string, i) => `--   $${i + 1} = :${p}`).join('\n');
    return `-- ${q.usedBy} (${q.name})\n${params ? `${params}\n` : ''}${dedent(q.text).trim()};\n`;
  });
  return `-- NOTE: generated from the query module beside this file; do not edit.\n-- Regenerate: npm run db:queries\n\n${blocks.join('\n')}`;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return [lines[0].trim(), ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^ */.exec(l)?.[0].length ?? 0)).trimEnd())].join('\n');
}
