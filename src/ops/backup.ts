import { mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../platform/config/app-config';
import { redacted, runPgTool } from './pg-tools';

/** Where `npm start` finds its database when DATABASE_URL is unset (src/launcher/infrastructure.ts). */
const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/emuraciet';

/**
 * `npm run backup [-- --file PATH]`: a consistent snapshot of the whole database (pg_dump's custom
 * format: compressed, restorable table by table, one snapshot so the audit chains and their
 * heads agree) written to PATH.partial and renamed when complete.
 */
export async function backup(options: { databaseUrl: string; file: string }): Promise<{ file: string; bytes: number }> {
  const file = resolve(options.file);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await runPgTool('pg_dump', options.databaseUrl, ['--format=custom', `--file=${partial}`]);
  renameSync(partial, file);
  return { file, bytes: statSync(file).size };
}

export function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.databaseUrl ?? LOCAL_DATABASE_URL;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = argument(process.argv.slice(2), 'file') ?? `backups/emuraciet-${stamp}.dump`;
  const result = await backup({ databaseUrl, file });
  process.stdout.write(`Backed up ${redacted(databaseUrl)} to ${result.file} (${result.bytes} bytes)\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Backup failed: ${error.message}\n`);
    process.exit(1);
  });
}
