import { monthStart } from './read-models';
import { csvCell } from './supervision.controller';
import { parseCookies, serializeCookie } from './web-http';

describe('page helpers', () => {
  it('finds the first day of a month some months back, across years', () => {
    expect(monthStart('2025-04-14', 0)).toBe('2025-04-01');
    expect(monthStart('2025-04-14', 11)).toBe('2024-05-01');
    expect(monthStart('2025-01-31', 1)).toBe('2024-12-01');
  });

  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('Nəsimi, Bakı')).toBe('"Nəsimi, Bakı"');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });

  it('reads and writes page cookies as httpOnly, SameSite=Lax, Secure on https', () => {
    expect(parseCookies('a=1; em_lang=en; a=2; bad; x=%E0')).toEqual(new Map([['a', '1'], ['em_lang', 'en'], ['x', '%E0']]));
    expect(serializeCookie('em_session', 'tok', { maxAgeSeconds: 60, secure: true })).toBe('em_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(serializeCookie('em_csrf', 'v', { secure: false })).toBe('em_csrf=v; Path=/; HttpOnly; SameSite=Lax');
  });
});
