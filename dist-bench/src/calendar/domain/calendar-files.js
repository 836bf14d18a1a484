"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadCalendarYearsFromDir = loadCalendarYearsFromDir;
/**
 * Reads the shipped calendar years from config/calendar/YYYY.json. The only I/O of the calendar
 * domain: used at boot and in tests; the admin API stores years in the database instead.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const calendar_year_1 = require("./calendar-year");
const YEAR_FILE = /^(\d{4})\.json$/;
/** Every YYYY.json in `dir`, validated, sorted by year. Other files are ignored. */
function loadCalendarYearsFromDir(dir) {
    const years = [];
    for (const name of (0, node_fs_1.readdirSync)(dir).sort()) {
        const match = YEAR_FILE.exec(name);
        if (match === null)
            continue;
        const file = (0, node_path_1.join)(dir, name);
        let body;
        try {
            body = JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
        }
        catch (error) {
            throw new Error(`Calendar file ${file} is not readable JSON: ${error.message}`);
        }
        try {
            years.push((0, calendar_year_1.parseCalendarYear)(Number(match[1]), body));
        }
        catch (error) {
            if (error instanceof calendar_year_1.CalendarYearValidationError) {
                const details = error.errors.map((e) => `${e.field || '(body)'}: ${e.message}`).join('; ');
                throw new Error(`Calendar file ${file} is invalid: ${details}`);
            }
            throw error;
        }
    }
    return years;
}
//# sourceMappingURL=calendar-files.js.map