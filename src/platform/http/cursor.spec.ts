import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { BIGINT_ID, decodeCursor, encodeCursor, UUID_ID } from './cursor';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('cursor', () => {
  it('reads back every cursor it writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.uuid(), (date, id) => {
        const position = { at: date.toISOString(), id };
        expect(decodeCursor(encodeCursor(position), UUID_ID)).toEqual(position);
      }),
    );
    expect(decodeCursor(encodeCursor({ at: '2026-06-02T06:00:00.000Z', id: '42' }), BIGINT_ID)).toEqual({
      at: '2026-06-02T06:00:00.000Z',
      id: '42',
    });
  });

  it('writes the instant of a Date or of an offset text in the one form it reads back', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const expected = { at: '2026-06-02T06:00:00.000Z', id };
    expect(decodeCursor(encodeCursor({ at: new Date('2026-06-02T10:00:00+04:00'), id }), UUID_ID)).toEqual(expected);
    expect(decodeCursor(encodeCursor({ at: '2026-06-02T10:00:00+04:00', id }), UUID_ID)).toEqual(expected);
  });

  it.each([
    ['text that is not base64url', 'a cursor!'],
    ['an empty string', ''],
    ['JSON null', b64('null')],
    ['a number', b64('7')],
    ['an instant PostgreSQL would not read', b64('["1","00000000-0000-4000-8000-000000000000"]')],
    ['a date without a time', b64('["2026-06-02","00000000-0000-4000-8000-000000000000"]')],
    ['30 February', b64('["2026-02-30T00:00:00.000Z","00000000-0000-4000-8000-000000000000"]')],
    ['hour 25', b64('["2026-06-02T25:00:00.000Z","00000000-0000-4000-8000-000000000000"]')],
    ['dashes for an id', b64('["2026-06-02T06:00:00.000Z","------------------------------------"]')],
    ['an id with capitals', b64('["2026-06-02T06:00:00.000Z","00000000-0000-4000-8000-00000000000A"]')],
    ['a third element', b64('["2026-06-02T06:00:00.000Z","00000000-0000-4000-8000-000000000000",1]')],
    ['an object', b64('{"at":"2026-06-02T06:00:00.000Z","id":"00000000-0000-4000-8000-000000000000"}')],
    ['501 characters', 'A'.repeat(501)],
  ])('refuses %s with 400 MALFORMED_REQUEST', (_label, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor, UUID_ID);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'MALFORMED_REQUEST', errors: [{ field: 'cursor' }] });
  });

  it.each(['0', '01', '1234567890123456789', '-1', '1.5'])('refuses the alert id %j', (id) => {
    expect(() => decodeCursor(b64(`["2026-06-02T06:00:00.000Z","${id}"]`), BIGINT_ID)).toThrow(DomainError);
  });

  it('never throws anything but the 400 for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (cursor) => {
        try {
          decodeCursor(cursor, UUID_ID);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
