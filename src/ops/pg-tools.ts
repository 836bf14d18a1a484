import { spawn } from 'node:child_process';

/**
 * Runs a PostgreSQL client tool (pg_dump, pg_restore) against a URL. The password goes in
 * PGPASSWORD, never on the command line (where `ps` would show it to every user of the machine).
 */
export function runPgTool(tool: string, databaseUrl: string, args: readonly string[]): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${url.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    child.on('error', (error) =>
      reject(new Error(`${tool} could not start (${error.message}); install the PostgreSQL client tools of the server's major version`)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** The URL's database name (the restore's target), checked like prepare-database does. */
export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error('database name must be [A-Za-z0-9_-]');
  return name;
}

/** A URL without its password, for messages. */
export function redacted(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
