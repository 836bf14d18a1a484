import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The committed current definitions of the database's functions and triggers (docs/where-things-go.md "SQL functions and triggers"). */
export const SQL_DIR = join(__dirname, '..', '..', 'db');

/**
 * Every function and trigger of a migrated database as the files that hold them: one
 * `functions/<name>.sql` per function (PostgreSQL's own rendering, so a file and the database compare
 * byte for byte) and one `triggers.sql` listing every trigger, sorted.
 */
export async function databaseDefinitions(databaseUrl: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const functions = await client.query<{ name: string; definition: string }>(`
      SELECT p.proname AS name, pg_get_functiondef(p.oid) AS definition
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
      WHERE p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`);
    const triggers = await client.query<{ definition: string }>(`
      SELECT pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE NOT t.tgisinternal ORDER BY c.relname, t.tgname`);
    const files = new Map<string, string>();
    for (const { name, definition } of functions.rows) {
      const file = `functions/${name}.sql`;
      // One file per name: an overload would need its own file name, and none exists yet.
      if (files.has(file)) throw new Error(`${name} is overloaded: give each overload its own file in ${SQL_DIR}`);
      files.set(file, `${definition.trimEnd()};\n`);
    }
    files.set('triggers.sql', triggers.rows.map((row) => `${row.definition};\n`).join(''));
    return files;
  } finally {
    await client.end();
  }
}

export function committedDefinitions(): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(SQL_DIR)) return files;
  for (const name of readdirSync(join(SQL_DIR, 'functions')).filter((n) => n.endsWith('.sql'))) {
    files.set(`functions/${name}`, readFileSync(join(SQL_DIR, 'functions', name), 'utf8'));
  }
  if (existsSync(join(SQL_DIR, 'triggers.sql'))) files.set('triggers.sql', readFileSync(join(SQL_DIR, 'triggers.sql'), 'utf8'));
  return files;
}

export function writeDefinitions(files: Map<string, string>): void {
  rmSync(join(SQL_DIR, 'functions'), { recursive: true, force: true });
  mkdirSync(join(SQL_DIR, 'functions'), { recursive: true });
  for (const [name, text] of files) writeFileSync(join(SQL_DIR, name), text);
}
