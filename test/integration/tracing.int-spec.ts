import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import { readTestEnv } from '../setup/test-env';
import { Actors } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { ADMIN, startTestApp } from '../support/test-app';
import { until } from '../support/timers';

const ROOT = join(__dirname, '..', '..');
const PERSONAL = 'rauf.hasanov@example.az';

interface OtlpSpan {
  name: string;
  traceId: string;
  kind: number;
  attributes?: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}

/** A tiny OTLP/HTTP receiver: keeps every JSON body posted to /v1/traces. */
class OtlpReceiver {
  readonly bodies: string[] = [];
  readonly paths = new Set<string>();
  private readonly server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.paths.add(`${request.method} ${request.url}`);
      if (request.method === 'POST' && request.url === '/v1/traces') this.bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  spans(): Array<OtlpSpan & { service: string }> {
    return this.bodies.flatMap((body) =>
      (
        JSON.parse(body) as {
          resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
        }
      ).resourceSpans.flatMap((rs) => {
        const service = rs.resource.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        return rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, service })));
      }),
    );
  }
}

/**
 * src/platform/tracing/tracing.ts in a plain Node process, as src/main.ts starts it (jest's module
 * registry bypasses the `require` hooks the instrumentations use): an HTTP request to a server of
 * its own, a PostgreSQL query and a Redis command, then the flush at shutdown.
 */
