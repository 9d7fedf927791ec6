import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { ReadError } from '../../../projections/port/errors'
import { closeness, closestTexts } from '../../../projections/port/closest'
import { referenceReader } from '../../../projections/reference/reader'
import { introduce, recordedLedger, release, released } from '../../support/builders'
import { westerosLedger } from '../../contract/scenarios/storyLedgers'

const everything = { release: latest, policy: allSources }

const suggestionsOf = (r: E.Either<ReadError, unknown>): ReadonlyArray<string> =>
  E.isLeft(r) && r.left._tag === 'NotFound' ? r.left.suggestions : ['(answered)']

describe('suggestions for a miss', () => {
  describe('given the Westeros ledger', () => {
    const reader = referenceReader(westerosLedger())

    it('when a name is typed only in part ("Aegon"), then the entity it begins is suggested, by its name', () => {
      expect(suggestionsOf(reader.entity({ entity: 'Aegon', at: everything }))).toEqual([
        'Aegon Targaryen',
      ])
    })

    it('when a later word of the name is typed ("Targaryen"), then the entity is suggested too', () => {
      expect(suggestionsOf(reader.entity({ entity: 'Targaryen', at: everything }))).toEqual([
        'Aegon Targaryen',
      ])
    })

    it('when an id is misspelt, then the entity is suggested by its name, not its id', () => {
      expect(
        suggestionsOf(reader.entity({ entity: 'person/robert-baratheno', at: everything })),
      ).toEqual(['Robert Baratheon'])
    })

    it('when a fact is misspelt or typed in part, then the close fact is suggested, not every fact', () => {
      const historyOf = (predicate: string) =>
        reader.history({ at: everything, entity: 'Aegon Targaryen', predicate, page: {} })
      expect(suggestionsOf(historyOf('conquest-begin'))).toEqual(['conquest-begins'])
      expect(suggestionsOf(historyOf('conquest'))).toEqual(['conquest-begins'])
      expect(suggestionsOf(historyOf('begins'))).toEqual(['conquest-begins'])
    })

    it('when the cut does not admit the entity a prefix would find, then nothing is suggested', () => {
      expect(
        suggestionsOf(
          reader.entity({ entity: 'Aegon', at: { release: latest, policy: onScreenOnly } }),
        ),
      ).toEqual([])
    })
  })

  describe('given two entities of one name', () => {
    it('when one of them is missed, then each is suggested by its id, since the name is ambiguous', () => {
      const first = release('r1', { date: '2020-01-01' })
      const reader = referenceReader(
        recordedLedger([
          released(
            first,
            introduce('person/aegon-i', 'Aegon Targaryen'),
            introduce('person/aegon-ii', 'Aegon Targaryen'),
          ),
        ]),
      )
      expect(suggestionsOf(reader.entity({ entity: 'Aegon', at: everything }))).toEqual([
        'person/aegon-i',
        'person/aegon-ii',
      ])
    })
  })

  describe('the closeness rule every reader shares', () => {
    it('ranks a prefix of the text before a prefix of a word, before a misspelling, and needs three letters', () => {
      expect(closeness('aegon', 'Aegon Targaryen')).toEqual({ rank: 0, distance: 10 })
      expect(closeness('targ', 'Aegon Targaryen')).toEqual({ rank: 1, distance: 11 })
      expect(closeness('Aemon', 'Aegon')).toEqual({ rank: 2, distance: 1 })
      expect(closeness('Ae', 'Aegon Targaryen')).toBeUndefined()
      expect(closestTexts('Aegon', ['Aemon', 'Aegon Targaryen', 'Jon Snow'])).toEqual([
        'Aegon Targaryen',
        'Aemon',
      ])
    })
  })
})
