import { describe, expect, it } from 'vitest'
import { allSources } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import { asOfRelease } from '../../../projections/cut'
import { editDistance, lookupEntity, searchEntities, suggest } from '../../../projections/lookup'
import { introduce, release, released } from '../../support/builders'
import { wholeArc } from '../domain/marsAttack'
import { given } from './canonAt'

const atPremiere = asOfRelease(releaseId('pic-s1e01'))

describe('lookup', () => {
  describe('given the Mars Attack arc', () => {
    const ledger = given(...wholeArc)

    it('when looking up an alias in another case, then it finds the entity', () => {
      const found = lookupEntity(ledger.canon(atPremiere), 'utopia plantia')
      expect(found).toMatchObject({
        _tag: 'Found',
        entity: 'place/utopia-planitia',
        matched: { by: 'alias' },
      })
    })

    it('when looking up an id or a name, then it finds the entity', () => {
      const state = ledger.canon()
      expect(lookupEntity(state, 'PERSON/COMMODORE-OH')).toMatchObject({
        entity: 'person/commodore-oh',
        matched: { by: 'id' },
      })
      expect(lookupEntity(state, 'Commodore Oh')).toMatchObject({
        entity: 'person/commodore-oh',
        matched: { by: 'name' },
      })
    })

    it('when misspelling a name, then suggestions are ranked by edit distance', () => {
      const found = lookupEntity(ledger.canon(atPremiere), 'Utopia Planita')
      expect(found).toEqual({ _tag: 'Missing', suggestions: ['Utopia Planitia'] })
    })

    it('when misspelling a name introduced after the cut, then nothing of it is suggested', () => {
      expect(lookupEntity(ledger.canon(atPremiere, allSources), 'Comodore Oh')).toEqual({
        _tag: 'Missing',
        suggestions: [],
      })
      expect(suggest(ledger.canon(undefined, allSources), 'Comodore Oh')).toEqual(['Commodore Oh'])
    })

    it('when the name is a secondary one and the policy is on-screen, then it is not found', () => {
      expect(lookupEntity(ledger.canon(), 'General Nedar')._tag).toBe('Missing')
      expect(lookupEntity(ledger.canon(undefined, allSources), 'General Nedar')).toMatchObject({
        _tag: 'Found',
        entity: 'person/nedar',
      })
    })

    it('when searching a fragment, then exact, prefix, contained and similar matches come in that order', () => {
      const hits = searchEntities(ledger.canon(), 'mars')
      expect(hits.map((h) => h.entity)).toEqual(['event/mars-attack'])
      expect(searchEntities(ledger.canon(), 'utopia').map((h) => h.rank)).toEqual([1])
    })
  })

  describe('given two distinct entities sharing a name', () => {
    const ledger = given(
      released(
        release('r1', { date: '2020-01-01' }),
        introduce('person/data', 'Data'),
        introduce('ship/data', 'Data'),
      ),
    )
    it('when looking up that name, then it is ambiguous, not silently picked', () => {
      const found = lookupEntity(ledger.canon(), 'data')
      expect(found._tag).toBe('Ambiguous')
    })
  })

  it('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('utopia plantia', 'utopia planitia')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
  })
})
