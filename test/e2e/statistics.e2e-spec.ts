import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { openApiAjv } from '../support/openapi-ajv';
import { seedAgencies, seedStatisticsCases } from '../support/statistics-seed';
import { startTestApp, TestApp } from '../support/test-app';
import { WebClient } from '../support/web-client';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Item {
  month: string;
  agencyId: string;
  agencyName: string;
  received: number;
  byType: Record<string, number>;
  byChannel: Record<string, number>;
  byOutcome: Record<string, number>;
  reviewCohort: number;
  reviewedOnTime: number;
  onTimeReviewRate: number | null;
  referralCohort: number;
  referredOnTime: number;
  onTimeReferralRate: number | null;
}

function binaryParser(res: import('supertest').Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** RFC 4180 as the file writes it: CRLF lines, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/**
 * appeals-rules.md 18: the statistics agencies keep, by month, agency, type, channel and outcome,
 * with on-time rates computed as the league table computes them (methodology sect. 5). The cases
 * are hand-built (test/support/statistics-seed.ts) and every figure below is counted by hand.
 */
describe('appeal statistics (e2e)', () => {
  const clock = new FixedClock(new Date('2026-06-15T12:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let admin: { Authorization: string };
  let a: { id: string; code: string; name: string };
  let b: { id: string; code: string; name: string };
  let parent: { id: string; code: string };
  let officialA: TestUser;
  let officialB: TestUser;
  let supervisor: TestUser;
  let citizen: TestUser;

  const api = (user: { auth: { Authorization: string } } | { Authorization: string }, query: Record<string, string>) =>
    t.http
      .get('/api/v1/statistics/appeals')
      .query(query)
      .set('auth' in user ? user.auth : user);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    admin = await actors.admin();
    const seeded = await seedAgencies(t, admin, 'ST', ['Alfa', 'Beta']);
    parent = seeded.parent;
    [a, b] = seeded.children;
    const adminId = (await t.http.get('/api/v1/me').set(admin).expect(200)).body.id as string;
    await seedStatisticsCases(adminId, a.id, b.id);
    officialA = await actors.staff('official', a.code);
    officialB = await actors.staff('official', b.code);
    supervisor = await actors.staff('supervisor', parent.code);
    citizen = await actors.citizen();
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts by month, type, channel and outcome, with on-time rates as the league table counts them', async () => {
    const { body } = await api(supervisor, { from: '2026-01', to: '2026-06' }).expect(200);
    expect(body.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect((body.agencies as Array<{ id: string }>).map((x) => x.id).sort()).toEqual([parent.id, a.id, b.id].sort());
    const rows = body.items as Item[];
    const row = (month: string, agencyId: string) => rows.find((r) => r.month === month && r.agencyId === agencyId);
    expect(rows.map((r) => `${r.month} ${r.agencyName}`)).toEqual([
      `2026-01 ${a.name}`,
      `2026-01 ${b.name}`,
      `2026-02 ${a.name}`,
      `2026-02 ${b.name}`,
      `2026-03 ${a.name}`,
    ]);
    // January at A: three received; the referral of a3 on 23 January was on time (1 of 1).
    expect(row('2026-01', a.id)).toMatchObject({
      received: 3,
      byType: { proposal: 1, application: 1, complaint: 1 },
      byChannel: { portal: 1, email: 1, post: 1, fax: 0, in_person: 0, reception: 0, phone: 0 },
      byOutcome: { answered: 2, referred: 1, leftWithoutConsideration: 0, open: 0 },
      reviewCohort: 0,
      onTimeReviewRate: null,
      referralCohort: 1,
      referredOnTime: 1,
      onTimeReferralRate: 1,
    });
    // February at A: received a4, a5, a6; due in February a1 (on time), a2 (late), a4 (on time): 2 of 3.
    // a3 was referred, not closed: not in the due cohort (sect. 5).
    const febA = row('2026-02', a.id)!;
    expect(febA).toMatchObject({
      received: 3,
      byType: { proposal: 0, application: 1, complaint: 2 },
      byChannel: { portal: 1, reception: 1, phone: 1 },
      byOutcome: { answered: 0, referred: 0, leftWithoutConsideration: 1, open: 2 },
      reviewCohort: 3,
      reviewedOnTime: 2,
      referralCohort: 0,
      onTimeReferralRate: null,
    });
    expect(febA.onTimeReviewRate).toBeCloseTo(2 / 3, 12);
    // March at A: nothing received; a5 is open past its 9 March deadline: late, in the cohort.
    expect(row('2026-03', a.id)).toMatchObject({ received: 0, reviewCohort: 1, reviewedOnTime: 0, onTimeReviewRate: 0 });
    // B: b1 in January; in February b2, and due b1 (on time) and b2 (late): 1 of 2.
    expect(row('2026-01', b.id)).toMatchObject({
      received: 1,
      byType: { proposal: 1 },
      byChannel: { email: 1 },
      byOutcome: { answered: 1 },
    });
    expect(row('2026-02', b.id)).toMatchObject({ received: 1, reviewCohort: 2, reviewedOnTime: 1, onTimeReviewRate: 0.5 });
    // a6 is due 30 June and still open on 15 June: pending, in no cohort.
    expect(row('2026-06', a.id)).toBeUndefined();
    // Totals from the summed counts: 8 received; due cohort 6 of which 3 on time; 1 of 1 referral.
    expect(body.totals).toMatchObject({
      received: 8,
      byType: { proposal: 2, application: 2, complaint: 4 },
      byOutcome: { answered: 4, referred: 1, leftWithoutConsideration: 1, open: 2 },
      reviewCohort: 6,
      reviewedOnTime: 3,
      onTimeReviewRate: 0.5,
      referralCohort: 1,
      onTimeReferralRate: 1,
    });
  });

  it('answers as the committed OpenAPI document says', async () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>;
      components: object;
    };
    const ajv = openApiAjv();
    ajv.addSchema({ $id: 'openapi.json', components: doc.components });
    const schema = doc.paths['/api/v1/statistics/appeals'].get.responses['200'].content['application/json'].schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/')) as object);
    const { body } = await api(supervisor, { from: '2026-01', to: '2026-06' }).expect(200);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  });

  it('gives the same rows as CSV (UTF-8 with BOM, RFC 4180) and as XLSX', async () => {
    const json = (await api(supervisor, { from: '2026-01', to: '2026-03' }).expect(200)).body as { items: Item[] };
    const csv = await api(supervisor, { from: '2026-01', to: '2026-03', format: 'csv' })
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('content-type', /text\/csv; charset=utf-8/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...lines] = parseCsv(text);
    expect(header.slice(0, 4)).toEqual(['month', 'agencyCode', 'agencyName', 'received']);
    const record = (line: string[]) => Object.fromEntries(header.map((h, i) => [h, line[i]]));
    expect(lines).toHaveLength(json.items.length);
    const febA = record(lines.find((l) => l[0] === '2026-02' && l[1] === a.code)!);
    expect(febA).toMatchObject({
      agencyName: a.name,
      received: '3',
      type_complaint: '2',
      channel_reception: '1',
      outcome_leftWithoutConsideration: '1',
      outcome_open: '2',
      reviewCohort: '3',
      reviewedOnTime: '2',
      onTimeReferralRate: '',
    });
    expect(Number(febA.onTimeReviewRate)).toBeCloseTo(2 / 3, 12);

    const xlsx = await api(supervisor, { from: '2026-01', to: '2026-03', format: 'xlsx' })
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('content-type', XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer);
    const sheet = workbook.worksheets[0];
    const values = (r: number) => Array.from({ length: header.length }, (_, i) => sheet.getRow(r).getCell(i + 1).value);
    expect(values(1)).toEqual(header);
    expect(sheet.rowCount).toBe(lines.length + 1);
    for (let r = 2; r <= sheet.rowCount; r++) {
      // The same rows in the same order; numbers as numbers, empty rates as empty cells.
      expect(values(r).map((v) => (v === null || v === undefined ? '' : String(v as string | number)))).toEqual(
        lines[r - 2].map((v, i) => (header[i].endsWith('Rate') && v !== '' ? String(Number(v)) : v)),
      );
    }
  });

  it('scopes rows: staff see their agency, supervisors the agencies under them; others 404, citizens 403', async () => {
    const own = (await api(officialB, { from: '2026-01', to: '2026-06' }).expect(200)).body as {
      items: Item[];
      agencies: Array<{ id: string }>;
    };
    expect(own.agencies.map((x) => x.id)).toEqual([b.id]);
    expect(new Set(own.items.map((i) => i.agencyId))).toEqual(new Set([b.id]));
    // Another agency's rows are not there to ask for: the same answer as an unknown agency.
    await api(officialB, { from: '2026-01', to: '2026-06', agencyId: a.id }).expect(404);
    await api(officialB, { from: '2026-01', to: '2026-06', agencyId: a.id, format: 'csv' }).expect(404);
    const onlyA = (await api(officialA, { from: '2026-01', to: '2026-06', agencyId: a.id }).expect(200)).body as { items: Item[] };
    expect(onlyA.items.map((i) => i.agencyId)).toEqual([a.id, a.id, a.id]);
    const filtered = (await api(supervisor, { from: '2026-01', to: '2026-06', agencyId: b.id }).expect(200)).body as { items: Item[] };
    expect(filtered.items.map((i) => i.month)).toEqual(['2026-01', '2026-02']);
    const all = (await api(admin, { from: '2026-01', to: '2026-06', agencyId: a.id }).expect(200)).body as { totals: { received: number } };
    expect(all.totals.received).toBe(6);
    const refused = await api(citizen, { from: '2026-01', to: '2026-06' }).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await t.http.get('/api/v1/statistics/appeals').query({ from: '2026-01', to: '2026-06' }).expect(401);
  });

  it('refuses bad months, a reversed range and more than 36 months', async () => {
    for (const query of [
      { from: '2026-13', to: '2026-12' },
      { from: '2026-1', to: '2026-12' },
      { from: '2026-01-01', to: '2026-12' },
      { from: "2026-01' OR 1=1", to: '2026-12' },
      { from: '2026-01', to: '' },
    ]) {
      const response = await api(supervisor, query);
      expect([400, 422]).toContain(response.status);
    }
    const reversed = await api(supervisor, { from: '2026-06', to: '2026-01' }).expect(422);
    expect(reversed.body.errors).toEqual([{ field: 'to', message: 'to must not be before from.' }]);
    await api(supervisor, { from: '2024-01', to: '2026-12' }).expect(200);
    const tooLong = await api(supervisor, { from: '2023-12', to: '2026-12' }).expect(422);
    expect(tooLong.body.errors[0].message).toContain('36 months');
    await api(supervisor, { from: '2026-01', to: '2026-02', format: 'pdf' }).expect(422);
    await api(supervisor, { from: '2026-01', to: '2026-02', agencyId: 'not-a-uuid' }).expect(422);
  });

  it('the page shows the tables with captions in each language, and downloads behind the session', async () => {
    const web = new WebClient(t);
    await web.signIn(officialA.email, officialA.password);
    const page = await web.get('/statistics?from=2026-01&to=2026-03');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<caption>Aylar və qurumlar üzrə: 2026-01 — 2026-03</caption>');
    expect(page.text).toMatch(
      new RegExp(
        `<tr data-month="2026-02" data-agency="${a.id}"><th scope="row">2026-02</th><td>${a.name}</td><td>3</td><td>0</td><td>0</td><td>1</td><td>2</td><td>67% \\(2 / 3\\)</td><td>—</td></tr>`,
      ),
    );
    expect(page.text).toMatch(/<tr data-key="complaint"><th scope="row">Şikayət<\/th><td>3<\/td><td>50%<\/td><\/tr>/);
    expect(page.text).not.toContain(b.name);
    // Staff find the page in the menu; citizens do not (below).
    expect(page.text).toMatch(/<nav aria-label="[^"]+">\s*<ul>.*<a href="\/statistics"[^>]*>Statistika<\/a>/s);
    const csv = await web.download('/statistics/appeals.csv?from=2026-01&to=2026-03');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="appeal-statistics-2026-01-2026-03.csv"');
    expect(csv.body.subarray(3).toString('utf8')).toContain(`2026-02,${a.code},${a.name},3,`);
    const xlsx = await web.download('/statistics/appeals.xlsx?from=2026-01&to=2026-03');
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');

    // A bad month is shown next to the field; another agency's id is a 404 page.
    const bad = await web.get('/statistics?from=2026-13&to=2026-03');
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/data-field="from"/);
    expect((await web.get(`/statistics?from=2026-01&to=2026-03&agencyId=${b.id}`)).status).toBe(404);

    await web.get('/lang/ru?back=/statistics');
    const ru = await web.get('/statistics?from=2026-01&to=2026-03');
    expect(ru.text).toContain('<caption>По месяцам и органам: 2026-01 — 2026-03</caption>');
    await web.get('/lang/en?back=/statistics');
    const en = await web.get('/statistics?from=2026-01&to=2026-03');
    expect(en.text).toContain('<caption>By month and agency: 2026-01 to 2026-03</caption>');
    expect(en.text).toContain('67% (2 of 3)');

    const citizenWeb = new WebClient(t);
    await citizenWeb.signIn(citizen.email, citizen.password);
    expect((await citizenWeb.get('/statistics')).status).toBe(403);
    expect((await citizenWeb.get('/my/appeals')).text).not.toContain('href="/statistics"');
    expect((await citizenWeb.download('/statistics/appeals.csv?from=2026-01&to=2026-03')).status).toBe(403);
  });
});
