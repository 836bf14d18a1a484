import { Client } from 'pg';

/**
 * What a migrated database's schema is, as comparable text: tables and columns, constraints,
 * indexes, functions with their bodies, triggers, views, sequences, storage options, extensions
 * and the application role's grants. Each part sorted, so two databases built by different paths
 * compare equal exactly when their schemas are the same.
 */
export async function schemaSnapshot(databaseUrl: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const list = async (sql: string): Promise<string[]> => (await client.query<{ item: string }>(sql)).rows.map((row) => row.item).sort();
  try {
    return {
      columns: await list(`
        SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
               || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attgenerated = 's' THEN ' GENERATED' ELSE '' END AS item
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')`),
      constraints: await list(`
        SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS item
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'`),
      indexes: await list(`SELECT indexdef AS item FROM pg_indexes WHERE schemaname = 'public'`),
      functions: await list(`
        SELECT pg_get_functiondef(p.oid) AS item
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
        WHERE p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`),
      triggers: await list(`SELECT pg_get_triggerdef(t.oid) AS item FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE NOT t.tgisinternal`),
      views: await list(`SELECT viewname || ' ' || definition AS item FROM pg_views WHERE schemaname = 'public'`),
      sequences: await list(`SELECT sequencename AS item FROM pg_sequences WHERE schemaname = 'public'`),
      storage: await list(`
        SELECT c.relname || ' ' || array_to_string(c.reloptions, ',') AS item
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.reloptions IS NOT NULL`),
      extensions: await list(`SELECT extname AS item FROM pg_extension`),
      grants: await list(`
        SELECT grantee || ' ' || table_name || ' ' || privilege_type AS item
        FROM information_schema.role_table_grants
        WHERE table_schema = 'public' AND grantee NOT IN ('postgres', 'PUBLIC') AND grantee <> current_user`),
    };
  } finally {
    await client.end();
  }
}
