import { monthStart } from './read-models';
import { leagueCsv, LEAGUE_COLUMNS, LeagueRecord } from '../evaluation/spreadsheet';
import { Texts } from './i18n';

describe('page helpers', () => {
  it('finds the first day of a month some months back, across years', () => {
    expect(monthStart('2025-04-14', 0)).toBe('2025-04-01');
    expect(monthStart('2025-04-14', 11)).toBe('2024-05-01');
    expect(monthStart('2025-01-31', 1)).toBe('2024-12-01');
  });

  it("exports through the API's CSV: spreadsheet formulas neutralised, cells quoted", () => {
    const record = Object.fromEntries(LEAGUE_COLUMNS.map((c) => [c, null])) as LeagueRecord;
    const [, line] = leagueCsv([{ ...record, agencyCode: '=HYPERLINK("x")', agencyName: 'Nəsimi, Bakı', index: -0.5 }]).split('\r\n');
    expect(line).toContain(`"'=HYPERLINK(""x"")","Nəsimi, Bakı"`);
    expect(line).toContain(',-0.5,');
  });

  it("says the API's DTO rules in the page's language by their kind", () => {
    const az = new Texts('az');
    const ru = new Texts('ru');
    const en = new Texts('en');
    const length = { field: 'name', message: 'name must be longer than or equal to 2 characters', constraint: 'isLength' };
    expect(az.validation(length)).toBe('Ən azı 2 simvol yazın.');
    expect(ru.validation(length)).toBe('Введите не меньше 2 символов.');
    expect(en.validation(length)).toBe('Enter at least 2 characters.');
    expect(ru.validation({ message: 'password must be at least 12 characters long' })).toBe('Пароль должен быть не короче 12 символов.');
    expect(ru.validation({ message: 'x must be a thing', constraint: 'isSomethingNew' })).toMatch(/^Это значение не принимается/);
    expect(az.validation({ message: 'email must be an email', constraint: 'isEmail' })).toMatch(/e-poçt/);
    expect(az.validation({ message: 'x must not be greater than 100000', constraint: 'max' })).toBe('Ən çoxu 100000 ola bilər.');
    expect(az.validation({ message: 'x must not be less than 0', constraint: 'min' })).toBe('Ən azı 0 olmalıdır.');
    expect(az.validation({ message: 'startsOn must be a real date written YYYY-MM-DD', constraint: 'isDateOnly' })).toMatch(/İİİİ-AA-GG/);
    expect(az.validation({ message: 'status must be one of the following values: a, b', constraint: 'isIn' })).toMatch(/seçin/);
    expect(az.validation({ message: 'name should not be empty', constraint: 'isNotEmpty' })).toBe('Bu sahəni doldurun.');
    // A rule of a service (no class-validator kind) keeps its own words.
    expect(az.validation({ message: 'cannot exceed servicesTotal' })).toBe('cannot exceed servicesTotal');
  });
});
