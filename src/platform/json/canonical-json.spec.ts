import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ type: 'complaint', applicant: { kind: 'natural', fullName: 'Ə' } })).toBe(
      canonicalJson({ applicant: { fullName: 'Ə', kind: 'natural' }, type: 'complaint' }),
    );
  });

  it('ignores undefined members, so an absent and an undefined field are the same', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes undefined inside an array as null, as JSON.stringify does', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('writes a Date as its ISO instant', () => {
    expect(canonicalJson({ at: new Date('2026-03-02T08:00:00Z') })).toBe('{"at":"2026-03-02T08:00:00.000Z"}');
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['a string with quotes and Azerbaijani letters', 'ş"ə', '"ş\\"ə"'],
    ['a number', 1.5, '1.5'],
    ['a boolean', false, 'false'],
  ])('writes %s like JSON', (_label, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('tells apart values that differ only in type or in one nested member', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: { b: [1, 2] } })).not.toBe(canonicalJson({ a: { b: [1, 3] } }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('produces JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });
});
