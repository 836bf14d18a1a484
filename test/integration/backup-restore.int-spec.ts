import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { backup } from '../../src/ops/backup';
import { restore, verify } from '../../src/ops/restore';
import { APP_DB_ROLE } from '../../migrations/1763949600000-referrals-and-search';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { assign, baku, caseStaff, recordPaperAppeal } from '../support/timers';
import { readTestEnv } from '../setup/test-env';

/**
 * Backups are proven by restoring one: pg_dump and pg_restore of this machine, a new database, and
 * every appeal's audit chain verified there by the app's own check, then served by the app.
 */
describe('backup and restore', () => {
  const env = readTestEnv();
  const dir = join(__dirname, '..', '..', 'test-output', 'backups');
  const file = join(dir, `backup-${process.pid}.dump`);
  const restoredUrl = (() => {
    const url = new URL(env.databaseUrl);
    url.pathname = `${url.pathname}_restore`;
    return url.toString();
  })();
  let source: TestApp;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: env.adminDatabaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    // Cases with a few events each, so there are chains to carry over.
    source = await startTestApp({ clock: new FixedClock(baku('2026-04-06', '10:00:00')) });
    const actors = new Actors(source);
    const staff = await caseStaff(source, actors, 'CABMIN');
    for (let i = 0; i < 3; i++) {
      const appeal = await recordPaperAppeal(source, staff.registrar, staff.agency, '2026-04-06');
      await assign(source, staff.registrar, appeal, staff.official.id);
    }
  }, 60_000);

  afterAll(async () => {
    await source.close();
    await admin(`DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`);
    rmSync(file, { force: true });
  });

  it('restores a dump into a new database where every audit chain verifies, and the app serves it', async () => {
    const original = await verify(env.databaseUrl);
    expect(original.broken).toEqual([]);
    const dumped = await backup({ databaseUrl: env.databaseUrl, file });
    expect(dumped.bytes).toBeGreaterThan(10_000);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const restored = await restore({ file, to: restoredUrl, appRole: APP_DB_ROLE });
    expect(restored).toEqual({ appeals: original.appeals, checkedEvents: original.checkedEvents, broken: [] });
    expect(restored.appeals).toBeGreaterThanOrEqual(3);

    // The app starts on the copy (migrations already applied, grants in place) and reports the same.
    const copy = await startTestApp({ env: { DATABASE_URL: restoredUrl, APP_ROLE: 'api' } });
    try {
      const chains = (
        await copy.http
          .get('/api/v1/admin/audit/chains')
          .set(await new Actors(copy).admin())
          .expect(200)
      ).body;
      expect(chains).toEqual({ checkedEvents: original.checkedEvents, intact: true, broken: [] });
    } finally {
      await copy.close();
    }
  }, 120_000);

  it('would notice a tampered copy (the check is real), and never restores over a database with tables', async () => {
    const client = new Client({ connectionString: restoredUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE appeal_events DISABLE TRIGGER appeal_events_append_only');
      await client.query(
        `UPDATE appeal_events SET data = data || '{"receivedOn": "2020-01-01"}' WHERE (appeal_id, seq) = (SELECT appeal_id, seq FROM appeal_events LIMIT 1)`,
      );
      await client.query('ALTER TABLE appeal_events ENABLE TRIGGER appeal_events_append_only');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const report = await verify(restoredUrl);
    expect(report.broken).toEqual([expect.objectContaining({ problem: 'hash does not match the event' })]);
    await expect(restore({ file, to: restoredUrl, appRole: APP_DB_ROLE })).rejects.toThrow(/not empty/);
  }, 60_000);
});
