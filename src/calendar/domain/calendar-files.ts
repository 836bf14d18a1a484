/**
 * Reads the shipped calendar years from config/calendar/YYYY.json. The only I/O of the calendar
 * domain: used at boot and in tests; the admin API stores years in the database instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarYear, CalendarYearValidationError, parseCalendarYear } from './calendar-year';

const YEAR_FILE = /^(\d{4})\.json$/;

/** Every YYYY.json in `dir`, validated, sorted by year. Other files are ignored. */
export function loadCalendarYearsFromDir(dir: string): CalendarYear[] {
  const years: CalendarYear[] = [];
  for (const name of readdirSync(dir).sort()) {
    const match = YEAR_FILE.exec(name);
    if (match === null) continue;
    const file = join(dir, name);
    let body: unknown;
    try {
      body = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Calendar file ${file} is not readable JSON: ${(error as Error).message}`, { cause: error });
    }
    try {
      years.push(parseCalendarYear(Number(match[1]), body));
    } catch (error) {
      if (error instanceof CalendarYearValidationError) {
        const details = error.errors.map((e) => `${e.field || '(body)'}: ${e.message}`).join('; ');
        throw new Error(`Calendar file ${file} is invalid: ${details}`, { cause: error });
      }
      throw error;
    }
  }
  return years;
}
