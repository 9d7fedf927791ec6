import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { canonicalJson, canonicalJsonText, sameContent } from '../../../src/domain/json'

/** JSON-like values with the awkward cases canonical JSON flattens: undefined, NaN, -0, bigints. */
const awkward = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, 0, -0, 1, NaN, Infinity, true, false, '', 'a', '0', 'null'),
    fc.bigInt({ min: -5n, max: 5n }),
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -3, max: 3 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
  ),
})).value

/** Plain JSON values, keys in any order: what stored events hold. */
const plain = fc.jsonValue({ maxDepth: 4 })

/** The definition, written plainly: every object's members sorted by key (as strings compare), undefined ones left out. */
const sortedJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(sortedJson).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => `${JSON.stringify(k)}:${sortedJson(x)}`)
          .join(',')}}`
      : JSON.stringify(v)

describe('canonicalJson', () => {
  describe('given any plain JSON value, keys in any order', () => {
    it("when written, then it is the JSON of the value with every object's keys sorted", () => {
      fc.assert(
        fc.property(plain, fc.boolean(), (v, reversed) => {
          const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
            reversed && x !== null && typeof x === 'object' && !Array.isArray(x)
              ? Object.fromEntries(Object.entries(x).reverse())
              : x,
          ) as unknown
          expect(canonicalJson(reordered)).toBe(sortedJson(v))
        }),
        { numRuns: 2000 },
      )
    })
  })

  describe('given the awkward members canonical JSON flattens', () => {
    it('when written, then undefined members are left out, undefined items and NaN are null, bigints are decimal strings', () => {
      expect(canonicalJson({ b: undefined, a: [undefined, NaN, 5n], c: -0 })).toBe(
        '{"a":[null,null,"5"],"c":0}',
      )
      expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
    })
  })
})

describe('canonicalJsonText', () => {
  describe('given any plain JSON value', () => {
    it('when written, then it is its canonical JSON, and it parses back to the value', () => {
      fc.assert(
        fc.property(plain, (v) => {
          expect(canonicalJsonText(v)).toBe(canonicalJson(v))
          expect(JSON.parse(canonicalJsonText(v))).toEqual(JSON.parse(JSON.stringify(v)))
        }),
        { numRuns: 1000 },
      )
    })
  })

  describe('given a value that is not JSON data, at the top or nested', () => {
    it('when written, then it is refused naming what it holds, where canonicalJson flattens it', () => {
      expect(() => canonicalJsonText({ a: [1, 5n] })).toThrow(/a bigint is not JSON data/)
      expect(() => canonicalJsonText({ a: () => 1 })).toThrow(/a function is not JSON data/)
      expect(() => canonicalJsonText([Symbol('s')])).toThrow(/a symbol is not JSON data/)
      expect(() => canonicalJsonText({ when: new Date(0) })).toThrow(
        /an object that is not a plain object is not JSON data/,
      )
      expect(canonicalJson({ a: [1, 5n] })).toBe('{"a":[1,"5"]}')
    })
  })
})

describe('sameContent', () => {
  describe('given any two values, plain or awkward', () => {
    it('when compared, then it agrees with comparing their canonical JSON', () => {
      fc.assert(
        fc.property(awkward, awkward, (a, b) => {
          expect(sameContent(a, b)).toBe(canonicalJson(a) === canonicalJson(b))
          expect(sameContent(a, structuredClone(a))).toBe(true)
        }),
        { numRuns: 3000 },
      )
    })
  })

  describe('given objects that differ only in key order or in undefined members', () => {
    it('when compared, then they have the same content', () => {
      expect(sameContent({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
      expect(sameContent({ a: 1, b: undefined }, { a: 1 })).toBe(true)
      expect(sameContent({ a: 1 }, { a: 2 })).toBe(false)
      expect(sameContent([1, 2], [2, 1])).toBe(false)
    })
  })
})
