import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { MAIL_TOPIC } from '../../src/notifications/mail-send.handler';
import { Db } from '../../src/platform/database/db';
import { OutboxProcessor } from '../../src/platform/outbox/outbox.processor';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay';
import { OutboxService } from '../../src/platform/outbox/outbox.service';
import { QUEUE_NAMES, outboxBatchJobId, outboxJobId } from '../../src/platform/queue/queues';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { randomUUID } from 'node:crypto';

/**
 * The mail outbox against real PostgreSQL, Redis and SMTP: a retry cannot send twice, an SMTP
 * outage delays mail without losing it, and an emptied Redis loses nothing.
 */
describe('mail outbox (integration)', () => {
  const smtp = new SmtpSink();

  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());

  async function writeMail(t: TestApp, to: string): Promise<string> {
    const db = t.app.get(Db);
    const outbox = t.app.get(OutboxService);
    const key = `mail:test:${randomUUID()}`;
    await db.transaction((tx) =>
      outbox.write(tx, [{ topic: MAIL_TOPIC, dedupeKey: key, payload: { to, subject: 'Sınaq', text: `Mətn ${key}` } }]),
    );
    const [row] = await db.query<{ id: string }>(`SELECT id::text FROM outbox WHERE dedupe_key = $1`, [key]);
    return row.id;
  }

  describe('processing a row', () => {
    let t: TestApp;

    // The api role has no queue consumer, so the test drives the processor itself.
    beforeAll(async () => {
      t = await startTestApp({ env: { APP_ROLE: 'api', SMTP_URL: smtp.url } });
    });
    afterAll(() => t.close());

    it('sends once, however often the job runs', async () => {
      const to = `once-${randomUUID()}@mail.test`;
      const id = await writeMail(t, to);
      const processor = t.app.get(OutboxProcessor);
      expect(await processor.process(id, 1)).toBe('done');
      expect(await processor.process(id, 2)).toBe('skipped');
      expect(smtp.to(to)).toHaveLength(1);
      expect(smtp.to(to)[0].messageId).toContain(`outbox-${id}@`);
    });

    it('sends once when two workers take the same row at the same moment', async () => {
      const to = `race-${randomUUID()}@mail.test`;
      const id = await writeMail(t, to);
      const processor = t.app.get(OutboxProcessor);
      const outcomes = await Promise.all([processor.process(id, 1), processor.process(id, 1)]);
      expect(outcomes.sort()).toEqual(['done', 'skipped']);
      expect(smtp.to(to)).toHaveLength(1);
    });

    it('keeps the row pending while SMTP refuses, and sends it when SMTP is back', async () => {
      const to = `outage-${randomUUID()}@mail.test`;
      const id = await writeMail(t, to);
      const processor = t.app.get(OutboxProcessor);
      smtp.failing = true;
      try {
        await expect(processor.process(id, 1)).rejects.toThrow();
      } finally {
        smtp.failing = false;
      }
      const [row] = await t.app
        .get(Db)
        .query<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbox WHERE id = $1`, [id]);
      expect(row).toEqual({ status: 'pending', attempts: 1 });
      expect(await processor.process(id, 2)).toBe('done');
      expect(smtp.to(to)).toHaveLength(1);
    });

    it('re-enqueues pending rows after Redis lost them', async () => {
      const to = `flushed-${randomUUID()}@mail.test`;
      const id = await writeMail(t, to);
      const queue = new Queue(QUEUE_NAMES.outbox, { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
      try {
        expect(await queue.getJob(outboxJobId(id))).toBeDefined();
        await queue.obliterate({ force: true }); // Redis emptied
        expect(await queue.getJob(outboxJobId(id))).toBeUndefined();
        // The relay leaves rows younger than its grace period to the request that wrote them.
        await t.app.get(Db).query(`UPDATE outbox SET created_at = now() - interval '1 minute' WHERE id = $1`, [id]);
        expect(await t.app.get(OutboxRelay).relayPending()).toBeGreaterThanOrEqual(1);
        expect(await queue.getJob(outboxJobId(id))).toBeDefined();
      } finally {
        await queue.close();
      }
    });
  });

  it('hands a bulk change to the queue in batches: every row sent once, a bad row stops no other', async () => {
    const t = await startTestApp({ env: { APP_ROLE: 'all', SMTP_URL: smtp.url } });
    try {
      const db = t.app.get(Db);
      const outbox = t.app.get(OutboxService);
      const run = randomUUID();
      const to = (i: number) => `bulk-${i}-${run}@mail.test`;
      // 250 rows in one transaction (3 batch jobs); row 7 names a template that does not exist.
      await db.transaction((tx) =>
        outbox.write(
          tx,
          Array.from({ length: 250 }, (_, i) => ({
            topic: MAIL_TOPIC,
            dedupeKey: `mail:bulk:${run}:${i}`,
            payload: i === 7 ? { template: 'no-such-template', to: to(i) } : { to: to(i), subject: 'Sınaq', text: `Mətn ${i}` },
          })),
        ),
      );
      await smtp.waitFor(() => smtp.messages.filter((m) => m.to.some((a) => a.includes(run))).length >= 249, 30_000);
      const redis = new IORedis(t.config.redisUrl as string, { maxRetriesPerRequest: null });
      const queue = new Queue(QUEUE_NAMES.outbox, { connection: redis, prefix: t.config.queuePrefix });
      const batches = (await queue.getJobs(['completed', 'failed', 'delayed', 'waiting', 'active'])).filter(
        (j) => j.name === 'outbox.batch',
      );
      await queue.close();
      redis.disconnect();
      // The hand-off's three jobs, by their ids (first and last row). The relay may add another for
      // rows still pending after its grace period (a slow machine); those are sent once all the same.
      const rows = await db.query<{ id: string }>(`SELECT id::text FROM outbox WHERE dedupe_key LIKE $1 ORDER BY outbox.id`, [
        `mail:bulk:${run}:%`,
      ]);
      const ids = rows.map((r) => r.id);
      const handOff = [ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)].map(outboxBatchJobId);
      expect(batches.map((j) => j.id)).toEqual(expect.arrayContaining(handOff));
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 250; i++) expect(smtp.to(to(i))).toHaveLength(i === 7 ? 0 : 1);
      const [bad] = await db.query<{ status: string; lastError: string }>(
        `SELECT status, last_error AS "lastError" FROM outbox WHERE dedupe_key = $1`,
        [`mail:bulk:${run}:7`],
      );
      expect(bad.status).toBe('pending');
      expect(bad.lastError).toContain('no-such-template');
    } finally {
      await t.close();
    }
  }, 60_000);

  it('delivers through the queue with retries and backoff across an SMTP outage, exactly once', async () => {
    const t = await startTestApp({ env: { APP_ROLE: 'all', SMTP_URL: smtp.url } });
    try {
      const to = `queued-${randomUUID()}@mail.test`;
      smtp.failing = true;
      const id = await writeMail(t, to);
      const db = t.app.get(Db);
      // Wait until the worker has tried and failed at least once.
      for (let i = 0; i < 100; i++) {
        const [row] = await db.query<{ attempts: number }>(`SELECT attempts FROM outbox WHERE id = $1`, [id]);
        if (row.attempts >= 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(smtp.to(to)).toHaveLength(0);
      smtp.failing = false;
      await smtp.waitFor(() => smtp.to(to).length > 0, 20_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.to(to)).toHaveLength(1);
      const [row] = await db.query<{ status: string }>(`SELECT status FROM outbox WHERE id = $1`, [id]);
      expect(row.status).toBe('done');
    } finally {
      await t.close();
    }
  }, 40_000);
});
