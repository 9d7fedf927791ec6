import { crc32 } from 'node:zlib'
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ledgerView } from '../../../projections/ledgerView'
import { buildIndex } from '../../../projections/temporalIndex'
import { ledgerViewAt } from '../../../projections/temporalIndexView'
import { fromSnapshot, toSnapshot } from '../../../projections/temporalSnapshot'
import { randomLedger } from '../../support/randomLedger'
import { buildUniverse, universePlan } from '../app/randomUniverse'

/**
 * The ledger view read from the temporal index against THE ledger view folded from the events,
 * at every ledger position: releases in release order (each corrected as the ledger stood
 * there), withdrawn releases, corrections, and the position.
 */
const ledgers = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 14 }))
    .map(([seed, size]) => randomLedger(seed, size)),
  universePlan.map((plan) => buildUniverse(plan).recorded),
)

describe('given random ledgers with corrections and withdrawals, appended out of release order', () => {
  it('when the view is read from the index at each position, then it equals the fold of the events there', () => {
    fc.assert(
      fc.property(ledgers, (recorded) => {
        const index = buildIndex(recorded)
        const restored = fromSnapshot(toSnapshot(index, crc32), crc32)
        if (E.isLeft(restored)) throw new Error(restored.left.reason)
        for (let at = -2; at <= recorded.length + 1; at++) {
          const expected = ledgerView(recorded, BigInt(at))
          expect(ledgerViewAt(index, BigInt(at))).toEqual(expected)
          // Restored lazily, without reading its body (a release's changes parse when read).
          expect(ledgerViewAt(restored.right, BigInt(at))).toEqual(expected)
        }
        expect(ledgerViewAt(index)).toEqual(ledgerView(recorded))
      }),
      { numRuns: 150 },
    )
  })
})
