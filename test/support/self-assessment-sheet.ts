import ExcelJS from 'exceljs';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Fills a downloaded self-assessment template: every service row gets `answers` (indicator number
 * -> yes/no), written in the template's own words "bəli" / "xeyr".
 */
export async function fillTemplate(template: Buffer, answers: (indicator: number) => boolean | string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template);
  const sheet = workbook.worksheets[0];
  for (let r = 2; r <= sheet.rowCount; r++) {
    for (let n = 1; n <= 17; n++) {
      const answer = answers(n);
      sheet.getRow(r).getCell(2 + n).value = typeof answer === 'string' ? answer : answer ? 'bəli' : 'xeyr';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Methodology sect. 2's worked example ("Elektron bəyannamə"): 1-9 yes, 10-17 no -> level 3, corruption score 4. */
export const E_DECLARATION = (n: number): boolean => n <= 9;
