import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { readTestEnv } from '../setup/test-env';
import { Actors } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, TestApp } from '../support/test-app';
import { caseStaff, recordPaperAppeal } from '../support/timers';

const ROOT = join(__dirname, '..', '..');
const BURST = 30;
const CITIZENS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A calendar date `days` before today in Baku, YYYY-MM-DD. */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku' }).format(new Date(Date.now() - days * 86_400_000));
}

interface Replica {
  readonly role: 'api' | 'worker';
  readonly port: number;
  readonly child: ChildProcess;
  output: string;
}

/**
 * Scale-out proof (issue 16): 2 API and 2 worker processes of the built app (`node dist/src/main.js`,
 * as the image runs it) on one PostgreSQL and one Redis. Intake and a burst of timers due at once
 * are driven through both APIs while one worker is killed (SIGKILL) half-way: every request is
 * served, every alert is made once and mailed once, every confirmation is mailed once.
 */
describe('scale-out: 2 API + 2 worker processes (integration)', () => {
  const smtp = new SmtpSink();
  const replicas: Replica[] = [];
  const env = readTestEnv();

  const spawnReplica = async (role: 'api' | 'worker', jwtSecret: string): Promise<Replica> => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        APP_ROLE: role,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        QUEUE_PREFIX: `${env.queuePrefix}_scale`,
        SMTP_URL: smtp.url,
        JWT_SECRET: jwtSecret,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        PUBLIC_URL: 'http://portal.test',
        AUTH_REQUIRE_EMAIL_VERIFICATION: 'false',
        LOGIN_RATE_LIMIT_MAX: '1000',
        REGISTER_RATE_LIMIT_MAX: '100000',
        TIMER_TICK_MS: '200',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const replica: Replica = { role, port, child, output: '' };
    const keep = (chunk: Buffer) => (replica.output = (replica.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    replicas.push(replica);
    return replica;
  };

  const waitReady = async (replica: Replica): Promise<void> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (replica.child.exitCode !== null) throw new Error(`${replica.role} exited ${replica.child.exitCode}: ${replica.output}`);
      const status = await fetch(`http://127.0.0.1:${replica.port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${replica.role} not ready: ${replica.output}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  /** Actors and the support helpers drive a replica through supertest as they drive a test app. */
  const client = (replica: Replica): TestApp => ({ http: request(`http://127.0.0.1:${replica.port}`) }) as unknown as TestApp;

  beforeAll(async () => {
    await smtp.start();
    // The image's build step: the replicas run the compiled app, as in production.
    const build = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`nest build failed: ${build.stdout}${build.stderr}`);
    const jwtSecret = randomBytes(48).toString('base64');
    const started = [
      await spawnReplica('api', jwtSecret),
      await spawnReplica('api', jwtSecret),
      await spawnReplica('worker', jwtSecret),
      await spawnReplica('worker', jwtSecret),
    ];
    await Promise.all(started.map(waitReady));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      replicas.map(
        (replica) =>
          new Promise<void>((resolve) => {
            if (replica.child.exitCode !== null || replica.child.signalCode !== null) return resolve();
            replica.child.once('exit', () => resolve());
            replica.child.kill('SIGTERM');
          }),
      ),
    );
    await smtp.stop();
  });

  it('serves every request and mails every alert and confirmation exactly once while a worker is killed', async () => {
    const [api1, api2, worker1] = replicas;
    const apis = [client(api1), client(api2)];
    const { agency, registrar, supervisor } = await caseStaff(apis[0], new Actors(apis[0]), 'MTAX');
    // Received two months ago: overdue the moment it is registered, so every timer of the burst is due at once.
    const receivedOn = daysAgo(60);

    const appeals: Array<{ id: string; registrationNumber: string }> = [];
    for (let i = 0; i < BURST; i++) {
      if (i === BURST / 2) worker1.child.kill('SIGKILL'); // mid-way, with jobs in flight
      appeals.push(await recordPaperAppeal(apis[i % 2], registrar, agency, receivedOn));
    }
    // Portal appeals through both APIs: a confirmation each.
    const confirmations: string[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      const api = apis[i % 2];
      const citizen = await new Actors(api).citizen();
      const response = await api.http
        .post('/api/v1/appeals')
        .set(citizen.auth)
        .send({
          type: 'application',
          agencyId: agency,
          subject: 'Arayış',
          text: 'Yaşayış yeri üzrə arayış verilməsini xahiş edirəm.',
          applicant: { kind: 'natural', fullName: 'Quliyev Orxan Natiq oğlu', address: 'Sumqayıt, 3-cü mkr.', email: citizen.email },
        })
        .expect(201);
      confirmations.push(response.body.registrationNumber as string);
    }
    expect(worker1.child.signalCode ?? worker1.child.exitCode).toBe('SIGKILL');

    // One overdue alert per appeal in PostgreSQL.
    const ids = appeals.map((a) => a.id);
    const alertCounts = async () =>
      withOwnerConnection(
        async (db) =>
          (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts WHERE appeal_id = ANY($1::uuid[])`, [ids])).rows[0].n,
      );
    const deadline = Date.now() + 90_000;
    while ((await alertCounts()) < BURST && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const perAppeal = await withOwnerConnection(
      async (db) =>
        (
          await db.query<{ appeal_id: string; kind: string; n: number }>(
            `SELECT appeal_id, kind, count(*)::int AS n FROM alerts WHERE appeal_id = ANY($1::uuid[]) GROUP BY 1, 2`,
            [ids],
          )
        ).rows,
    );
    expect(perAppeal).toHaveLength(BURST);
    expect(perAppeal.every((row) => row.kind === 'overdue' && row.n === 1)).toBe(true);

    // The supervisor's mails list every appeal once (a mail lists the alerts that fired together).
    const numbers = appeals.map((a) => a.registrationNumber);
    const listed = () =>
      smtp.to(supervisor.email).flatMap((m) => numbers.filter((n) => m.text.includes(`${n} (`) || m.subject.includes(n)));
    await smtp.waitFor(() => new Set(listed()).size === BURST, 90_000);
    await smtp.waitFor(() => confirmations.every((n) => smtp.messages.some((m) => m.subject.includes(n))), 60_000);
    // Settle: a duplicate would arrive now if one were coming (stalled jobs are re-run after 30 s at most).
    await new Promise((r) => setTimeout(r, 2_000));
    expect(listed().sort()).toEqual([...numbers].sort());
    const supervisorMails = smtp.to(supervisor.email);
    expect(new Set(supervisorMails.map((m) => m.messageId)).size).toBe(supervisorMails.length);
    for (const number of confirmations) expect(smtp.messages.filter((m) => m.subject.includes(number))).toHaveLength(1);

    // The survivors are healthy; the outbox has nothing left behind.
    for (const replica of [api1, api2, replicas[3]])
      expect((await fetch(`http://127.0.0.1:${replica.port}/health/ready`)).status).toBe(200);
    const pending = await withOwnerConnection(
      async (db) =>
        (
          await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'done' AND payload->>'to' = $1`, [
            supervisor.email,
          ])
        ).rows[0].n,
    );
    expect(pending).toBe(0);
  }, 240_000);
});
