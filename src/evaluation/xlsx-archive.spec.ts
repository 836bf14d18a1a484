import JSZip from 'jszip';
import { crc32, deflateRawSync } from 'node:zlib';
import v1 from '../../config/methodology/v1.json';
import { deflatedZeros, zipWithDeclaredSizes } from '../../test/support/zip-bomb';
import { parseMethodology } from './domain';
import { buildTemplate, MAX_UNCOMPRESSED_BYTES, parseSelfAssessmentSheet } from './spreadsheet';
import { ArchiveError, checkedXlsxArchive } from './xlsx-archive';

const MiB = 1024 * 1024;
const methodology = parseMethodology(v1);

async function refusal(zip: Buffer, bound = MAX_UNCOMPRESSED_BYTES): Promise<ArchiveError> {
  const error = await checkedXlsxArchive(zip, bound).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

describe('checkedXlsxArchive', () => {
  it('hands on the same entries, byte for byte, for a real template', async () => {
    const template = await buildTemplate(methodology, { periodId: 'p', periodName: 'P', agencyId: 'a', agencyCode: 'A' }, [
      { registryNumber: '7.35', name: 'Elektron bəyannamə', answers: null },
    ]);
    const original = await JSZip.loadAsync(template);
    const checked = await JSZip.loadAsync(await checkedXlsxArchive(template, MAX_UNCOMPRESSED_BYTES));
    const names = Object.keys(original.files).filter((name) => !original.files[name].dir);
    expect(Object.keys(checked.files).sort()).toEqual(names.sort());
    for (const name of names) {
      expect(Buffer.compare(await checked.files[name].async('nodebuffer'), await original.files[name].async('nodebuffer'))).toBe(0);
    }
  });

  it('stops a 1 GiB bomb that declares 100 bytes after 101 bytes', async () => {
    const bomb = zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(1024), declaredSize: 100 }]);
    expect(bomb.length).toBeLessThan(2 * MiB);
    const error = await refusal(bomb);
    expect(error.reason).toBe('unreadable');
    expect(error.inflatedBytes).toBeLessThanOrEqual(101);
  });

  it('refuses a bomb that declares its true size before inflating a byte', async () => {
    const bomb = zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(1024), declaredSize: 1024 * MiB }]);
    const error = await refusal(bomb);
    expect(error).toMatchObject({ reason: 'too-large', inflatedBytes: 0 });
  });

  it('counts across entries: 40 entries of 1 MiB are 40 MiB', async () => {
    const piece = deflatedZeros(1);
    const bomb = zipWithDeclaredSizes(Array.from({ length: 40 }, (_, i) => ({ name: `e${i}.xml`, deflated: piece, declaredSize: MiB })));
    expect((await refusal(bomb)).reason).toBe('too-large');
  });

  it('refuses an entry whose bytes do not match its checksum', async () => {
    const data = Buffer.from('<worksheet/>');
    const zip = zipWithDeclaredSizes([{ name: 'a.xml', deflated: deflateRawSync(data), declaredSize: data.length }]);
    expect(crc32(data)).not.toBe(0);
    expect((await refusal(zip)).reason).toBe('unreadable');
  });

  it.each([
    ['not a zip', Buffer.from('not a zip at all, just some text')],
    ['an empty file', Buffer.alloc(0)],
    ['data before the first entry', (z: Buffer) => Buffer.concat([Buffer.from('prefix'), z])],
    ['a cut archive', (z: Buffer) => z.subarray(0, z.length - 10)],
  ] as const)('refuses %s', async (_label, make) => {
    const valid = await new JSZip().file('a.xml', '<a/>').generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const zip = typeof make === 'function' ? make(valid) : make;
    expect((await refusal(zip)).reason).toBe('unreadable');
  });

  it('makes the import refuse a bomb as too large or unreadable, never parsing it', async () => {
    const expected = { periodId: 'p', agencyId: 'a', registryNumbers: new Set<string>() };
    const lying = zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(512), declaredSize: 100 }]);
    expect((await parseSelfAssessmentSheet(lying, methodology, expected)).errors).toEqual([
      { field: 'file', message: 'The file is not a readable .xlsx spreadsheet.', row: 0, column: '' },
    ]);
    const honest = zipWithDeclaredSizes([{ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(512), declaredSize: 512 * MiB }]);
    expect((await parseSelfAssessmentSheet(honest, methodology, expected)).errors).toEqual([
      { field: 'file', message: 'The spreadsheet is too large once unpacked.', row: 0, column: '' },
    ]);
  });
});
