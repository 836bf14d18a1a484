import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppealEventsRepository } from '../appeals/appeal-events.repository';
import { loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/data-source';
import { Db } from '../platform/database/db';
import { createDatabaseIfMissing } from '../platform/database/prepare-database';
import { argument } from './backup';
import { databaseName, redacted, runPgTool } from './pg-tools';

const MAX_REPORTED = 1_000;

export interface RestoreReport {
  readonly appeals: number;
  readonly checkedEvents: number;
  readonly broken: ReadonlyArray<{ appealId: string; seq: number; problem: string }>;
}

/**
 * `npm run restore -- --file PATH --to URL`: restores a backup into a new (or empty) database,
 * in one transaction, then verifies every appeal's audit hash chain there with the app's own
 * check (AppealEventsRepository.verifyChains, as GET /api/v1/admin/audit/chains does). It never
 * writes over a database that has tables.
 */
export async function restore(options: { file: string; to: string; appRole: string | null }): Promise<RestoreReport> {
  await createDatabaseIfMissing(options.to);
  await assertEmpty(options.to);
  if (options.appRole) await ensureRole(options.to, options.appRole);
  await runPgTool('pg_restore', options.to, ['--no-owner', '--exit-on-error', '--single-transaction', options.file]);
  return verify(options.to);
}

/** The restored database's chains, verified by the application's code. */
export async function verify(databaseUrl: string): Promise<RestoreReport> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 1));
  await dataSource.initialize();
  try {
    const db = new Db(dataSource);
    const chains = await new AppealEventsRepository(db).verifyChains(MAX_REPORTED);
    const [counted] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appeals`);
    return { appeals: counted.n, ...chains };
  } finally {
    await dataSource.destroy();
  }
}

async function assertEmpty(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    if (rows[0].n > 0) throw new Error(`database ${databaseName(databaseUrl)} is not empty; restore into a new database`);
  } finally {
    await client.end();
  }
}

/**
 * The dump grants the application role its rights (no UPDATE or DELETE on the audit trail);
 * roles are cluster-wide, so on a new server it is created first, as the migrations do.
 */
async function ensureRole(databaseUrl: string, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error('DATABASE_APP_ROLE: expected a role name');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    if (!rowCount) await client.query(`CREATE ROLE ${role} NOLOGIN`);
    await client.query(
      `DO $$ BEGIN IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN EXECUTE format('GRANT ${role} TO %I', current_user); END IF; END $$`,
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = argument(args, 'file');
  const to = argument(args, 'to');
  if (!file || !to) throw new Error('usage: npm run restore -- --file PATH --to postgres://user@host:5432/new_database');
  const report = await restore({ file, to, appRole: loadConfig().dbAppRole });
  const intact = report.broken.length === 0;
  process.stdout.write(
    `Restored ${file} into ${redacted(to)}: ${report.appeals} appeals, ${report.checkedEvents} audit events, ` +
      `${intact ? 'every chain intact' : `${report.broken.length} broken chain links (first: ${JSON.stringify(report.broken[0])})`}\n`,
  );
  if (!intact) process.exit(2);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Restore failed: ${error.message}\n`);
    process.exit(1);
  });
}
