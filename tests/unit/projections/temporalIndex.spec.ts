import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import type { Recorded } from '../../../src/domain/events'
import { releaseId } from '../../../src/domain/ids'
import type { ReleaseCut } from '../../../projections/cut'
import { applyRecorded, buildIndex, extendIndex } from '../../../projections/temporalIndex'
import type { TemporalIndex } from '../../../projections/temporalIndexTypes'
import { entityAsOf } from '../../../projections/temporalIndexQuery'
import { naiveEntityAsOf } from '../../../projections/naiveEntityAsOf'
import {
  fromSnapshot,
  snapshotFormat,
  snapshotMatchesRebuild,
  toSnapshot,
} from '../../../projections/temporalSnapshot'
import type { Rng } from '../../support/randomLedger'
import { isMaterialized, materializeSome } from '../../../projections/temporalIndexLazy'
import { entityPool, randomLedger, rng } from '../../support/randomLedger'
import { randomCut as randomCutOf, randomPolicies } from '../../support/randomCuts'

const policies = randomPolicies
const releaseIds = Array.from({ length: 14 }, (_, i) => releaseId(`r${i}`))
const randomCut = (r: Rng): ReleaseCut => randomCutOf(r, releaseIds)

/** Every (entity, cut, ledger position, policy) the seed draws, index answer vs naive fold. */
const mismatches = (events: ReadonlyArray<Recorded>, seed: number, queries: number) => {
  const index = buildIndex(events)
  const r = rng(seed ^ 0x5bd1e995)
  const found: unknown[] = []
  for (let q = 0; q < queries; q++) {
    const entity = r.pick(entityPool)
    const cut = randomCut(r)
    const policy = r.pick(policies)
    const at = r.chance(0.3) ? undefined : BigInt(r.int(events.length + 1) - 1)
    const fast = entityAsOf(index, entity, cut, policy, at)
    const naive = naiveEntityAsOf(events, entity, cut, policy, at)
    if (JSON.stringify(fast) !== JSON.stringify(naive)) found.push({ entity, cut, at, fast, naive })
  }
  return found
}

