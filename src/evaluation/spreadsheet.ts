import ExcelJS from 'exceljs';
import { FieldError } from '../platform/errors/domain-error';
import { Methodology } from './domain';
import { ArchiveError, checkedXlsxArchive } from './xlsx-archive';

/**
 * The source's Excel workflow (seed 004 sect. 1.2: "usually the data is collected in an Excel
 * table filled in once a year"): a pre-filled template per agency and period, imported back.
 */
export const SHEET = 'Özünüqiymətləndirmə';
const INDICATORS_SHEET = 'Göstəricilər';
const META_SHEET = 'meta';
const YES = 'bəli';
const NO = 'xeyr';
const ANSWER_WORDS = new Map<string, boolean>([
  [YES, true],
  ['beli', true],
  ['yes', true],
  ['true', true],
  ['1', true],
  [NO, false],
  ['xeyr', false],
  ['no', false],
  ['false', false],
  ['0', false],
]);
/** A catalogue holds tens of services per agency; far more rows is not a self-assessment. */
export const MAX_IMPORT_ROWS = 1000;
/** An .xlsx is a zip: refuse one that inflates beyond this (a zip bomb) before parsing it (xlsx-archive.ts). */
export const MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024;

export interface TemplateService {
  readonly registryNumber: string;
  readonly name: string;
  readonly answers: Readonly<Record<string, boolean>> | null;
}

/** A row error with where it is in the sheet (row number and column letter as Excel shows them). */
export interface CellError extends FieldError {
  readonly row: number;
  readonly column: string;
}

