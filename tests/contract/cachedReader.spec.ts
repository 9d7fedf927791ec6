import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Recorded } from '../../src/domain/events'
import { cachedReader } from '../../projections/cache/cachedReader'
import { indexedReader } from '../../projections/indexed/reader'
import { referenceReader } from '../../projections/reference/reader'
import { rng } from '../../bench/rng'
import { generatedLedger } from '../support/generatedLedger'
import { generatedCut } from '../support/generatedCuts'
import { quickRuns, readerProperties } from './readerContract'
import { readerScenarios } from './scenarios'

/**
 * The indexed reader behind a cache of entity answers keyed by each entity's version at the cut:
 * the same contract and script as every reader, and, below, many cuts asked of one cached reader
 * so that answers kept for one cut are given at others.
 */
const cached = (events: ReadonlyArray<Recorded>) =>
  cachedReader(indexedReader(events), { capacity: 64 })

readerProperties('cached indexed', cached, quickRuns)
readerScenarios('cached indexed', cached)

describe('given generated ledgers read through one cached reader', () => {
  describe('when every entity is asked at many cuts, each cut twice, with a cache smaller than the answers', () => {
    it('then every answer and refusal equals the reference reader’s, whichever cut first kept it, and its text is the answer’s JSON', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 30 }),
          fc.integer({ min: 2, max: 16 }),
          (seed, size) => {
            const g = generatedLedger(seed, size)
            const reader = cachedReader(indexedReader(g.recorded), { capacity: 8 })
            const reference = referenceReader(g.recorded)
            const r = rng(seed ^ 0x9e3779b9)
            const cuts = Array.from({ length: 12 }, () => generatedCut(r, g))
            for (const at of [...cuts, ...cuts])
              for (const entity of g.entities) {
                const expected = reference.entity({ entity, at })
                expect(reader.entity({ entity, at }), entity).toEqual(expected)
                expect(reader.entityText({ entity, at }), `${entity} as text`).toEqual(
                  E.map((answer) => JSON.stringify(answer))(expected),
                )
              }
          },
        ),
        { numRuns: quickRuns.runs, seed: quickRuns.seed },
      )
    })
  })

  describe('when the cached reader is extended with later events', () => {
    it('then it answers as a cached reader of the whole ledger, none of the shorter ledger’s answers kept', () => {
      const g = generatedLedger(quickRuns.seed, 16)
      const half = Math.floor(g.recorded.length / 2)
      const shorter = cached(g.recorded.slice(0, half))
      const r = rng(3)
      const cuts = Array.from({ length: 8 }, () => generatedCut(r, g))
      for (const at of cuts) for (const entity of g.entities) shorter.entity({ entity, at })
      const longer = shorter.extend(g.recorded.slice(half))
      const reference = referenceReader(g.recorded)
      for (const at of cuts)
        for (const entity of g.entities)
          expect(longer.entity({ entity, at })).toEqual(reference.entity({ entity, at }))
    })
  })
})
