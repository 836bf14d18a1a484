import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { seedAgencies, seedStatisticsCases } from '../support/statistics-seed';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

/** The cells of one table row as text, tags removed. */
function cells(row: string): string[] {
  return [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/**
 * Issue 15 "Supervisors and the public": the supervision dashboard says one status per light, puts
 * the grey rows last as a group, draws the trend or says "no data", and opens each agency in
 * depth; the public league table shows agencies only. The cases are those of
 * test/support/statistics-seed.ts: agency A has a due cohort of 4 (2 on time) and 1 referral on
 * time, B a cohort of 2 (1 on time); the parent and C have none.
 */
describe('supervision dashboard (e2e)', () => {
  const clock = new FixedClock(new Date('2026-06-15T12:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let parent: { id: string; code: string };
  let a: { id: string; code: string; name: string };
  let b: { id: string; code: string; name: string };
  let c: { id: string; code: string; name: string };
  let supervisor: TestUser;
  let web: WebClient;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    const admin = await actors.admin();
    const seeded = await seedAgencies(t, admin, 'DB', ['Alfa', 'Beta', 'Qamma']);
    parent = seeded.parent;
    [a, b, c] = seeded.children;
    const adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id as string;
    await seedStatisticsCases(adminId, a.id, b.id);
    supervisor = await actors.staff('supervisor', parent.code);
    web = new WebClient(t);
    await web.signIn(supervisor.email, supervisor.password);
  });

  afterAll(async () => {
    await t.close();
  });

  const rowOf = (page: string, agencyId: string) =>
    new RegExp(`<tr data-colour="([a-z]+)" data-agency="${agencyId}">(.*?)</tr>`, 's').exec(page);

  it('says one status per light: the figure and its word, or why it is grey, never a word twice', async () => {
    const page = (await web.get('/supervision?minCohort=1')).text;
    expect(page).not.toContain('Məlumat yoxdur (Məlumat yoxdur)');
    expect(page).not.toContain('light-word');
    // A: review 2 of 4 (50 %), referral 1 of 1: index 0.7 * 50 + 0.3 * 100 = 65 -> yellow (sect. 5).
    const rowA = rowOf(page, a.id)!;
    expect(rowA[1]).toBe('yellow');
    expect(cells(rowA[2])[4]).toBe('65% — Tələblər istiqamətində irəliləyiş');
    // B: 1 of 2 -> 50 %: "up to and including 50 %" is red.
    expect(cells(rowOf(page, b.id)![2])[4]).toBe('50% — Tələblərə cavab verə bilmir');
    // C has no case at all: grey, said once; no N entered, no self-assessment: each said once.
    const rowC = cells(rowOf(page, c.id)![2]);
    expect(rowC.slice(3, 7)).toEqual(['N daxil edilməyib', 'Məlumat yoxdur', 'Özünüqiymətləndirmə yoxdur', 'Özünüqiymətləndirmə yoxdur']);
    // With the default minimum cohort (20) A's 5 cases are too few: grey, with how many there are.
    const strict = (await web.get('/supervision')).text;
    expect(rowOf(strict, a.id)![1]).toBe('none');
    expect(cells(rowOf(strict, a.id)![2])[4]).toBe('Məlumat azdır: 5 iş');
  });

  it('ranks coloured rows first and groups the grey rows last under their own heading', async () => {
    const page = (await web.get('/supervision?minCohort=1')).text;
    const ranked = /<tbody class="ranked">(.*?)<\/tbody>/s.exec(page)![1];
    const grey = /<tbody class="unranked">(.*?)<\/tbody>/s.exec(page)![1];
    expect(page.indexOf('<tbody class="ranked">')).toBeLessThan(page.indexOf('<tbody class="unranked">'));
    const ids = (html: string) => [...html.matchAll(/data-agency="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(ranked)).toEqual([a.id, b.id]);
    expect(ids(grey)).toEqual(expect.arrayContaining([parent.id, c.id]));
    expect(ids(grey)).not.toContain(a.id);
    expect(grey).toMatch(/<th scope="rowgroup" colspan="8" id="unranked">Sıralanmır: məlumat yoxdur və ya azdır \(2 qurum\)<\/th>/);
    for (const colour of [...grey.matchAll(/<tr data-colour="([a-z]+)"/g)].map((m) => m[1])) expect(colour).toBe('none');
  });

  it('draws the trend with a text alternative, and says "no data" where there is none', async () => {
    const page = (await web.get('/supervision')).text;
    const chart = /<svg class="chart"[^>]*>(.*?)<\/svg>/s.exec(page)![0];
    expect(chart).toContain('role="img" aria-labelledby="trend-title trend-desc"');
    expect(chart).toMatch(/<title id="trend-title">Aylar üzrə vaxtında baxılma \(sizin qurumlar\)<\/title>/);
    expect(chart).toMatch(/<desc id="trend-desc">Baxılma müddəti bitən müraciətləri olan 2 ay; sonuncu \(2026-03\) — 0%/);
    expect(chart).toContain('<polyline class="line"');
    expect(page).toMatch(/<summary>Cədvəl kimi<\/summary>/);
    expect(page).toMatch(/<tr><th scope="row">2026-02<\/th><td>5<\/td><td>3<\/td>/);

    // A supervisor of C alone: nothing fell due, so no bands, no line, and the words "no data".
    const lonely = await actors.staff('supervisor', c.code);
    const other = new WebClient(t);
    await other.signIn(lonely.email, lonely.password);
    const empty = (await other.get('/supervision')).text;
    const emptyChart = /<svg class="chart"[^>]*>(.*?)<\/svg>/s.exec(empty)![0];
    expect(emptyChart).toContain('<text class="no-data"');
    expect(emptyChart).toContain('>Məlumat yoxdur</text>');
    expect(emptyChart).not.toContain('band-green');
    expect(emptyChart).not.toContain('<polyline');
    expect(emptyChart).not.toContain('<circle');
    expect(emptyChart).toContain('<desc id="trend-desc">Məlumat yoxdur: bu aylarda baxılma müddəti bitən müraciət olmayıb.</desc>');
    expect(empty).toContain('<strong class="no-data">Məlumat yoxdur: bu aylarda baxılma müddəti bitən müraciət olmayıb.</strong>');
    // And C's supervisor may not open A in depth: outside the scope is unknown.
    expect((await other.get(`/supervision/agencies/${a.id}`)).status).toBe(404);
  });

  it('opens an agency in depth from its row: lights, indicator values, e-services and its trend', async () => {
    const page = (await web.get('/supervision?minCohort=1')).text;
    const link = `/supervision/agencies/${a.id}?minCohort=1`;
    expect(page).toContain(`<a href="${link}">${a.name}</a>`);
    const drill = await web.get(link);
    expect(drill.status).toBe(200);
    expect(drill.text).toContain(`<h1>${a.name}</h1>`);
    expect(drill.text).toContain('<a href="/supervision?minCohort=1">Nəzarət panelinə qayıt</a>');
    expect(drill.text).toMatch(/<th scope="row">Cavabdehlik indeksi<\/th><td class="light light-yellow" data-colour="yellow">.*65% — /s);
    expect(drill.text).toContain('<td data-indicator="review">50% (2 / 4)</td>');
    expect(drill.text).toContain('<td data-indicator="referral">100% (1 göndərmədən)</td>');
    expect(drill.text).toContain('Kataloqda bu quruma aid elektron xidmət yoxdur.');
    expect(drill.text).toMatch(/<svg class="chart" [^>]*role="img"/);
    expect(drill.text).toContain('<title id="trend-title">Aylar üzrə vaxtında baxılma</title>');

    await web.get('/lang/ru?back=/supervision');
    const ru = await web.get(link);
    expect(ru.text).toContain('<td data-indicator="review">50% (2 / 4)</td>');
    expect(ru.text).toContain('65% — Продвигается к требованиям');
    await web.get('/lang/en?back=/supervision');
    const en = await web.get(link);
    expect(en.text).toContain('<td data-indicator="referral">100% (of 1 referrals)</td>');
    await web.get('/lang/az?back=/supervision');

    // Not a supervisor's page for an official, nor an unknown agency.
    const official = await actors.staff('official', a.code);
    const officialWeb = new WebClient(t);
    await officialWeb.signIn(official.email, official.password);
    expect((await officialWeb.get(link)).status).toBe(403);
    expect((await web.get('/supervision/agencies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await web.get('/supervision/agencies/not-an-id')).status).toBe(404);
  });

  it('keeps the public league table anonymised: agencies and figures only, no person and no case', async () => {
    const pub = new WebClient(t);
    const table = await pub.get('/agencies?from=2026-01-01&to=2026-06-15');
    expect(table.status).toBe(200);
    expect(table.text).toContain(a.name);
    const agency = await pub.get(`/agencies/${a.id}`);
    expect(agency.status).toBe(200);
    for (const page of [table.text, agency.text]) {
      // No registration number, subject or text of a case, no link into a case, no staff or applicant.
      expect(page).not.toMatch(/S-[0-9a-f]{8}-/);
      expect(page).not.toContain('Mövzu');
      expect(page).not.toContain('Mətn');
      expect(page).not.toContain('/office/appeals/');
      expect(page).not.toContain('/my/appeals/');
      expect(page).not.toContain(supervisor.email);
      expect(page).not.toContain('@');
      expect(page).not.toContain('Test supervisor');
    }
    // The figures are aggregates: A's row has the cohorts, not the cases.
    const rowA = new RegExp(`<tr data-agency="${a.id}">(.*?)</tr>`, 's').exec(table.text)![1];
    expect(cells(rowA).slice(2)).toEqual(['Məlumat azdır: 5 iş', '4', '50%', '1', '100%', '1']);
  });
});
