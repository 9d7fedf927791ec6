import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Recorded } from '../../src/domain/events'
import { allSources, onScreenOnly } from '../../src/domain/canonPolicy'
import type { CanonReader } from '../../projections/port/reader'
import { referenceReader } from '../../projections/reference/reader'
import { rng } from '../../bench/rng'
import { generatedLedger } from '../support/generatedLedger'
import { generatedCut } from '../support/generatedCuts'
import { readsAt, walkPages } from './readerReads'
import { leaksOf } from './spoilerSafety'

export type OpenReader = (events: ReadonlyArray<Recorded>) => CanonReader

export interface PropertyRuns {
  /** How many generated ledgers each property reads (a fixed seed set: the same every run). */
  readonly runs: number
  readonly seed: number
}

/** The run counts of `npm test`; the long suite (tests/faults) runs the same with 1,000+. */
export const quickRuns: PropertyRuns = { runs: 40, seed: 20261207 }

const ledgers = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  size: fc.integer({ min: 2, max: 16 }),
})

/**
 * THE reader contract, a function of a reader factory: every reader of the port must answer
 * every read at every cut exactly as the reference reader (the definition of canon) does, on
 * generated ledgers, and keep the laws of pages and of spoiler safety.
 */
export const readerProperties = (name: string, open: OpenReader, runs: PropertyRuns): void => {
  describe(`given generated ledgers read by the ${name} reader`, () => {
    describe('when every read is asked at random cuts (releases, dates and regions, watched sets and ranges, ledger positions, policies)', () => {
      it('then every answer, page and refusal equals the reference reader’s, field for field', () => {
        fc.assert(
          fc.property(ledgers, ({ seed, size }) => {
            const g = generatedLedger(seed, size)
            const reference = referenceReader(g.recorded)
            const reader = open(g.recorded)
            const r = rng(seed ^ 0x5bd1e995)
            for (let i = 0; i < 4; i++) {
              const at = generatedCut(r, g)
              for (const read of readsAt(r, g, at))
                expect(read.run(reader), `${read.label} at ${JSON.stringify(at, bigints)}`).toEqual(
                  read.run(reference),
                )
            }
          }),
          { numRuns: runs.runs, seed: runs.seed },
        )
      })
    })

    describe('when every read is asked at a valid cut', () => {
      it('then no answer, page or suggestion names anything only releases outside the cut brought in', () => {
        fc.assert(
          fc.property(ledgers, ({ seed, size }) => {
            const g = generatedLedger(seed, size)
            const reader = open(g.recorded)
            const r = rng(seed ^ 0x27d4eb2f)
            for (let i = 0; i < 4; i++) {
              const at = generatedCut(r, g)
              for (const read of readsAt(r, g, at)) {
                const leaks = leaksOf(g.recorded, at, read.alsoAdmits, read.run(reader))
                expect(leaks, `${read.label} at ${JSON.stringify(at, bigints)}`).toEqual([])
              }
            }
          }),
          { numRuns: runs.runs, seed: runs.seed },
        )
      })
    })

    describe('when a paged read is walked page by page and the ledger grows in between', () => {
      it('then the pages hold the one-page answer’s items in order, and a cursor stays valid on the longer ledger', () => {
        fc.assert(
          fc.property(ledgers, ({ seed, size }) => {
            const g = generatedLedger(seed, size)
            const cut = Math.max(1, Math.floor(g.recorded.length / 2))
            const before = open(g.recorded.slice(0, cut))
            const after = before.extend(g.recorded.slice(cut))
            const at = { release: { _tag: 'Latest' as const }, policy: generatedCutPolicy(seed) }
            const whole = before.history({ at, page: { limit: 1000 } })
            const paged = walkPages((page) => before.history({ at, page }), 2)
            const first = paged[0]
            if (E.isLeft(whole) || first === undefined || E.isLeft(first)) return
            const items = paged.flatMap((p) => (E.isRight(p) ? p.right.entries : []))
            expect(items).toEqual(whole.right.entries)
            // The second page asked of the grown ledger: the ledger as it stood for the first.
            const next = first.right.page.next
            if (next === null) return
            const later = after.history({ at, page: { limit: 2, cursor: next } })
            expect(later).toEqual(before.history({ at, page: { limit: 2, cursor: next } }))
          }),
          { numRuns: runs.runs, seed: runs.seed },
        )
      })
    })

    describe('when a cursor of one query is handed to another', () => {
      it('then it is refused, naming the cursor', () => {
        const g = generatedLedger(runs.seed, 16)
        const reader = open(g.recorded)
        const at = { release: { _tag: 'Latest' as const }, policy: generatedCutPolicy(1) }
        const first = reader.history({ at, page: { limit: 1 } })
        const cursor = E.isRight(first) ? first.right.page.next : null
        expect(cursor).not.toBeNull()
        const other = reader.timeline({ at, page: { limit: 1, cursor: cursor ?? '' } })
        expect(E.isLeft(other) && other.left).toMatchObject({
          _tag: 'InvalidQuery',
          field: 'cursor',
        })
        const garbled = reader.history({ at, page: { limit: 1, cursor: 'not-a-cursor' } })
        expect(E.isLeft(garbled) && garbled.left).toMatchObject({
          _tag: 'InvalidQuery',
          field: 'cursor',
        })
      })
    })

    describe('when a reader is extended with later events', () => {
      it('then it answers as a reader of the whole ledger does', () => {
        fc.assert(
          fc.property(ledgers, fc.nat(), ({ seed, size }, split) => {
            const g = generatedLedger(seed, size)
            const cut = split % (g.recorded.length + 1)
            const extended = open(g.recorded.slice(0, cut)).extend(g.recorded.slice(cut))
            const whole = open(g.recorded)
            expect(extended.head).toEqual(whole.head)
            const r = rng(seed)
            const at = generatedCut(r, g)
            for (const read of readsAt(r, g, at).slice(0, 6))
              expect(read.run(extended), read.label).toEqual(read.run(whole))
          }),
          { numRuns: Math.ceil(runs.runs / 2), seed: runs.seed },
        )
      })
    })
  })
}

const generatedCutPolicy = (n: number) => (n % 2 === 0 ? onScreenOnly : allSources)

const bigints = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v)
