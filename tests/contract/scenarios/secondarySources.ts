import { describe, expect, it } from 'vitest'
import { allSources } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import {
  assert,
  commandOf,
  exact,
  introduce,
  release,
  released,
  revise,
} from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import {
  articleRecorded,
  brokenPiecesRecorded,
  childrenOfMarsRecorded,
  ouroborosPart2Recorded,
  picardPremiereRecorded,
} from '../../unit/domain/marsAttack'
import { asOf, cutOf, factsOf, page, right, texts } from './support'

/** Secondary sources: an identification, a conflict until settled, a fact first told in an interview. */
export const secondarySourceScenarios = (name: string, open: OpenReader): void => {
  describe(`given the article that identifies Oh as Nedar, with a rank for Nedar, read by the ${name} reader`, () => {
    const nedarRank = assert('nedar.rank', {
      subject: 'person/nedar',
      predicate: 'rank',
      value: 'General',
    })
    const reader = open(
      decidedLedger(
        [
          childrenOfMarsRecorded,
          picardPremiereRecorded,
          brokenPiecesRecorded,
          ouroborosPart2Recorded,
          released(articleRecorded.release, ...articleRecorded.changes, nedarRank),
        ].map(commandOf),
      ),
    )
    describe('when secondary sources are admitted', () => {
      it('then Oh and Nedar are one entity from the article on, with the facts of both', () => {
        const merged = right(
          reader.entity({ entity: 'General Nedar', at: cutOf(latest, allSources) }),
        )
        expect(merged.entity).toMatchObject({
          id: 'person/commodore-oh',
          name: 'Commodore Oh',
          identifiedWith: [{ id: 'person/nedar', name: 'General Nedar' }],
        })
        expect(merged.entity.aliases).toEqual(expect.arrayContaining(['Oh', 'General Nedar']))
        expect(merged.matched).toEqual({
          query: 'General Nedar',
          text: 'General Nedar',
          by: 'name',
        })
        expect(texts(merged, 'rank')).toEqual(['General'])
        expect(factsOf(merged)['rank']?.claims[0]?.subject).toEqual({
          id: 'person/nedar',
          name: 'General Nedar',
        })
      })
      it('then before the article they are not one, and Nedar is not named', () => {
        const before = right(
          reader.entity({ entity: 'Commodore Oh', at: cutOf(asOf('pro-s2e20'), allSources) }),
        )
        expect(before.entity.identifiedWith).toEqual([])
        expect(JSON.stringify(before)).not.toMatch(/Nedar/)
      })
      it('then the history of Nedar holds Oh’s changes too, and the identification', () => {
        const audit = right(
          reader.history({ at: cutOf(latest, allSources), entity: 'General Nedar', page }),
        )
        expect(audit.entity).toMatchObject({ id: 'person/commodore-oh', name: 'Commodore Oh' })
        expect(audit.entries.map((e) => [e.change, e.entity.id, e.other?.id])).toEqual([
          ['introduced', 'person/commodore-oh', undefined],
          ['introduced', 'person/nedar', undefined],
          ['identified', 'person/commodore-oh', 'person/nedar'],
          ['asserted', 'person/nedar', undefined],
        ])
      })
    })
  })

  describe(`given two secondary sources that disagree on the death toll, later settled, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger(
        [
          released(
            release('pic-s1e01', { date: '2020-01-23', season: 1, episode: 1 }),
            introduce('event/mars-attack', 'Mars Attack'),
          ),
          released(
            release('int-a', { date: '2021-01-01', kind: 'interview' }),
            assert('toll.interview', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: exact(92143, 'lives'),
            }),
          ),
          released(
            release('art-b', { date: '2022-01-01', kind: 'article' }),
            assert('toll.article', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: exact(92473, 'lives'),
            }),
          ),
          released(
            release('art-c', { date: '2023-01-01', kind: 'article' }),
            revise('toll.article', {
              kind: 'refinement',
              value: exact(92473, 'lives'),
              settles: ['toll.interview'],
            }),
          ),
        ].map(commandOf),
      ),
    )
    describe('when asked before the settlement', () => {
      it('then both tolls are shown side by side as an open conflict, with their sources', () => {
        const answer = right(
          reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('art-b'), allSources) }),
        )
        expect(factsOf(answer)['casualties']).toMatchObject({
          status: 'conflict',
          claims: [
            { value: { text: '92,143 lives' }, source: { id: 'int-a' }, tier: 'interview' },
            { value: { text: '92,473 lives' }, source: { id: 'art-b' }, tier: 'article' },
          ],
        })
      })
    })
    describe('when asked after the settling revision', () => {
      it('then one toll remains, settled', () => {
        const answer = right(
          reader.entity({ entity: 'Mars Attack', at: cutOf(latest, allSources) }),
        )
        expect(factsOf(answer)['casualties']).toMatchObject({
          status: 'settled',
          claims: [
            { claim: 'toll.article', value: { text: '92,473 lives' }, revisionKind: 'refinement' },
          ],
        })
        expect(factsOf(answer)['casualties']?.claims).toHaveLength(1)
      })
      it('then the audit of the fact names the claim the revision settled', () => {
        const audit = right(
          reader.history({
            at: cutOf(latest, allSources),
            entity: 'Mars Attack',
            predicate: 'casualties',
            page,
          }),
        )
        expect(audit.entries.map((e) => [e.change, e.release.id, e.claim, e.settles])).toEqual([
          ['asserted', 'int-a', 'toll.interview', undefined],
          ['asserted', 'art-b', 'toll.article', undefined],
          ['revised', 'art-c', 'toll.article', ['toll.interview']],
        ])
      })
      it('then the audit of the settling claim alone names the claim it settled too', () => {
        const audit = right(
          reader.history({ at: cutOf(latest, allSources), claim: 'toll.article', page }),
        )
        expect(audit.entries.map((e) => [e.change, e.release.id, e.settles])).toEqual([
          ['asserted', 'art-b', undefined],
          ['revised', 'art-c', ['toll.interview']],
        ])
      })
    })
    describe('when on screen only', () => {
      it('then neither toll is known', () => {
        const answer = right(reader.entity({ entity: 'Mars Attack', at: cutOf(latest) }))
        expect(answer.facts).toEqual([])
      })
    })
  })

  describe(`given a fact asserted by an interview and revised on screen, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger(
        [
          released(release('ep1', { date: '2020-01-01' }), introduce('person/oh', 'Oh')),
          released(
            release('int', { date: '2020-02-01', kind: 'interview' }),
            assert('oh.species', { subject: 'person/oh', predicate: 'species', value: 'Vulcan' }),
          ),
          released(
            release('ep2', { date: '2020-03-01' }),
            revise('oh.species', { kind: 'revelation', value: 'Romulan' }),
          ),
        ].map(commandOf),
      ),
    )
    it('when on screen only, then the viewer learns the fact at the revision, not before', () => {
      const before = right(reader.entity({ entity: 'Oh', at: cutOf(asOf('int')) }))
      expect(before.facts).toEqual([])
      const after = right(reader.entity({ entity: 'Oh', at: cutOf(latest) }))
      expect(factsOf(after)['species']?.claims[0]).toMatchObject({
        value: { text: 'Romulan' },
        tier: 'on-screen',
        source: { id: 'ep2' },
      })
      expect(JSON.stringify(after)).not.toMatch(/Vulcan|"int"/)
    })
    it('when secondary sources are admitted, then the interview asserted it first', () => {
      const before = right(reader.entity({ entity: 'Oh', at: cutOf(asOf('int'), allSources) }))
      expect(texts(before, 'species')).toEqual(['Vulcan'])
    })
  })
}
