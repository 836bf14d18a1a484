import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { FEED_CATEGORIES } from '../../src/feeds/domain/calendar-feed';
import { FixedClock } from '../../src/platform/clock/clock';
import { Db } from '../../src/platform/database/db';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { assign, baku, caseStaff, recordPaperAppeal } from '../support/timers';

const RATE_LIMIT = 25;

/** Issue 16's calendar feeds: secret URLs of staff deadlines, RFC 5545 (parsed with ical.js), revocable. */
describe('calendar feeds (e2e)', () => {
  let t: TestApp;
  let actors: Actors;
  let parentSupervisor: TestUser;
  let staff: { agency: string; registrar: TestUser; official: TestUser; supervisor: TestUser };
  let mine: { id: string; registrationNumber: string; reviewDueDate: string; version: number };
  let agencys: { id: string; registrationNumber: string; reviewDueDate: string };
  let foreign: { id: string; registrationNumber: string };

  const path = (url: string) => new URL(url).pathname;
  const feed = async (url: string) => {
    const response = await t.http.get(path(url)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    return new ICAL.Component(ICAL.parse(response.text)).getAllSubcomponents('vevent');
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock: new FixedClock(baku('2026-03-02', '11:00:00')),
      env: { CALENDAR_FEED_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
    });
    actors = new Actors(t);
    const parent = await caseStaff(t, actors, 'CABMIN');
    parentSupervisor = parent.supervisor;
    const made = await caseStaff(t, actors, parent.agencyCode);
    staff = { agency: made.agency, registrar: made.registrar, official: made.official, supervisor: made.supervisor };
    mine = await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-03-02');
    await assign(t, staff.registrar, mine, staff.official.id);
    agencys = await recordPaperAppeal(t, staff.registrar, staff.agency, '2026-02-27');
    const other = await caseStaff(t, actors, 'CABMIN');
    foreign = await recordPaperAppeal(t, other.registrar, other.agency, '2026-03-02');
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it("gives an official a secret feed of their cases and the agency's, parsed by ical.js, without the applicant", async () => {
    const created = await t.http.post('/api/v1/me/calendar-feed').set(staff.official.auth).expect(201);
    expect(created.body.url).toMatch(/^http:\/\/portal\.test\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const response = await t.http.get(path(created.body.url as string)).expect(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const events = new ICAL.Component(ICAL.parse(response.text)).getAllSubcomponents('vevent');
    const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));

    const review = byUid.get(`${mine.id}-review@portal.test`)!;
    expect(review.getFirstPropertyValue('categories')).toBe(FEED_CATEGORIES.mine);
    expect((review.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe(mine.reviewDueDate);
    expect(review.getFirstPropertyValue('url')).toBe(`http://portal.test/office/appeals/${mine.id}`);
    expect(review.getFirstPropertyValue('summary')).toMatch(new RegExp(`^${mine.registrationNumber} · şikayət`));
    // The agency's unassigned case: its review and its referral term (Art. 7.10).
    expect(byUid.get(`${agencys.id}-review@portal.test`)?.getFirstPropertyValue('categories')).toBe(FEED_CATEGORIES.agency);
    expect(byUid.has(`${agencys.id}-referral@portal.test`)).toBe(true);
    // Assigned cases have no referral reminder; another agency's cases are not there at all.
    expect(byUid.has(`${mine.id}-referral@portal.test`)).toBe(false);
    expect([...byUid.keys()].some((uid) => uid.startsWith(foreign.id))).toBe(false);
    // Rule 18: numbers, types and dates only.
    expect(response.text).not.toMatch(/Məmmədova|Nəsimi|Küçə|işıqlandır/i);

    // Only the token's hash is stored.
    const token = path(created.body.url as string)
      .split('/')
      .pop()!
      .replace('.ics', '');
    const rows = await t.app.get(Db).query<{
      tokenHash: string;
    }>(`SELECT token_hash AS "tokenHash" FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL`, [staff.official.id]);
    expect(rows).toEqual([{ tokenHash: createHash('sha256').update(token).digest('hex') }]);
  });

  it("gives a supervisor above the agency the subtree's open cases", async () => {
    const created = await t.http.post('/api/v1/me/calendar-feed').set(parentSupervisor.auth).expect(201);
    const uids = (await feed(created.body.url as string)).map((e) => String(e.getFirstPropertyValue('uid')));
    expect(uids).toEqual(expect.arrayContaining([`${mine.id}-review@portal.test`, `${agencys.id}-review@portal.test`]));
    expect(uids.some((uid) => uid.startsWith(foreign.id))).toBe(false);
  });

  it('revokes: a new URL replaces the old one, DELETE ends it; old URLs answer 410, unknown ones 404', async () => {
    const first = (await t.http.post('/api/v1/me/calendar-feed').set(staff.supervisor.auth).expect(201)).body.url as string;
    await feed(first);
    const second = (await t.http.post('/api/v1/me/calendar-feed').set(staff.supervisor.auth).expect(201)).body.url as string;
    expect(second).not.toBe(first);
    const gone = await t.http.get(path(first)).expect(410);
    expect(gone.body.code).toBe('CALENDAR_FEED_REVOKED');
    await feed(second);
    await t.http.delete('/api/v1/me/calendar-feed').set(staff.supervisor.auth).expect(204);
    await t.http.get(path(second)).expect(410);
    await t.http.delete('/api/v1/me/calendar-feed').set(staff.supervisor.auth).expect(404);
    // A guessed token, or anything that is not one, is unknown.
    const guessed = await t.http.get(`/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`).expect(404);
    expect(guessed.body.code).toBe('CALENDAR_FEED_NOT_FOUND');
    await t.http.get('/api/v1/calendar-feeds/..%2F..%2Fetc').expect(404);
  });

  it('stops serving the feed of a deactivated official (issue 13: a departed official is switched off everywhere)', async () => {
    const leaving = await actors.staff('official', 'MTAX');
    const url = (await t.http.post('/api/v1/me/calendar-feed').set(leaving.auth).expect(201)).body.url as string;
    await feed(url);
    await t.http
      .patch(`/api/v1/users/${leaving.id}`)
      .set(await actors.admin())
      .send({ active: false })
      .expect(200);
    const refused = await t.http.get(path(url)).expect(404);
    expect(refused.body.code).toBe('CALENDAR_FEED_NOT_FOUND');
  });

  it('is for agency staff: citizens and admins get none; without a session nothing is created', async () => {
    const citizen = await actors.citizen();
    await t.http.post('/api/v1/me/calendar-feed').set(citizen.auth).expect(403);
    await t.http
      .post('/api/v1/me/calendar-feed')
      .set(await actors.admin())
      .expect(403);
    await t.http.post('/api/v1/me/calendar-feed').expect(401);
  });

  it('limits requests to the public feed route (429 with Retry-After)', async () => {
    const url = (await t.http.post('/api/v1/me/calendar-feed').set(staff.registrar.auth).expect(201)).body.url as string;
    let limited: { status: number; headers: Record<string, string>; body: { code?: string } } | undefined;
    for (let i = 0; i < 2 * RATE_LIMIT + 2 && !limited; i++) {
      const response = await t.http.get(path(url));
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('describes the feed routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http.get('/docs-json').expect(200)).body.paths as object);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/me/calendar-feed', '/api/v1/calendar-feeds/{token}']));
  });
});
