import { describe, expect, it } from 'vitest'
import { allSources } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { commandOf, introduce, recordRelease, release } from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { wholeArc } from '../../unit/domain/marsAttack'
import { asOf, cutOf, left, right } from './support'

/** Finding an entity as a person types it: id, name or alias, in any case; misses suggest. */
export const lookupScenarios = (name: string, open: OpenReader): void => {
  describe(`given the Mars Attack arc, looked up through the ${name} reader`, () => {
    const reader = open(decidedLedger(wholeArc.map(commandOf)))
    const premiere = cutOf(asOf('pic-s1e01'))

    describe('when an alias is asked in another case', () => {
      it('then it finds the entity, matched by the alias', () => {
        const found = right(reader.entity({ entity: 'utopia plantia', at: premiere }))
        expect(found.entity.id).toBe('place/utopia-planitia')
        expect(found.matched).toEqual({
          query: 'utopia plantia',
          text: 'Utopia Plantia',
          by: 'alias',
        })
      })
    })

    describe('when an id in capitals or a name is asked', () => {
      it('then it finds the entity, saying how it matched', () => {
        expect(
          right(reader.entity({ entity: 'PERSON/COMMODORE-OH', at: cutOf(latest) })).matched,
        ).toMatchObject({ text: 'person/commodore-oh', by: 'id' })
        expect(
          right(reader.entity({ entity: 'Commodore Oh', at: cutOf(latest) })).matched,
        ).toMatchObject({ text: 'Commodore Oh', by: 'name' })
      })
    })

    describe('when a name is misspelled', () => {
      it('then the closest name known at the cut is suggested', () => {
        expect(left(reader.entity({ entity: 'Utopia Planita', at: premiere }))).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
          suggestions: ['Utopia Planitia'],
        })
      })
      it('then a name introduced after the cut is never suggested', () => {
        expect(
          left(reader.entity({ entity: 'Comodore Oh', at: cutOf(asOf('pic-s1e01'), allSources) })),
        ).toMatchObject({ suggestions: [] })
        expect(
          left(reader.entity({ entity: 'Comodore Oh', at: cutOf(latest, allSources) })),
        ).toMatchObject({ suggestions: ['Commodore Oh'] })
      })
    })

    describe('when the name is a secondary source’s', () => {
      it('then it is not found on screen, and found with secondary sources', () => {
        expect(left(reader.entity({ entity: 'General Nedar', at: cutOf(latest) }))).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
        })
        const found = right(
          reader.entity({ entity: 'General Nedar', at: cutOf(latest, allSources) }),
        )
        expect(found.matched).toMatchObject({ text: 'General Nedar', by: 'name' })
        expect(found.entity.identifiedWith).toEqual([{ id: 'person/nedar', name: 'General Nedar' }])
      })
    })

    describe('when a fragment is searched', () => {
      it('then exact, prefix, contained and similar matches come in that order', () => {
        const mars = right(reader.search({ text: 'mars', at: cutOf(latest) }))
        expect(mars.hits.map((h) => [h.id, h.rank])).toEqual([['event/mars-attack', 'prefix']])
        expect(
          right(reader.search({ text: 'utopia', at: cutOf(latest) })).hits.map((h) => h.rank),
        ).toEqual(['prefix'])
        const ranks = right(reader.search({ text: 'rogue synths', at: cutOf(latest) }))
        expect(ranks.hits.map((h) => [h.id, h.rank, h.by])).toEqual([
          ['group/rogue-synths', 'exact', 'name'],
        ])
        const similar = right(reader.search({ text: 'Utopia Planita', at: cutOf(latest) }))
        expect(similar.hits.map((h) => [h.id, h.rank])).toEqual([
          ['place/utopia-planitia', 'similar'],
        ])
        const contained = right(reader.search({ text: 'attack', at: cutOf(latest) }))
        expect(contained.hits.map((h) => [h.id, h.rank])).toEqual([
          ['event/mars-attack', 'contains'],
        ])
      })
      it('then a search beyond the limit is refused, naming the limit', () => {
        expect(left(reader.search({ text: 'o', at: cutOf(latest), limit: 51 }))).toMatchObject({
          _tag: 'InvalidQuery',
          field: 'limit',
        })
        expect(left(reader.search({ text: '  ', at: cutOf(latest) }))).toMatchObject({
          _tag: 'InvalidQuery',
          field: 'query',
        })
      })
    })
  })

  describe(`given two distinct entities sharing a name, looked up through the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          release('r1', { date: '2020-01-01' }),
          introduce('person/data', 'Data'),
          introduce('ship/data', 'Data'),
        ),
      ]),
    )
    describe('when that name is asked', () => {
      it('then it is ambiguous, not silently picked, and both ids are offered', () => {
        const miss = left(reader.entity({ entity: 'data', at: cutOf(latest) }))
        expect(miss).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
          suggestions: ['person/data', 'ship/data'],
        })
        expect(miss._tag === 'NotFound' && miss.what).toMatch(/several match; give an id/)
      })
      it('then each is found by its id', () => {
        expect(right(reader.entity({ entity: 'ship/data', at: cutOf(latest) })).entity.id).toBe(
          'ship/data',
        )
      })
    })
  })
}
