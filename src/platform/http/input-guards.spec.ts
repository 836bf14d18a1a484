import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { assertNoNul, findNul, jsonDepthExceeds, MAX_JSON_DEPTH } from './input-guards';

/** The nesting depth of a parsed JSON value: arrays and objects count one level each. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe('jsonDepthExceeds', () => {
  it('agrees with the depth of the parsed value for any JSON, strings with brackets and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
        const text = Buffer.from(JSON.stringify(value));
        expect(jsonDepthExceeds(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['brackets inside a string', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote before brackets', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash ending a string', '{"a":"\\\\","b":[[1]]}', 2, true],
    ['three backslashes and a quote', '{"a":"x\\\\\\"[[[","b":1}', 1, false],
    ['an unterminated string', '{"a":"[[[[[', 1, false],
  ])('reads %s', (_label, json, max, exceeds) => {
    expect(jsonDepthExceeds(Buffer.from(json), max)).toBe(exceeds);
  });

  it('stops at the first bracket past the bound of a 100,000-deep array', () => {
    const deep = Buffer.from(`{"email":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(jsonDepthExceeds(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), MAX_JSON_DEPTH)).toBe(false);
  });
});

describe('findNul', () => {
  it('names the field as validation errors do', () => {
    expect(findNul({ subject: 'ok', applicant: { fullName: 'Ə\u0000li' } })).toBe('applicant.fullName');
    expect(findNul({ coApplicants: [{ address: 'a' }, { address: 'b\u0000' }] })).toBe('coApplicants.1.address');
    expect(findNul({ q: ['a', 'b\u0000'] })).toBe('q.1');
    expect(findNul({ nested: { 'k\u0000': 1 } })).toBe('nested');
    expect(findNul('\u0000')).toBe('');
  });

  it('finds nothing in text without NUL, Azerbaijani letters and other controls included', () => {
    expect(findNul({ a: 'Ərizə şəhadətnamə \t\n\u0001', b: [1, true, null], c: {} })).toBeUndefined();
  });

  it('is iterative: a 100,000-deep structure does not overflow the stack', () => {
    let value: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findNul(value)).toMatch(/^0(\.0)*$/);
  });

  it('throws the 422 naming the body for a bad key at the top', () => {
    let thrown: unknown;
    try {
      assertNoNul({ 'a\u0000': 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body' }] });
  });
});
