import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import type { Recorded } from '../../../src/domain/events'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { allSources, onScreenOnly, parseCanonPolicy } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { releaseId } from '../../../src/domain/ids'
import type { ReleaseCut } from '../../../projections/cut'
import { asOfDate, asOfRelease, latest, progress } from '../../../projections/cut'
import { buildIndex } from '../../../projections/temporalIndex'
import { entityAsOf } from '../../../projections/temporalIndexQuery'
import { naiveEntityAsOf } from '../../../projections/naiveEntityAsOf'
import {
  fromSnapshot,
  snapshotMatchesRebuild,
  toSnapshot,
} from '../../../projections/temporalSnapshot'
import type { Rng } from '../../support/randomLedger'
import { entityPool, randomLedger, rng } from '../../support/randomLedger'

const customPolicy = parseCanonPolicy('on-screen,interview') as CanonPolicy
const policies: ReadonlyArray<CanonPolicy> = [onScreenOnly, allSources, customPolicy]

const releaseIds = Array.from({ length: 14 }, (_, i) => releaseId(`r${i}`))

const randomCut = (r: Rng): ReleaseCut => {
  switch (r.int(4)) {
    case 0:
      return latest
    case 1:
      return asOfRelease(r.pick(releaseIds))
    case 2:
      return asOfDate(isoDate(`2020-01-${String(9 + r.int(10)).padStart(2, '0')}`))
    default:
      return progress(Array.from({ length: r.int(3) }, () => r.pick(releaseIds)))
  }
}

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

  describe('given an index built incrementally', () => {
    it('when it is snapshotted and restored, then the restored index answers as the original and matches a rebuild', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const events = randomLedger(seed, 12)
          const index = buildIndex(events)
          const json = JSON.parse(JSON.stringify(toSnapshot(index))) as unknown
          const restored = fromSnapshot(json)
          expect(restored._tag).toBe('Right')
          if (restored._tag !== 'Right') return
          expect(snapshotMatchesRebuild(toSnapshot(restored.right), events)).toBe(true)
          const r = rng(seed)
          for (let q = 0; q < 30; q++) {
            const entity = r.pick(entityPool)
            const cut = randomCut(r)
            const policy = r.pick(policies)
            const at = r.chance(0.5) ? undefined : BigInt(r.int(events.length + 1) - 1)
            expect(JSON.stringify(entityAsOf(restored.right, entity, cut, policy, at))).toBe(
              JSON.stringify(entityAsOf(index, entity, cut, policy, at)),
            )
          }
        }),
        { numRuns: 60 },
      )
    })

    it('when a snapshot is taken before the last events, then it does not match a rebuild of the whole ledger', () => {
      const events = randomLedger(7, 12)
      const partial = toSnapshot(buildIndex(events.slice(0, events.length - 1)))
      expect(snapshotMatchesRebuild(partial, events)).toBe(false)
      expect(snapshotMatchesRebuild(partial, events.slice(0, events.length - 1))).toBe(true)
    })

    it('when the snapshot JSON is not a snapshot, then restoring it says what is wrong', () => {
      const restored = fromSnapshot({ format: 'nope' })
      expect(restored._tag).toBe('Left')
    })
  })
})
