/**
 * The cases benchmark's baseline (`npm run bench:cases` starts it as a child process): a bare Node
 * `http` server and a `pg` pool running the very SQL of the officials' list (appealListQuery and
 * searchAppeals, the functions AppealsRepository.list uses) and answering the rows as JSON. No
 * framework, no token, no access check, no DTO mapping: the floor of what the app can do for the
 * same query.
 *
 *   GET /list?agencyId=&status=   the agency's appeals in one status, nearest deadline first
 *   GET /search?agencyId=&q=      full-text search within the agency, nearest deadline first
 *
 * Env: DATABASE_URL, PORT, DB_POOL_SIZE (default 20, the app's default), PAGE (default 50).
 */
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { appealListQuery, ListFilter, searchAppeals } from '../src/appeals/appeals.repository';
import { AppealStatus } from '../src/appeals/domain/appeal-types';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 3101);
const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'cases-baseline' });
const page = Number(process.env.PAGE ?? 50);

/** The app's statements: one for a list; a search runs searchAppeals's in a transaction. */
async function run(filter: ListFilter, q: string | null): Promise<unknown[]> {
  if (!q) {
    const { sql, params } = appealListQuery(filter);
    return (await pool.query<Record<string, unknown>>(sql, params)).rows;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const rows = await searchAppeals<unknown>(
      { query: async <R>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as R[] },
      { ...filter, q },
    );
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://baseline');
  if (url.pathname === '/health') return send(response, 200, { status: 'ok' });
  const agencyId = url.searchParams.get('agencyId');
  if (request.method !== 'GET' || !agencyId || !['/list', '/search'].includes(url.pathname)) return send(response, 404, {});
  const filter = {
    agencyIds: [agencyId],
    status: (url.searchParams.get('status') as AppealStatus | null) ?? undefined,
    sort: 'deadline' as const,
    // One more than a page, as the app asks, to know whether there is a next page.
    limit: page + 1,
  };
  const q = url.searchParams.get('q');
  run(filter, q).then(
    (rows) => send(response, 200, { items: rows.slice(0, page) }),
    (error: Error) => {
      process.stderr.write(`cases-baseline: ${error.message}\n`);
      send(response, 500, {});
    },
  );
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`cases-baseline listening on ${port}\n`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
}
