/**
 * The intake benchmark's baseline (`npm run bench:intake` starts it as a child process): a minimal
 * Node `http` server, no framework, that does the same writes as POST /api/v1/appeals with raw `pg`:
 * in ONE transaction the appeal (its `appeals` and `appeal_state` rows, the columns
 * AppealsRepository.insert writes, with a registration number from the same per-year sequence), its
 * first audit event (seq 1, SHA-256 hash computed here) and the confirmation mail's outbox row, as
 * plain INSERTs one after the other. It answers 201 with a small JSON.
 *
 * Deliberately left out, as a lower bound of the app's cost: token verification (the user id is
 * read from the token's payload unverified), validation, deadline computation on the working-day
 * calendar, the appeal_parties row, and the after-commit hand-off of the outbox row to BullMQ.
 * BASELINE_PARTIES=true adds the appeal_parties row, for a like-for-like set of rows.
 *
 * Env: DATABASE_URL, PORT, DB_POOL_SIZE (default 20, the app's default), BASELINE_PARTIES.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 3100);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 20);
const withParties = ['1', 'true', 'yes'].includes((process.env.BASELINE_PARTIES ?? '').toLowerCase());
const BODY_LIMIT = 256 * 1024;
const DAY_MS = 86_400_000;
const BAKU_OFFSET_MS = 4 * 3_600_000;

const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'intake-baseline' });
const sequences = new Map<number, string>();
let errorsLogged = 0;

interface AppealBody {
  type: string;
  agencyId: string;
  subject: string;
  text: string;
  applicant: { kind?: string; fullName?: string; organisationName?: string; address?: string; email?: string; phone?: string };
}

async function sequenceFor(year: number): Promise<string> {
  let name = sequences.get(year);
  if (!name) {
    name = `appeal_registration_seq_${year}`;
    await pool.query(`CREATE SEQUENCE IF NOT EXISTS ${name}`);
    sequences.set(year, name);
  }
  return name;
}

function bakuDate(ms: number): string {
  return new Date(ms + BAKU_OFFSET_MS).toISOString().slice(0, 10);
}

/** The token's `sub` and `role`, read without checking the signature (see the header comment). */
function actorOf(request: IncomingMessage): { id: string; role: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(header.slice(7).split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub?: string;
      role?: string;
    };
    return typeof claims.sub === 'string' ? { id: claims.sub, role: claims.role ?? 'citizen' } : undefined;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function intake(actor: { id: string; role: string }, input: AppealBody): Promise<object> {
  const nowMs = Date.now();
  const now = new Date(nowMs);
  const receivedOn = bakuDate(nowMs);
  const year = Number(receivedOn.slice(0, 4));
  // Calendar days stand in for the app's working-day calendar: the values only need to be plausible.
  const referralDueDate = bakuDate(nowMs + 3 * DAY_MS);
  const reviewDueDate = bakuDate(nowMs + 21 * DAY_MS);
  const reviewDueAt = `${reviewDueDate}T23:59:59+04:00`;
  const sequence = await sequenceFor(year);
  const id = randomUUID();

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ registration_number: string }>(
      `INSERT INTO appeals (id, registration_number, type, subject, body, channel, regime, confidential, anonymous,
         collective, received_on, registered_at, owner_user_id, registered_by, respondent_agency_id, respondent_official, agency_id)
       VALUES ($1, format('M-%s-%s', $15::int, lpad(nextval($16::regclass)::text, 7, '0')), $2, $3, $4, $5, $6, $7, $8,
         $9, $10, $11, $12, $13, $14, NULL, $17)
       RETURNING registration_number`,
      [
        id,
        input.type,
        input.subject,
        input.text,
        'portal',
        'standard',
        false,
        false,
        false,
        receivedOn,
        now,
        actor.role === 'citizen' ? actor.id : null,
        actor.id,
        null,
        year,
        sequence,
        input.agencyId,
      ],
    );
    const registrationNumber = rows[0].registration_number;
    if (withParties) {
      const a = input.applicant;
      await client.query(
        `INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone)
         VALUES ($1, 'applicant', 0, $2, $3, $4, $5, $6, $7)`,
        [id, a.kind ?? 'natural', a.fullName ?? null, a.organisationName ?? null, a.address ?? null, a.email ?? null, a.phone ?? null],
      );
    }
    // Keys in sorted order: the JSON text is canonical without a generic canonicaliser.
    const data = {
      agencyId: input.agencyId,
      calendarVersion: 1,
      channel: 'portal',
      receivedOn,
      referralDueDate,
      registrationNumber,
      reviewDueDate,
      status: 'registered',
    };
    const event = {
      actorId: actor.id,
      actorRole: actor.role,
      appealId: id,
      data,
      occurredAt: now.toISOString(),
      seq: 1,
      type: 'registered',
    };
    const hash = createHash('sha256').update('\n').update(JSON.stringify(event)).digest('hex');
    await client.query(
      `INSERT INTO appeal_events (appeal_id, seq, type, actor_id, actor_role, occurred_at, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, 1, 'registered', actor.id, actor.role, event.occurredAt, JSON.stringify(data), null, hash],
    );
    // The mutable part of the appeal (status, deadlines, head of the audit chain).
    await client.query(
      `INSERT INTO appeal_state (appeal_id, agency_id, status, closure_ground, review_term_from, review_term_working_days,
         referral_due_date, review_due_date, review_due_at, deadlines_provisional, calendar_version, last_event_seq, last_event_hash)
       VALUES ($1, $2, 'registered', NULL, $3, 15, $4, $5, $6, false, 1, 1, $7)`,
      [id, input.agencyId, receivedOn, referralDueDate, reviewDueDate, reviewDueAt, hash],
    );
    if (input.applicant.email) {
      // As the app stores it: the mail is rendered at send time from the stored case.
      const payload = { template: 'appeal-registered', to: input.applicant.email, appealId: id };
      await client.query(`INSERT INTO outbox (topic, dedupe_key, payload) VALUES ($1, $2, $3) ON CONFLICT (dedupe_key) DO NOTHING`, [
        'mail.send',
        `mail:appeal-registered:${id}`,
        JSON.stringify(payload),
      ]);
    }
    await client.query('COMMIT');
    return {
      id,
      registrationNumber,
      type: input.type,
      status: 'registered',
      agencyId: input.agencyId,
      receivedOn,
      referralDueDate,
      reviewDueDate,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') {
    await pool.query('SELECT 1');
    return send(response, 200, { status: 'ok' });
  }
  if (request.method !== 'POST' || request.url !== '/api/v1/appeals') return send(response, 404, { code: 'NOT_FOUND' });
  const actor = actorOf(request);
  if (!actor) return send(response, 401, { code: 'UNAUTHENTICATED' });
  let input: AppealBody;
  try {
    input = JSON.parse(await readBody(request)) as AppealBody;
  } catch {
    return send(response, 400, { code: 'MALFORMED_REQUEST' });
  }
  if (
    typeof input?.agencyId !== 'string' ||
    typeof input.subject !== 'string' ||
    typeof input.text !== 'string' ||
    typeof input.applicant !== 'object'
  ) {
    return send(response, 422, { code: 'VALIDATION_FAILED' });
  }
  send(response, 201, await intake(actor, input));
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: Error) => {
    if (errorsLogged++ < 10) process.stderr.write(`intake-baseline: ${error.stack ?? error.message}\n`);
    if (!response.headersSent) send(response, 500, { code: 'INTERNAL' });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () =>
  process.stdout.write(`intake-baseline listening on ${port} (pool ${poolSize}, parties ${withParties})\n`),
);

const shutdown = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
