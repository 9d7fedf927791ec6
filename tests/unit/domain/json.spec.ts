import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { canonicalJson, sameContent } from '../../../src/domain/json'

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