function runTracedProcess(endpoint: string): Promise<{ code: number | null; stderr: string }> {
  const dir = join(ROOT, 'test-output', 'tracing');
  mkdirSync(dir, { recursive: true });
  for (const name of ['tracing', 'tracing-shutdown']) {
    const compiled = transformFileSync(join(ROOT, 'src', 'platform', 'tracing', `${name}.ts`), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(dir, `${name}.js`), compiled.code);
  }
  const env = readTestEnv();
  writeFileSync(
    join(dir, 'driver.js'),
    `
    const { startTracing } = require('./tracing.js');
    const { stopTracing } = require('./tracing-shutdown.js');
    startTracing(process.argv[2], 'e-muraciet-test');
    const http = require('node:http');
    const { Client } = require('pg');
    const IORedis = require('ioredis').default;
    const get = (port, path) => new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
    (async () => {
      const client = new Client({ connectionString: ${JSON.stringify(env.databaseUrl)} });
      await client.connect();
      const redis = new IORedis(${JSON.stringify(env.redisUrl)});
      // As in the app, the queries run inside a request: its span is their parent.
      const server = http.createServer(async (req, res) => {
        if (req.url === '/api/v1/agencies') {
          await client.query('SELECT $1::text AS email', [${JSON.stringify(PERSONAL)}]);
          await redis.set(${JSON.stringify(`${env.queuePrefix}:tracing`)}, ${JSON.stringify(PERSONAL)}, 'EX', 60);
        }
        res.end('ok');
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = server.address().port;
      await get(port, '/api/v1/agencies');
      await get(port, '/health/ready');
      await client.end();
      redis.disconnect();
      server.close();
      await stopTracing();
      process.exit(0);
    })().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });`,
  );
  const child = spawn(process.execPath, [join(dir, 'driver.js'), endpoint], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

/**
 * The whole application (src/main.ts, role `all`) in a child process, its TypeScript compiled on
 * `require` by swc as jest does (decorator metadata included), with tracing on.
 */
function startTracedApp(endpoint: string, port: number) {
  const dir = join(ROOT, 'test-output', 'tracing');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'app-driver.js'),
    `
    const { transformSync } = require('@swc/core');
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require(${JSON.stringify(join(ROOT, 'src', 'main.ts'))});`,
  );
  const env = readTestEnv();
  const child = spawn(process.execPath, [join(dir, 'app-driver.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.queuePrefix,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: 'http://portal.test',
      AUTH_REQUIRE_EMAIL_VERIFICATION: 'false',
      APP_ROLE: 'all',
      SCHEDULER_ENABLED: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    stderr: () => stderr,
    /** SIGTERM: the launcher closes the app, then flushes the last spans. */
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('tracing over OTLP (integration)', () => {
  const receiver = new OtlpReceiver();
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await receiver.start();
  });

  afterAll(() => receiver.stop());

  it('exports HTTP, PostgreSQL and Redis spans to the OTLP endpoint, without parameters or probes', async () => {
    const { code, stderr } = await runTracedProcess(endpoint);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    // Traces only: metrics are scraped from /metrics, logs go to stdout.
    expect([...receiver.paths]).toEqual(['POST /v1/traces']);
    const spans = receiver.spans();
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['e-muraciet-test']));
    const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value;
    const path = (span: OtlpSpan) => String(attribute(span, 'url.path')?.stringValue ?? attribute(span, 'http.target')?.stringValue ?? '');

    // SpanKind: 1 server, 2 client, 3 producer... (OTLP's enum is the API's plus one).
    const SERVER = 2;
    const CLIENT = 3;
    const servers = spans.filter((s) => s.kind === SERVER && s.name.startsWith('GET'));
    expect(servers.map(path)).toEqual(['/api/v1/agencies']);
    expect(spans.filter((s) => s.kind === CLIENT && s.name.startsWith('GET')).length).toBeGreaterThanOrEqual(1);

    const pg = spans.filter(
      (s) => attribute(s, 'db.system')?.stringValue === 'postgresql' || attribute(s, 'db.system.name')?.stringValue === 'postgresql',
    );
    expect(pg.some((s) => JSON.stringify(s.attributes).includes('SELECT $1::text AS email'))).toBe(true);
    const redis = spans.filter(
      (s) => attribute(s, 'db.system')?.stringValue === 'redis' || attribute(s, 'db.system.name')?.stringValue === 'redis',
    );
    expect(redis.map((s) => s.name)).toContain('set');
    // One trace from the request through its queries.
    const [request] = servers;
    expect(pg.filter((s) => JSON.stringify(s.attributes).includes('AS email')).map((s) => s.traceId)).toEqual([request.traceId]);
    expect(redis.filter((s) => s.name === 'set').map((s) => s.traceId)).toEqual([request.traceId]);

    // Statement parameters and Redis arguments hold personal data: never exported.
    expect(receiver.bodies.join('\n')).not.toContain(PERSONAL);
  }, 60_000);

  it("continues the intake request's trace in the job that sends its confirmation mail", async () => {
    // Accounts and agencies through an untraced app of the same database (sessions live there).
    const helper = await startTestApp({ env: { APP_ROLE: 'api', SCHEDULER_ENABLED: 'false' } });
    let agencyId: string;
    let auth: { Authorization: string };
    let email: string;
    try {
      const actors = new Actors(helper);
      const citizen = await actors.citizen();
      agencyId = await actors.agencyId('MTAX');
      auth = citizen.auth;
      email = citizen.email;
    } finally {
      await helper.close();
    }
    receiver.bodies.length = 0;

    const port = await freePort();
    const app = startTracedApp(endpoint, port);
    let appealId: string;
    try {
      await until(
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status,
        (status) => status === 200,
        60_000,
      );
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/appeals`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'complaint',
          agencyId,
          subject: 'Sənəd verilmir',
          text: 'Üç həftədir arayış verilmir, müraciətimə cavab yoxdur.',
          applicant: { kind: 'natural', fullName: 'Həsənov Rauf Elçin oğlu', address: 'Bakı, Xətai r., 7', email },
        }),
      });
      expect(response.status).toBe(201);
      appealId = ((await response.json()) as { id: string }).id;
      // The worker role of the same process sends the confirmation.
      await until(
        async () =>
          (await withOwnerConnection((db) => db.query(`SELECT status FROM outbox WHERE payload->>'appealId' = $1`, [appealId]))).rows,
        (rows) => rows.length === 1 && rows[0].status === 'done',
        30_000,
      );
    } finally {
      const code = await app.stop();
      expect({ code, stderr: app.stderr() }).toEqual({ code: 0, stderr: '' });
    }

    const [row] = (
      await withOwnerConnection((db) =>
        db.query<{ traceparent: string }>(`SELECT traceparent FROM outbox WHERE payload->>'appealId' = $1`, [appealId]),
      )
    ).rows;
    const spans = receiver.spans();
    const SERVER = 2;
    const CONSUMER = 5;
    const intake = spans.filter((s) => s.kind === SERVER && s.name.startsWith('POST'));
    expect(intake).toHaveLength(1);
    // Other suites share the database: mail rows they left may be sent by this app too, each in a
    // trace of its own. The intake's mail is exactly one consumer span in the request's trace.
    const jobs = spans.filter((s) => s.name === 'outbox mail.send' && s.traceId === intake[0].traceId);
    expect(jobs.map((s) => s.kind)).toEqual([CONSUMER]);
    // The row holds the request's trace context, and nothing else.
    expect(row.traceparent).toMatch(new RegExp(`^00-${intake[0].traceId}-[0-9a-f]{16}-01$`));
    // The job's own queries (marking the row done) are inside its span, in the request's trace.
    expect(
      spans.filter((s) => s.traceId === intake[0].traceId && JSON.stringify(s.attributes).includes('UPDATE outbox')).length,
    ).toBeGreaterThanOrEqual(1);
    expect(receiver.bodies.join('\n')).not.toContain(email);
  }, 120_000);
});
