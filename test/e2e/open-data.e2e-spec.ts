import { Package } from 'datapackage';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/platform/clock/clock';
import { Actors, TestUser } from '../support/actors';
import { startTestApp, TestApp } from '../support/test-app';
import { assign, baku, caseStaff, recordPaperAppeal } from '../support/timers';

/**
 * Issue 16's open data: a published evaluation period downloads, without login, as a CSV and a
 * Frictionless datapackage.json; Frictionless's own JavaScript library validates the package and
 * reads every CSV row against the schema.
 */
describe('open data of published periods (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let periodId: string;
  let draftId: string;
  let registrar: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(baku('2025-12-15', '10:00:00')) });
    const actors = new Actors(t);
    const admin = await actors.admin();
    const made = await caseStaff(t, actors, 'CABMIN');
    registrar = made.registrar;
    // A case answered in the period, so the agency has figures (a cohort of one: withheld publicly).
    const appeal = await recordPaperAppeal(t, registrar, made.agency, '2025-12-15');
    const assigned = await assign(t, registrar, appeal, made.official.id);
    await t.http
      .post(`/api/v1/appeals/${appeal.id}/answer`)
      .set(made.official.auth)
      .send({ text: 'Müraciətiniz araşdırıldı, küçə işıqlandırması bərpa edildi və nəzarətə götürüldü.', version: assigned.version })
      .expect(200);
    periodId = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: '2025 IV rüb', startsOn: '2025-10-01', endsOn: '2025-12-31' })
        .expect(201)
    ).body.id;
    await t.http
      .put(`/api/v1/evaluation/periods/${periodId}/agencies/${made.agency}/services-count`)
      .set(admin)
      .send({ servicesTotal: 4, servicesElectronic: 3 })
      .expect(204);
    await t.http.post(`/api/v1/evaluation/periods/${periodId}/publish`).set(admin).expect(201);
    draftId = (
      await t.http
        .post('/api/v1/evaluation/periods')
        .set(admin)
        .send({ name: 'Qaralama', startsOn: '2025-07-01', endsOn: '2025-07-31' })
        .expect(201)
    ).body.id;
    dir = mkdtempSync(join(tmpdir(), 'open-data-e2e-'));
  }, 60_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('is a valid Frictionless data package whose CSV matches its schema, row for row with the public view', async () => {
    const base = `/api/v1/evaluation/public/periods/${periodId}`;
    const descriptor = (await t.http.get(`${base}/datapackage.json`).expect(200)).body as { resources: Array<{ path: string }> };
    const csv = await t.http.get(`${base}/${descriptor.resources[0].path}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    writeFileSync(join(dir, descriptor.resources[0].path), csv.text);

    const dataPackage = await Package.load(descriptor, { basePath: dir });
    expect(dataPackage.errors.map(String)).toEqual([]);
    expect(dataPackage.valid).toBe(true);
    const resource = dataPackage.getResource('agencies')!;
    // Every value casts to its field's type and constraints, or the read throws.
    const rows = await resource.read({ keyed: true, cast: true });
    expect(resource.headers).toEqual(dataPackage.descriptor.resources[0].schema.fields.map((f) => f.name));

    const view = (await t.http.get(base).expect(200)).body as { items: Array<{ agencyId: string; digitisation: object }> };
    expect(rows.map((r) => r.agency_id)).toEqual(view.items.map((i) => i.agencyId));
    const mine = rows.find((r) => r.services_total === 4);
    expect(mine).toMatchObject({
      services_electronic: 3,
      digitisation_share: 0.75,
      period_id: periodId,
      on_time_review_rate: null,
      insufficient_data: true,
    });
  });

  it('holds no personal data: aggregates by agency only', async () => {
    const csv = (await t.http.get(`/api/v1/evaluation/public/periods/${periodId}/agencies.csv`).expect(200)).text;
    const header = csv.split('\r\n')[0].split(',');
    expect(header.filter((name) => /name|email|phone|address|applicant|user|official|text|subject/.test(name))).toEqual(['agency_name']);
    expect(csv).not.toMatch(/@|Məmmədova|Aygün|küçə/i);
    expect(csv).not.toContain(registrar.id);
  });

  it('exists for published periods only', async () => {
    await t.http.get(`/api/v1/evaluation/public/periods/${draftId}/datapackage.json`).expect(404);
    await t.http.get(`/api/v1/evaluation/public/periods/${draftId}/agencies.csv`).expect(404);
    await t.http.get('/api/v1/evaluation/public/periods/00000000-0000-4000-8000-000000000000/agencies.csv').expect(404);
    await t.http.get('/api/v1/evaluation/public/periods/not-an-id/datapackage.json').expect(404);
  });
});
