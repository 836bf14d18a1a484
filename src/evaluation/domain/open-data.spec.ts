import { Package } from 'datapackage';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvTable } from '../spreadsheet';
import { OPEN_DATA_CSV, OpenDataItem, OpenDataPeriod, openDataPackage, openDataRows } from './open-data';

const PERIOD: OpenDataPeriod = {
  id: '6b0c2a7e-3f43-4a55-9d0c-2f7c1f0b9a11',
  name: '2026, I rüb',
  startsOn: '2026-01-01',
  endsOn: '2026-03-31',
  publishedAt: '2026-04-10T08:00:00.000Z',
  methodologyVersion: '2026.1',
};

const ITEMS: OpenDataItem[] = [
  {
    agencyId: '0d5b6c1e-8f0a-4d3b-9a57-1b2c3d4e5f60',
    agencyCode: 'MTAX',
    agencyName: 'Vergilər Nazirliyi',
    rank: 1,
    responsiveness: {
      dueCohort: 40,
      referralCohort: 25,
      onTimeReviewRate: 0.925,
      onTimeReferralRate: 0.88,
      medianWorkingDaysToAnswer: 9,
      p90WorkingDaysToAnswer: 14,
      extensionRate: 0.05,
      openOverdue: 2,
      satisfactionRate: 0.7,
      index: 86.4,
      colour: 'green',
      insufficientData: false,
    },
    digitisation: { servicesTotal: 20, servicesElectronic: 15, share: 0.75, colour: 'yellow' },
    maturity: { assessed: 3, levels: { '0': 0, '1': 0, '2': 1, '3': 1, '4': 1, '5': 0 } },
  },
  {
    agencyId: '7a1e2f3d-4c5b-4a69-8e7d-6c5b4a392817',
    agencyCode: 'MIA',
    agencyName: '-Daxili İşlər, "test"',
    rank: null,
    // Small cohorts: the public view withholds the rates (null -> empty field).
    responsiveness: {
      dueCohort: 3,
      referralCohort: 0,
      onTimeReviewRate: null,
      onTimeReferralRate: null,
      medianWorkingDaysToAnswer: null,
      p90WorkingDaysToAnswer: null,
      extensionRate: null,
      openOverdue: 0,
      satisfactionRate: null,
      index: null,
      colour: null,
      insufficientData: true,
    },
    digitisation: { servicesTotal: null, servicesElectronic: null, share: null, colour: null },
    maturity: { assessed: 0, levels: { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
  },
];

describe('open data of a published period', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-data-'));
    const { header, rows } = openDataRows(PERIOD, ITEMS);
    writeFileSync(join(dir, OPEN_DATA_CSV), csvTable(header, rows));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a valid Frictionless Tabular Data Package (the reference validator, with its profiles)', async () => {
    const dataPackage = await Package.load(openDataPackage(PERIOD, 'https://muraciet.gov.az/api/v1/evaluation/public/periods/x'), {
      basePath: dir,
    });
    expect(dataPackage.errors.map(String)).toEqual([]);
    expect(dataPackage.valid).toBe(true);
  });

  it("has a CSV whose header is the schema's fields, every value casting to its declared type and constraints", async () => {
    const dataPackage = await Package.load(openDataPackage(PERIOD, 'https://x.az/p'), { basePath: dir });
    const resource = dataPackage.getResource('agencies')!;
    const rows = await resource.read({ keyed: true, cast: true });
    expect(resource.headers).toEqual(dataPackage.descriptor.resources[0].schema.fields.map((f) => f.name));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      agency_code: 'MTAX',
      rank: 1,
      on_time_review_rate: 0.925,
      insufficient_data: false,
      maturity_level_4: 1,
    });
    // Withheld rates are empty, i.e. missing values, not zeros.
    expect(rows[1]).toMatchObject({ rank: null, on_time_review_rate: null, responsiveness_index: null, insufficient_data: true });
  });

  it('describes every field with a type, title and description', () => {
    const schema = (
      openDataPackage(PERIOD, 'https://x.az/p') as { resources: Array<{ schema: { fields: Array<Record<string, unknown>> } }> }
    ).resources[0].schema;
    for (const field of schema.fields) {
      expect(field).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          type: expect.any(String),
          title: expect.any(String),
          description: expect.any(String),
        }),
      );
    }
  });

  it('refuses a CSV that does not match the schema (the check is real)', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'open-data-bad-'));
    try {
      const { header, rows } = openDataRows(PERIOD, ITEMS);
      writeFileSync(
        join(bad, OPEN_DATA_CSV),
        csvTable(
          header.slice(1),
          rows.map((row) => row.slice(1)),
        ),
      );
      const dataPackage = await Package.load(openDataPackage(PERIOD, 'https://x.az/p'), { basePath: bad });
      await expect(dataPackage.getResource('agencies')!.read({ keyed: true })).rejects.toThrow(/header/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
