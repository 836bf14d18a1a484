import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { Actors, TestUser } from '../support/actors';
import { ContractClient } from '../support/openapi-contract';
import { CONTRACT_OWNERS } from '../support/openapi-contract-owners';
import { loadSwaggerPluginMetadata } from '../support/openapi-metadata';
import { E_DECLARATION, fillTemplate, XLSX } from '../support/self-assessment-sheet';
import { startTestApp, TestApp } from '../support/test-app';
import { caseStaff } from '../support/timers';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const ALL_YES = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [String(i + 1), true]));
const INFRASTRUCTURE = {
  ...Object.fromEntries(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4', '3.1'].map((n) => [n, true])),
  '2.5': 0.01,
  '2.6': 0.01,
  '2.7': 0.1,
  '3.2': 0.05,
  '3.3': 0.1,
};

function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * Issue 14 "The OpenAPI document tells the whole truth", the evaluation's operations: the public
 * calculators, the e-service catalogue, a period's self-assessments (as JSON and as a
 * spreadsheet), its publication and open data, and the league table. Each owned operation answers
 * a success and a documented error, every answer checked against the document
 * (test/support/openapi-contract.ts). The services assessed belong to an agency made for this suite.
 */
describe('the OpenAPI document against real responses: evaluation (e2e)', () => {
  const owned = CONTRACT_OWNERS.evaluation;
  let t: TestApp;
  let api: ContractClient;
  let admin: Record<string, string>;
  let staff: { agency: string; official: TestUser; supervisor: TestUser };
  let citizen: TestUser;
  let periodId: string;
  let eServiceId: string;

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    t = await startTestApp();
    api = await ContractClient.start(t);
    const actors = new Actors(t);
    admin = await actors.admin();
    citizen = await actors.citizen();
    staff = await caseStaff(t, actors, 'MTAX');
  }, 120_000);

  afterAll(() => t?.close());

  it('answers the public calculators as documented', async () => {
    await api.call('post', '/api/v1/evaluation/maturity', { body: { answers: ALL_YES }, expect: 200 });
    await api.call('post', '/api/v1/evaluation/maturity', { body: { answers: { ...ALL_YES, '7': 'yes' } }, expect: 422 });
    await api.call('post', '/api/v1/evaluation/infrastructure', { body: { answers: INFRASTRUCTURE }, expect: 200 });
    await api.call('post', '/api/v1/evaluation/infrastructure', { body: { answers: { '1.1': 'maybe' } }, expect: 422 });
    await api.call('post', '/api/v1/evaluation/infrastructure', { raw: { contentType: 'application/json', data: '{' }, expect: 400 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the e-service catalogue and the periods as documented', async () => {
    const registryNumber = `${randomInt(100, 999)}.${randomInt(100, 999)}`;
    const body = { registryNumber, name: 'Müqavilə xidməti', agencyId: staff.agency };
    const created = await api.call('post', '/api/v1/evaluation/e-services', { as: admin, body, expect: 201 });
    eServiceId = (created.body as { id: string }).id;
    await api.call('post', '/api/v1/evaluation/e-services', { as: admin, body, expect: 409 });
    await api.call('post', '/api/v1/evaluation/e-services', { as: admin, body: { ...body, registryNumber: 'seven' }, expect: 422 });
    await api.call('get', '/api/v1/evaluation/e-services', { query: { agencyId: staff.agency }, expect: 200 });
    await api.call('get', '/api/v1/evaluation/e-services', { query: { agencyId: 'all' }, expect: 422 });
    await api.call('patch', '/api/v1/evaluation/e-services/{id}', {
      as: admin,
      params: { id: eServiceId },
      body: { nameEn: 'Contract service' },
      expect: 200,
    });
    await api.call('patch', '/api/v1/evaluation/e-services/{id}', {
      as: admin,
      params: { id: UNKNOWN },
      body: { active: true },
      expect: 404,
    });

    const period = await api.call('post', '/api/v1/evaluation/periods', {
      as: admin,
      body: { name: `Müqavilə dövrü ${registryNumber}`, startsOn: '2024-01-01', endsOn: '2024-06-30' },
      expect: 201,
    });
    periodId = (period.body as { id: string }).id;
    await api.call('post', '/api/v1/evaluation/periods', {
      as: admin,
      body: { name: 'Tərs dövr', startsOn: '2024-06-30', endsOn: '2024-01-01' },
      expect: 422,
    });
    await api.call('get', '/api/v1/evaluation/periods', { as: staff.official.auth, expect: 200 });
    await api.call('get', '/api/v1/evaluation/periods', { as: citizen.auth, expect: 403 });
    expect(api.takeFindings()).toEqual([]);
  });

  it("answers an agency's self-assessment of a period, as JSON and as a spreadsheet, as documented", async () => {
    const onAgency = { id: periodId, agencyId: staff.agency };
    const template = '/api/v1/evaluation/periods/{id}/agencies/{agencyId}/self-assessment.xlsx';
    await api.call('get', template, { as: staff.official.auth, params: onAgency, expect: 200 });
    await api.call('get', template, { as: staff.official.auth, params: { ...onAgency, id: UNKNOWN }, expect: 404 });
    const blank = (
      await t.http
        .get(`/api/v1/evaluation/periods/${periodId}/agencies/${staff.agency}/self-assessment.xlsx`)
        .set(staff.official.auth)
        .buffer(true)
        .parse(binaryParser)
        .expect(200)
    ).body as Buffer;
    const file = (data: Buffer) => ({ files: { file: { data, filename: 'xidmetler.xlsx', contentType: XLSX } } });
    await api.call('post', template, {
      as: staff.official.auth,
      params: onAgency,
      multipart: file(await fillTemplate(blank, E_DECLARATION)),
      expect: 200,
    });
    await api.call('post', template, {
      as: staff.official.auth,
      params: onAgency,
      multipart: file(Buffer.from('not a workbook')),
      expect: 422,
    });

    const answer = '/api/v1/evaluation/periods/{id}/self-assessments/{eServiceId}';
    await api.call('put', answer, {
      as: staff.official.auth,
      params: { id: periodId, eServiceId },
      body: { answers: ALL_YES },
      expect: 200,
    });
    await api.call('put', answer, {
      as: staff.official.auth,
      params: { id: periodId, eServiceId },
      body: { answers: { '1': 'da' } },
      expect: 422,
    });
    const list = '/api/v1/evaluation/periods/{id}/agencies/{agencyId}/self-assessments';
    await api.call('get', list, { as: staff.official.auth, params: onAgency, expect: 200 });
    await api.call('get', list, { as: citizen.auth, params: onAgency, expect: 403 });

    const count = '/api/v1/evaluation/periods/{id}/agencies/{agencyId}/services-count';
    await api.call('put', count, { as: staff.supervisor.auth, params: onAgency, body: { servicesTotal: 2 }, expect: 204 });
    await api.call('put', count, { as: staff.supervisor.auth, params: onAgency, body: { servicesTotal: -1 }, expect: 422 });
    expect(api.takeFindings()).toEqual([]);
  });

  it('answers the survey, results, publication and open data of a period as documented', async () => {
    const onPeriod = { id: periodId };
    await api.call('put', '/api/v1/evaluation/periods/{id}/infrastructure', {
      as: admin,
      params: onPeriod,
      body: { answers: INFRASTRUCTURE },
      expect: 200,
    });
    await api.call('put', '/api/v1/evaluation/periods/{id}/infrastructure', {
      as: staff.supervisor.auth,
      params: onPeriod,
      body: { answers: INFRASTRUCTURE },
      expect: 403,
    });
    const results = '/api/v1/evaluation/periods/{id}/results';
    await api.call('get', results, { as: admin, params: onPeriod, query: { view: 'draft' }, expect: 200 });
    await api.call('get', results, { as: admin, params: onPeriod, query: { view: 'published' }, expect: 404 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}', { params: onPeriod, expect: 404 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}/datapackage.json', { params: onPeriod, expect: 404 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}/agencies.csv', { params: onPeriod, expect: 404 });

    await api.call('post', '/api/v1/evaluation/periods/{id}/publish', { as: admin, params: onPeriod, expect: 201 });
    await api.call('post', '/api/v1/evaluation/periods/{id}/publish', { as: admin, params: onPeriod, expect: 409 });
    await api.call('post', '/api/v1/evaluation/periods/{id}/publish', { as: admin, params: { id: UNKNOWN }, expect: 404 });
    await api.call('get', results, { as: staff.supervisor.auth, params: onPeriod, expect: 200 });
    await api.call('get', '/api/v1/evaluation/public/periods', { expect: 200 });
    await api.call('get', '/api/v1/evaluation/public/periods', { query: { q: '\u0000' }, expect: 422 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}', { params: onPeriod, expect: 200 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}/datapackage.json', { params: onPeriod, expect: 200 });
    await api.call('get', '/api/v1/evaluation/public/periods/{id}/agencies.csv', { params: onPeriod, expect: 200 });
    expect(api.takeFindings()).toEqual([]);
  }, 60_000);

  it('answers the league table, its export and the appeal statistics as documented', async () => {
    const range = { from: '2026-01-01', to: '2026-03-31' };
    await api.call('get', '/api/v1/evaluation/agencies', { as: staff.supervisor.auth, query: range, expect: 200 });
    await api.call('get', '/api/v1/evaluation/agencies', { as: admin, query: { from: range.to, to: range.from }, expect: 422 });
    await api.call('get', '/api/v1/evaluation/agencies', { as: staff.official.auth, query: range, expect: 403 });
    await api.call('get', '/api/v1/evaluation/agencies/{id}', { as: admin, params: { id: staff.agency }, query: range, expect: 200 });
    await api.call('get', '/api/v1/evaluation/agencies/{id}', { as: admin, params: { id: UNKNOWN }, query: range, expect: 404 });
    const exported = '/api/v1/evaluation/agencies/export';
    await api.call('get', exported, { as: admin, query: { ...range, format: 'csv' }, expect: 200 });
    await api.call('get', exported, { as: admin, query: { ...range, format: 'xlsx' }, expect: 200 });
    await api.call('get', exported, { as: admin, query: { ...range, format: 'pdf' }, expect: 422 });

    const statistics = '/api/v1/statistics/appeals';
    const months = { from: '2026-01', to: '2026-03' };
    await api.call('get', statistics, { as: staff.supervisor.auth, query: months, expect: 200 });
    await api.call('get', statistics, { as: staff.supervisor.auth, query: { ...months, format: 'csv' }, expect: 200 });
    await api.call('get', statistics, { as: admin, query: { ...months, format: 'xlsx' }, expect: 200 });
    await api.call('get', statistics, { as: staff.supervisor.auth, query: { ...months, from: '2026-13' }, expect: 422 });
    await api.call('get', statistics, { as: citizen.auth, query: months, expect: 403 });
    expect(api.takeFindings()).toEqual([]);
  }, 60_000);

  it('drove every operation it owns to a documented success and error', () => {
    expect(api.uncovered(owned)).toEqual([]);
    expect(api.drivenOutside(owned)).toEqual([]);
  });
});