describe('temporal index', () => {
  describe('given random ledgers appended out of release order, with corrections', () => {
    it('when asked for any entity at any cut, ledger position and policy, then it answers as the naive fold does', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.integer({ min: 3, max: 14 }),
          (seed, size) => {
            const events = randomLedger(seed, size)
            const found = mismatches(events, seed, 60)
            expect(found.slice(0, 1)).toEqual([])
          },
        ),
        { numRuns: 200 },
      )
    })

    it('then the generated ledgers do exercise every kind of change and correction', () => {
      const tags = new Set<string>()
      for (let seed = 0; seed < 200; seed++)
        for (const e of randomLedger(seed, 14))
          if (e.event._tag === 'ReleaseRecorded') for (const c of e.event.changes) tags.add(c._tag)
          else tags.add(e.event.correction.target._tag)
      expect([...tags].sort()).toEqual([
        'Aliased',
        'Asserted',
        'ChangeEntryFixed',
        'Confirmed',
        'Identified',
        'Introduced',
        'ReleaseEntryFixed',
        'ReleaseEntryWithdrawn',
        'Retracted',
        'Revised',
      ])
    })
  })

  describe('given an index extended after it was built, one event at a time or in bulk', () => {
    it('when asked at any cut, position and policy, then it answers as the naive fold does', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const events = randomLedger(seed, 12)
          const split = rng(seed).int(events.length + 1)
          const index = buildIndex(events.slice(0, split))
          // One event at a time (a follower), or in bulk from the whole ledger (a reader that
          // extends another: what the index has seen already is skipped).
          if (seed % 2 === 0) for (const e of events.slice(split)) applyRecorded(index, e)
          else extendIndex(index, events)
          const r = rng(seed ^ 0x2545f491)
          for (let q = 0; q < 30; q++) {
            const entity = r.pick(entityPool)
            const cut = randomCut(r)
            const policy = r.pick(policies)
            const at = r.chance(0.5) ? undefined : BigInt(r.int(events.length + 1) - 1)
            expect(JSON.stringify(entityAsOf(index, entity, cut, policy, at))).toBe(
              JSON.stringify(naiveEntityAsOf(events, entity, cut, policy, at)),
            )
          }
        }),
        { numRuns: 100 },
      )
    })
  })

  describe('given a snapshot of an index', () => {
    it('when it is restored lazily, then it answers as the original, matches a rebuild, and extends like one', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const events = randomLedger(seed, 12)
          const split = Math.max(1, events.length - 1 - rng(seed).int(3))
          const head = events.slice(0, split)
          const index = buildIndex(head)
          const restored = fromSnapshot(toSnapshot(index, crc32), crc32)
          expect(restored._tag).toBe('Right')
          if (restored._tag !== 'Right') return
          // It says which ledger it was taken of: the position and hash of its last event.
          expect([restored.right.position, restored.right.headHash]).toEqual([
            Number(head[head.length - 1]?.position),
            head[head.length - 1]?.hash,
          ])
          const r = rng(seed)
          const ask = (ix: TemporalIndex, upTo: number) => {
            const entity = r.pick(entityPool)
            const cut = randomCut(r)
            const policy = r.pick(policies)
            const at = r.chance(0.5) ? undefined : BigInt(r.int(upTo + 1) - 1)
            return [entityAsOf(ix, entity, cut, policy, at), entity, cut, policy, at] as const
          }
          // Lazily: each answer materializes only the entities it reaches.
          for (let q = 0; q < 20; q++) {
            const [fast, entity, cut, policy, at] = ask(restored.right, head.length)
            expect(JSON.stringify(fast)).toBe(
              JSON.stringify(entityAsOf(index, entity, cut, policy, at)),
            )
          }
          expect(snapshotMatchesRebuild(toSnapshot(restored.right, crc32), head, crc32)).toBe(true)
          // Then extended with the events after the snapshot: as the naive fold of them all.
          for (const e of events.slice(split)) applyRecorded(restored.right, e)
          for (let q = 0; q < 20; q++) {
            const [fast, entity, cut, policy, at] = ask(restored.right, events.length)
            expect(JSON.stringify(fast)).toBe(
              JSON.stringify(naiveEntityAsOf(events, entity, cut, policy, at)),
            )
          }
        }),
        { numRuns: 80 },
      )
    })

    it('when it is materialized a few entities at a time, then it ends whole and writes the same snapshot again', () => {
      const index = buildIndex(randomLedger(5, 12))
      const bytes = toSnapshot(index, crc32)
      const restored = fromSnapshot(bytes, crc32)
      if (restored._tag !== 'Right') throw new Error(restored.left.reason)
      let steps = 0
      while (!materializeSome(restored.right, 2)) steps++
      expect(isMaterialized(restored.right)).toBe(true)
      // Each call but the last materializes two entities; the last, what is left (one or two).
      expect(steps).toBe(Math.max(0, Math.ceil(index.entities.size / 2) - 1))
      expect(restored.right.entities.size).toBe(index.entities.size)
      expect(Buffer.from(toSnapshot(restored.right, crc32)).equals(Buffer.from(bytes))).toBe(true)
    })

    it('when it is taken before the last events, then it does not match a rebuild of the whole ledger', () => {
      const events = randomLedger(7, 12)
      const partial = toSnapshot(buildIndex(events.slice(0, events.length - 1)), crc32)
      expect(snapshotMatchesRebuild(partial, events, crc32)).toBe(false)
      expect(snapshotMatchesRebuild(partial, events.slice(0, events.length - 1), crc32)).toBe(true)
    })

    it('when the bytes are not a snapshot, or a snapshot cut short or altered, then restoring says what is wrong', () => {
      const bytes = Buffer.from(toSnapshot(buildIndex(randomLedger(11, 12)), crc32))
      const reasons = [
        Buffer.from('{"format":"nope"}'),
        bytes.subarray(0, bytes.length - 10),
        Buffer.concat([bytes.subarray(0, bytes.length - 3), Buffer.from('}}}')]),
        Buffer.from(
          bytes.toString('latin1').replace(snapshotFormat, 'canon-ledger/temporal-index@2'),
          'latin1',
        ),
      ].map((b) => {
        const restored = fromSnapshot(b, crc32)
        return restored._tag === 'Left' ? restored.left.reason : 'restored'
      })
      expect(reasons[0]).toBe(
        `not a ${snapshotFormat} snapshot (its first line should name that format)`,
      )
      expect(reasons[1]).toMatch(/truncated or altered/)
      expect(reasons[2]).toMatch(/truncated or altered/)
      expect(reasons[3]).toBe(
        `it is a canon-ledger/temporal-index@2 snapshot, and this version reads ${snapshotFormat}: write a new one`,
      )
    })
  })
})
