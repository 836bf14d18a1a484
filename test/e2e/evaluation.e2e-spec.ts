import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { E_SERVICE_SEED_FILE } from '../../src/evaluation/catalogue.service';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { withOwnerConnection } from '../support/owner-db';
import { startTestApp, TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The source's worked example, e-declaration: indicators 1-9 yes, 10-17 no. */
const E_DECLARATION = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [String(i + 1), i < 9]));
const ALL_YES = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [String(i + 1), true]));

function binaryParser(res: import('supertest').Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('service evaluation (e2e)', () => {
  const clock = new FixedClock(new Date('2026-04-15T10:00:00+04:00'));
  let t: TestApp;
  let actors: Actors;
  let admin: { Authorization: string };
  let official: TestUser;
  let supervisor: TestUser;
  let mtax: string;
  let periodId: string;

  const templateOf = async (): Promise<ExcelJS.Workbook> => {
    const response = await t.http
      .get(`/api/v1/evaluation/periods/${periodId}/agencies/${mtax}/self-assessment.xlsx`)
      .set(official.auth)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('content-type', XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    return workbook;
  };
  const upload = async (workbook: ExcelJS.Workbook, status: number) =>
    t.http
      .post(`/api/v1/evaluation/periods/${periodId}/agencies/${mtax}/self-assessment.xlsx`)
      .set(official.auth)
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), { filename: 'mtax.xlsx', contentType: XLSX })
      .expect(status);
  const draftRow = async () =>
    (await t.http.get(`/api/v1/evaluation/periods/${periodId}/results`).query({ view: 'draft' }).set(admin).expect(200)).body.items.find(
      (i: { agencyId: string }) => i.agencyId === mtax,
    );

  beforeAll(async () => {
    t = await startTestApp({ clock });
    actors = new Actors(t);
    admin = await actors.admin();
    mtax = await actors.agencyId('MTAX');
    official = await actors.staff('official', 'MTAX');
    supervisor = await actors.staff('supervisor', 'MTAX');
    periodId = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: '2026 I rüb', startsOn: '2026-01-01', endsOn: '2026-03-31' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('reproduces the worked examples through the calculators (sect. 2 and 4)', async () => {
    const maturity = await t.http.post('/api/v1/evaluation/maturity').send({ answers: E_DECLARATION }).expect(200);
    expect(maturity.body).toMatchObject({
      level: 3,
      levelsReached: [1, 2, 3],
      corruptionScore: 4,
      corruptionBand: 'good',
      methodologyVersion: '2026.1',
    });
    const infrastructure = await t.http
      .post('/api/v1/evaluation/infrastructure')
      .send({
        answers: {
          '1.1': true,
          '1.2': false,
          '1.3': true,
          '1.4': true,
          '1.5': true,
          '1.6': true,
          '2.1': true,
          '2.2': true,
          '2.3': true,
          '2.4': true,
          '2.5': 0.01,
          '2.6': 0.01,
          '2.7': 0.1,
          '3.1': true,
          '3.2': 0.05,
          '3.3': 0.1,
        },
      })
      .expect(200);
    expect(infrastructure.body.rounded).toEqual({
      components: { authenticSources: 0.83, eIdentity: 0.57, secureDelivery: 0.33 },
      index: 0.58,
    });
    expect(infrastructure.body.components.eIdentity).toBeCloseTo(4 / 7, 12);
    const bad = await t.http
      .post('/api/v1/evaluation/maturity')
      .send({ answers: { ...E_DECLARATION, '7': 'yes' } })
      .expect(422);
    expect(bad.body.errors).toEqual([{ field: 'answers.7', message: 'must be true or false' }]);
  });

  it('seeds the catalogue from seed 004 sect. 1.2', async () => {
    const { items: all } = (await t.http.get('/api/v1/evaluation/e-services').expect(200)).body;
    // Suites share one database and the admin pages' suite adds services: count the seeded ones.
    const seeded = new Set(
      (JSON.parse(readFileSync(E_SERVICE_SEED_FILE, 'utf8')) as { services: Array<{ registryNumber: string }> }).services.map(
        (s) => s.registryNumber,
      ),
    );
    const items = (all as Array<{ registryNumber: string }>).filter((s) => seeded.has(s.registryNumber));
    expect(items).toHaveLength(29);
    const byNumber = new Map(items.map((s: { registryNumber: string }) => [s.registryNumber, s]));
    expect(byNumber.get('7.35')).toMatchObject({ agencyId: mtax });
    expect(byNumber.get('2.15')).toMatchObject({ agencyId: await actors.agencyId('MIA'), name: 'Pasportun dəyişdirilməsi üçün müraciət' });
    expect(byNumber.get('30.1')).toMatchObject({ agencyId: await actors.agencyId('SSPF') });
  });

  it('refuses a spreadsheet with bad rows as a whole, naming row and column', async () => {
    const workbook = await templateOf();
    const sheet = workbook.getWorksheet('Özünüqiymətləndirmə')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('7.1');
    for (let r = 2; r <= sheet.rowCount; r++) for (let c = 3; c <= 19; c++) sheet.getCell(r, c).value = 'bəli';
    sheet.getCell(3, 9).value = 'bəlkə'; // row 3, indicator 7 (column I)
    sheet.getCell(4, 1).value = '2.15'; // not a Ministry of Taxes service
    const response = await upload(workbook, 422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'rows[3].7', message: '"bəlkə" is not bəli or xeyr', row: 3, column: 'I' },
      { field: 'rows[4].registryNumber', message: "e-service 2.15 is not one of this agency's", row: 4, column: 'A' },
    ]);
    const stored = await t.http
      .get(`/api/v1/evaluation/periods/${periodId}/agencies/${mtax}/self-assessments`)
      .set(official.auth)
      .expect(200);
    expect(stored.body.items).toEqual([]);
  });

  it('imports a filled spreadsheet, publishes, and keeps the snapshot when an answer changes later', async () => {
    const workbook = await templateOf();
    const sheet = workbook.getWorksheet('Özünüqiymətləndirmə')!;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const eDeclaration = sheet.getRow(r).getCell(1).value === '7.1';
      for (let c = 3; c <= 19; c++) sheet.getCell(r, c).value = eDeclaration ? (c - 2 <= 9 ? 'bəli' : 'xeyr') : c <= 4 ? 1 : 0; // others: 1 and 2 only, level 1
    }
    const imported = await upload(workbook, 200);
    expect(imported.body.imported).toBe(6);
    const declaration = imported.body.items.find((i: { registryNumber: string }) => i.registryNumber === '7.1');
    expect(declaration).toMatchObject({
      level: 3,
      corruptionScore: 4,
      corruptionBand: 'good',
      methodologyVersion: '2026.1',
      source: 'xlsx',
    });

    // The template comes back pre-filled with what was imported.
    const again = (await templateOf()).getWorksheet('Özünüqiymətləndirmə')!;
    expect(again.getRow(2).getCell(3).value).toBe('bəli');

    // Sect. 3: N = 8 services could be electronic, M = the 6 in the catalogue: 75 %, yellow.
    await t.http
      .put(`/api/v1/evaluation/periods/${periodId}/agencies/${mtax}/services-count`)
      .set(supervisor.auth)
      .send({ servicesTotal: 8 })
      .expect(204);
    const draft = await draftRow();
    expect(draft.digitisation).toMatchObject({ servicesTotal: 8, servicesElectronic: 6, share: 0.75, colour: 'yellow' });
    expect(draft.maturity.levels).toEqual({ '0': 0, '1': 5, '2': 0, '3': 1, '4': 0, '5': 0 });
    expect(draft.services.find((s: { registryNumber: string }) => s.registryNumber === '7.1').assessment.level).toBe(3);

    const published = await t.http.post(`/api/v1/evaluation/periods/${periodId}/publish`).set(admin).expect(201);
    expect(published.body).toMatchObject({ methodologyVersion: '2026.1', calendarVersion: expect.any(Number) });
    await t.http.post(`/api/v1/evaluation/periods/${periodId}/publish`).set(admin).expect(409);

    // A later answer: the draft moves, the published snapshot does not.
    const declarationService = draft.services.find((s: { registryNumber: string }) => s.registryNumber === '7.1');
    const changed = await t.http
      .put(`/api/v1/evaluation/periods/${periodId}/self-assessments/${declarationService.eServiceId}`)
      .set(official.auth)
      .send({ answers: ALL_YES })
      .expect(200);
    expect(changed.body).toMatchObject({ level: 5, corruptionScore: 11, source: 'api' });
    const moved = await draftRow();
    expect(moved.maturity.levels['5']).toBe(1);
    const frozen = (await t.http.get(`/api/v1/evaluation/periods/${periodId}/results`).set(admin).expect(200)).body;
    expect(frozen).toMatchObject({ status: 'published', methodologyVersion: '2026.1' });
    const frozenRow = frozen.items.find((i: { agencyId: string }) => i.agencyId === mtax);
    expect(frozenRow.maturity.levels).toEqual({ '0': 0, '1': 5, '2': 0, '3': 1, '4': 0, '5': 0 });
    expect(frozenRow.services.find((s: { registryNumber: string }) => s.registryNumber === '7.1').assessment.level).toBe(3);

    // The snapshot cannot be rewritten even by the application's database role.
    await expect(
      withOwnerConnection((db) => db.query(`SET ROLE emuraciet_app; UPDATE evaluation_snapshots SET min_cohort = 0`)),
    ).rejects.toThrow();

    // The public variant: no login, agencies only, no answers.
    const publicView = (await t.http.get(`/api/v1/evaluation/public/periods/${periodId}`).expect(200)).body;
    const publicRow = publicView.items.find((i: { agencyId: string }) => i.agencyId === mtax);
    expect(publicRow).toMatchObject({ agencyCode: 'MTAX', maturity: { levels: { '3': 1 } } });
    expect(publicRow.services).toBeUndefined();
    expect(JSON.stringify(publicView)).not.toContain('answers');
    expect((await t.http.get('/api/v1/evaluation/public/periods').expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(
      periodId,
    );
  });

  it('lets only the providing agency answer for its e-services', async () => {
    const mia = await actors.staff('official', 'MIA');
    const { items } = (await t.http.get('/api/v1/evaluation/e-services').query({ agencyId: mtax }).expect(200)).body;
    await t.http
      .put(`/api/v1/evaluation/periods/${periodId}/self-assessments/${items[0].id}`)
      .set(mia.auth)
      .send({ answers: ALL_YES })
      .expect(403);
  });

  it('exports the league table as CSV and XLSX for supervisors; officials may not read it', async () => {
    const csv = await t.http
      .get('/api/v1/evaluation/agencies/export')
      .query({ from: '2026-01-01', to: '2026-03-31', format: 'csv' })
      .set(supervisor.auth)
      .expect(200)
      .expect('content-type', /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0].startsWith('rank,agencyCode,agencyName')).toBe(true);
    expect(lines.some((l) => l.includes(',MTAX,'))).toBe(true);
    expect(lines.some((l) => l.includes(',MIA,'))).toBe(false); // outside the supervisor's subtree
    await t.http
      .get('/api/v1/evaluation/agencies/export')
      .query({ from: '2026-01-01', to: '2026-03-31', format: 'xlsx' })
      .set(admin)
      .expect(200)
      .expect('content-type', XLSX);
    await t.http.get('/api/v1/evaluation/agencies').query({ from: '2026-01-01', to: '2026-03-31' }).set(official.auth).expect(403);
    const reversed = await t.http.get('/api/v1/evaluation/agencies').query({ from: '2026-03-31', to: '2026-01-01' }).set(admin).expect(422);
    expect(reversed.body.errors[0].field).toBe('to');
  });

  it("counts a complaint about an e-service in that service's row (sect. 5)", async () => {
    const { items } = (await t.http.get('/api/v1/evaluation/e-services').query({ agencyId: mtax }).expect(200)).body;
    const [service, other] = items as Array<{ id: string }>;
    const citizen = await actors.citizen();
    const complaint = (eServiceId: string) => ({
      type: 'complaint',
      agencyId: mtax,
      subject: 'Elektron xidmət işləmir',
      text: 'Onlayn bəyannamə xidməti üç gündür açılmır, bəyannaməni təqdim edə bilmirəm.',
      applicant: { kind: 'natural', fullName: 'Əliyev Vüqar', address: 'Bakı', email: citizen.email },
      eServiceId,
    });
    const filed = (await t.http.post('/api/v1/appeals').set(citizen.auth).send(complaint(service.id)).expect(201)).body;
    expect(filed.eServiceId).toBe(service.id);
    const unknown = await t.http
      .post('/api/v1/appeals')
      .set(citizen.auth)
      .send(complaint('00000000-0000-4000-8000-000000000000'))
      .expect(422);
    expect(unknown.body.errors[0].field).toBe('eServiceId');

    const detail = (
      await t.http
        .get(`/api/v1/evaluation/agencies/${mtax}`)
        .query({ from: '2026-04-01', to: '2026-06-30' })
        .set(supervisor.auth)
        .expect(200)
    ).body;
    const rowOf = (id: string) => detail.services.find((s: { eServiceId: string }) => s.eServiceId === id);
    expect(rowOf(service.id).complaints).toBe(1);
    expect(rowOf(other.id).complaints).toBe(0);
    const before = (
      await t.http
        .get(`/api/v1/evaluation/agencies/${mtax}`)
        .query({ from: '2026-01-01', to: '2026-03-31' })
        .set(supervisor.auth)
        .expect(200)
    ).body;
    expect(before.services.find((s: { eServiceId: string }) => s.eServiceId === service.id).complaints).toBe(0);
  });
});
