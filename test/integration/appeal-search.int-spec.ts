import { randomInt } from 'node:crypto';
import { AppealRow, appealListQuery, ListFilter } from '../../src/appeals/appeals.repository';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An agency's full-text search has two shapes (appealListQuery): matches first, or a walk of the
 * deadline index checking each case's words; searchAppeals picks one from PostgreSQL's estimates.
 * Whichever it picks, the pages must be the same: every match, nearest deadline first, each once.
 */
describe('appeal search shapes (integration)', () => {
  let t: TestApp;
  let registrar: TestUser;
  let official: TestUser;
  let agencyId: string;
  // Words no other suite writes, so the agency's other cases cannot match.
  const word = () => Array.from({ length: 10 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
  const common = word();
  const rare = word();

  beforeAll(async () => {
    t = await startTestApp();
    const actors = new Actors(t);
    registrar = await actors.staff('registrar', 'MCHT');
    official = await actors.staff('official', 'MCHT');
    agencyId = await actors.agencyId('MCHT');
    for (let i = 0; i < 30; i++) {
      await t.http
        .post('/api/v1/appeals')
        .set(registrar.auth)
        .send({
          type: 'application',
          agencyId,
          subject: `Kitabxana ${common}`,
          text: `Rayon kitabxanasında oxu zalı bağlıdır, ${i % 6 === 0 ? `${common} ${rare}` : common} barədə məlumat verilmir.`,
          applicant: { kind: 'natural', fullName: 'Həsənova Leyla', address: 'Bakı, Xətai r., 12' },
          channel: 'post',
          // Receipts over three weeks: deadlines differ, and several fall on the same day.
          receivedOn: `2026-10-${String(1 + (i % 15)).padStart(2, '0')}`,
        })
        .expect(201);
    }
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  /** Every page of `filter`, following the keyset from each page's last case. */
  async function allPages(filter: ListFilter, search: { matchesFirst?: boolean }): Promise<string[]> {
    const ids: string[] = [];
    let after: ListFilter['after'];
    for (;;) {
      const { sql, params } = appealListQuery({ ...filter, after }, search);
      const rows = await t.app.get(Db).query<AppealRow>(sql, params);
      ids.push(...rows.map((r) => r.id));
      if (rows.length < filter.limit) return ids;
      const last = rows[rows.length - 1];
      after = { value: new Date(last.reviewDueAt).toISOString(), id: last.id };
    }
  }

  it.each([
    ['a word in every case', () => common, 30],
    ['a word in a few', () => rare, 5],
    ['a word but not another', () => `${common} -${rare}`, 25],
    ['a phrase', () => `"${common} ${rare}"`, 5],
  ])('%s: both shapes give every match once, nearest deadline first', async (_name, q, count) => {
    const expected = await t.app.get(Db).query<{ id: string }>(
      `SELECT s.appeal_id AS id FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
       WHERE s.agency_id = $1 AND a.search @@ websearch_to_tsquery('simple', $2) ORDER BY s.review_due_at, s.appeal_id`,
      [agencyId, q()],
    );
    expect(expected).toHaveLength(count);
    const filter: ListFilter = { agencyIds: [agencyId], q: q(), sort: 'deadline', limit: 4 };
    for (const search of [{ matchesFirst: true }, { matchesFirst: false }, {}]) {
      expect(await allPages(filter, search)).toEqual(expected.map((r) => r.id));
    }
  });

  it('leaves out, in every shape, the complaints about the searcher and the confidential words they may not read', async () => {
    const hidden = word();
    const register = async (extra: Record<string, unknown>) =>
      (
        await t.http
          .post('/api/v1/appeals')
          .set(registrar.auth)
          .send({
            type: 'complaint',
            agencyId,
            subject: `Muzey ${hidden}`,
            text: 'Muzeyin iş saatları elan olunmur, ziyarətçilər qapıda gözləyir.',
            applicant: { kind: 'natural', fullName: 'Həsənova Leyla', address: 'Bakı, Xətai r., 12' },
            channel: 'post',
            receivedOn: '2026-10-05',
            ...extra,
          })
          .expect(201)
      ).body.id as string;
    // AOC 594-1.1.2 and appeals-rules.md 16: one about the official, one confidential, one plain.
    const about = await register({ respondentOfficialId: official.id });
    const confidential = await register({ confidential: true });
    const plain = await register({});
    const ordered = async (ids: string[]) =>
      (
        await t.app.get(Db).query<{
          id: string;
        }>(`SELECT appeal_id AS id FROM appeal_state WHERE appeal_id = ANY($1::uuid[]) ORDER BY review_due_at, appeal_id`, [ids])
      ).map((r) => r.id);
    const other = await new Actors(t).agencyId('MTAX');
    for (const agencyIds of [[agencyId], [agencyId, other]]) {
      const base: ListFilter = { agencyIds, q: hidden, sort: 'deadline', limit: 2 };
      for (const search of [{ matchesFirst: true }, { matchesFirst: false }, {}]) {
        expect(await allPages({ ...base, hiddenFromRespondent: official.id, confidentialWordsOnlyFor: official.id }, search)).toEqual([
          plain,
        ]);
        expect(await allPages({ ...base, hiddenFromRespondent: registrar.id }, search)).toEqual(
          await ordered([about, confidential, plain]),
        );
      }
      // A list without words leaves out the complaint about the official as well.
      const { sql, params } = appealListQuery({ agencyIds, sort: 'deadline', limit: 1000, hiddenFromRespondent: official.id });
      const listed = (await t.app.get(Db).query<AppealRow>(sql, params)).map((r) => r.id);
      expect(listed).toEqual(expect.arrayContaining([confidential, plain]));
      expect(listed).not.toContain(about);
    }
  });

  it('answers an official through the API in the same order, inside its own transaction', async () => {
    const expected = await t.app.get(Db).query<{ id: string }>(
      `SELECT s.appeal_id AS id FROM appeal_state s JOIN appeals a ON a.id = s.appeal_id
       WHERE s.agency_id = $1 AND a.search @@ websearch_to_tsquery('simple', $2) ORDER BY s.review_due_at, s.appeal_id LIMIT 10`,
      [agencyId, common],
    );
    const page = (await t.http.get('/api/v1/appeals').query({ q: common, limit: 10 }).set(official.auth).expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(page.items.map((a) => a.id)).toEqual(expected.map((r) => r.id));
    // SET LOCAL stayed in that transaction: the pool's connections plan in parallel as before.
    const [setting] = await t.app
      .get(Db)
      .query<{ workers: string }>(`SELECT current_setting('max_parallel_workers_per_gather') AS workers`);
    expect(setting.workers).not.toBe('0');
  });
});