export interface ImportedRow {
  readonly row: number;
  readonly registryNumber: string;
  readonly answers: Record<string, boolean>;
}

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function buildTemplate(
  methodology: Methodology,
  meta: { periodId: string; periodName: string; agencyId: string; agencyCode: string },
  services: readonly TemplateService[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET);
  const numbers = methodology.indicators.map((d) => String(d.number));
  sheet.addRow(['Reyestr nömrəsi', 'Elektron xidmət', ...numbers]);
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(2).width = 50;
  for (const service of services) {
    sheet.addRow([service.registryNumber, service.name, ...numbers.map((n) => (service.answers ? (service.answers[n] ? YES : NO) : null))]);
  }
  // A drop-down of bəli / xeyr in every answer cell keeps typos out at the source.
  for (let r = 2; r <= services.length + 1; r++) {
    for (let c = 3; c < 3 + numbers.length; c++) {
      sheet.getCell(r, c).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${YES},${NO}"`] };
    }
  }
  const indicators = workbook.addWorksheet(INDICATORS_SHEET);
  indicators.addRow(['#', 'Göstərici', 'Indicator']);
  for (const d of methodology.indicators) indicators.addRow([d.number, d.name.az, d.name.en]);
  const metaSheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  metaSheet.addRow(['periodId', meta.periodId]);
  metaSheet.addRow(['periodName', meta.periodName]);
  metaSheet.addRow(['agencyId', meta.agencyId]);
  metaSheet.addRow(['agencyCode', meta.agencyCode]);
  metaSheet.addRow(['methodologyVersion', methodology.version]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads a filled template. Every problem is reported with its row and column, and nothing is
 * returned for writing unless the whole sheet is valid.
 */
export async function parseSelfAssessmentSheet(
  content: Buffer,
  methodology: Methodology,
  expected: { periodId: string; agencyId: string; registryNumbers: ReadonlySet<string> },
): Promise<{ rows: ImportedRow[]; errors: CellError[] }> {
  const fileError = (message: string) => ({ rows: [], errors: [{ field: 'file', message, row: 0, column: '' }] });
  let checked: Buffer;
  try {
    checked = await checkedXlsxArchive(content, MAX_UNCOMPRESSED_BYTES);
  } catch (error) {
    const tooLarge = error instanceof ArchiveError && error.reason === 'too-large';
    return fileError(tooLarge ? 'The spreadsheet is too large once unpacked.' : 'The file is not a readable .xlsx spreadsheet.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(checked);
  } catch {
    return fileError('The file is not a readable .xlsx spreadsheet.');
  }
  const sheet = workbook.getWorksheet(SHEET);
  if (!sheet) return fileError(`The sheet "${SHEET}" is missing; start from the exported template.`);
  const meta = workbook.getWorksheet(META_SHEET);
  const metaValue = (key: string) => {
    let found: string | undefined;
    meta?.eachRow((row) => {
      if (cellText(row.getCell(1).value) === key) found = cellText(row.getCell(2).value);
    });
    return found;
  };
  if (meta && (metaValue('periodId') !== expected.periodId || metaValue('agencyId') !== expected.agencyId)) {
    return fileError('This template was exported for another period or agency.');
  }
  const numbers = methodology.indicators.map((d) => String(d.number));
  const header = numbers.map((_, i) => cellText(sheet.getRow(1).getCell(3 + i).value));
  if (header.join(',') !== numbers.join(',')) {
    return fileError(`Row 1 must name the indicators ${numbers[0]}..${numbers[numbers.length - 1]} from column C on.`);
  }
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) return fileError(`At most ${MAX_IMPORT_ROWS} rows may be imported at once.`);

  const rows: ImportedRow[] = [];
  const errors: CellError[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = [1, ...numbers.map((_, i) => 3 + i)].map((c) => cellText(row.getCell(c).value));
    if (cells.every((c) => c === '')) continue; // blank lines between services are harmless
    const add = (column: number, field: string, message: string) =>
      errors.push({ field: `rows[${r}].${field}`, message, row: r, column: columnLetter(column) });
    const registryNumber = cells[0];
    if (!expected.registryNumbers.has(registryNumber)) {
      add(
        1,
        'registryNumber',
        registryNumber === '' ? 'missing registry number' : `e-service ${registryNumber} is not one of this agency's`,
      );
    } else if (seen.has(registryNumber)) {
      add(1, 'registryNumber', `e-service ${registryNumber} is also on row ${seen.get(registryNumber)}`);
    } else {
      seen.set(registryNumber, r);
    }
    const answers: Record<string, boolean> = {};
    numbers.forEach((n, i) => {
      const text = cells[i + 1].toLowerCase();
      const value = ANSWER_WORDS.get(text);
      if (value === undefined) add(3 + i, n, text === '' ? 'missing answer' : `"${cells[i + 1].slice(0, 20)}" is not ${YES} or ${NO}`);
      else answers[n] = value;
    });
    rows.push({ row: r, registryNumber, answers });
  }
  if (errors.length === 0 && rows.length === 0) return fileError('The sheet has no filled rows.');
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text).trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value).trim();
}

/** Flat columns of a league row, shared by the CSV and XLSX exports. */
export const LEAGUE_COLUMNS = [
  'rank',
  'agencyCode',
  'agencyName',
  'from',
  'to',
  'dueCohort',
  'onTime',
  'onTimeReviewRate',
  'referralCohort',
  'onTimeReferralRate',
  'medianWorkingDaysToAnswer',
  'p90WorkingDaysToAnswer',
  'extensionRate',
  'openOverdue',
  'pending',
  'satisfactionRate',
  'index',
  'colour',
  'insufficientData',
  'servicesTotal',
  'servicesElectronic',
  'share',
  'digitisationColour',
] as const;

export type LeagueRecord = Record<(typeof LEAGUE_COLUMNS)[number], string | number | boolean | null>;

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet program (CSV injection).
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function leagueCsv(records: readonly LeagueRecord[]): string {
  return csvTable(
    LEAGUE_COLUMNS,
    records.map((r) => LEAGUE_COLUMNS.map((c) => r[c])),
  );
}

/** RFC 4180 CSV (CRLF lines, a header row); null is an empty field. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function leagueXlsx(records: readonly LeagueRecord[]): Promise<Buffer> {
  return xlsxTable(
    'Reytinq',
    LEAGUE_COLUMNS,
    records.map((r) => LEAGUE_COLUMNS.map((c) => r[c])),
  );
}

/** One sheet: a bold header row kept in view while scrolling, then the rows as values (never formulas). */
export async function xlsxTable(
  sheetName: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
