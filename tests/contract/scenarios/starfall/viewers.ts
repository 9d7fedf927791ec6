import { describe, expect, it } from 'vitest'
import { allSources } from '../../../../src/domain/canonPolicy'
import { hiddenEntityName } from '../../../../projections/port/answers'
import { latest } from '../../../../projections/port/cut'
import type { OpenReader } from '../../readerContract'
import { decidedLedger } from '../../../support/decidedLedger'
import { cutOf, factsOf, left, once, page, provenanceOf, right, texts, watching } from '../support'
import { starfallCommands } from './ledger'

/**
 * Viewers of Starfall who did not watch everything in order: one who skipped the second film,
 * one who watched only the prequel, and one who watched everything.
 */
export const starfallViewerScenarios = (name: string, open: OpenReader): void => {
  describe(`given Starfall, read by the ${name} reader`, () => {
    const reader = open(decidedLedger(starfallCommands))

    describe('when a viewer who watched the first and third films only asks for the Warden', () => {
      const skipper = cutOf(watching('sf-1', 'sf-3'))
      const answer = once(() => right(reader.entity({ entity: 'The Warden', at: skipper })))
      it('then exactly those two films count', () => {
        expect(answer().at).toMatchObject({
          releasesAdmitted: 2,
          lastRelease: { id: 'sf-3', title: 'Return of the Lantern' },
        })
        expect(answer().entity).toMatchObject({
          name: 'The Warden',
          aliases: ['Aldric Vane'],
          introducedBy: { id: 'sf-1' },
        })
        expect(answer().facts.map((f) => f.predicate)).toEqual([
          'base',
          'fate',
          'fell-to-darkness',
          'identity',
        ])
      })
      it('then the revelation revises what the first film said', () => {
        const identity = factsOf(answer())['identity']?.claims
        expect(identity?.map((c) => [c.value.text, c.revisionKind])).toEqual([
          ['Aldric Vane, a fallen Lantern Knight and Kestrel’s father', 'revelation'],
        ])
        expect(provenanceOf(identity)).toEqual([['asserted@sf-1', 'revised@sf-3']])
      })
      it('then a fact the skipped film asserted is learnt where the third film states it, and the skipped value is never shown', () => {
        const base = factsOf(answer())['base']?.claims
        expect(base?.map((c) => c.value.text)).toEqual(['the orbital citadel above Vell'])
        expect(provenanceOf(base)).toEqual([['asserted@sf-3']])
        expect(JSON.stringify(answer())).not.toMatch(
          /ice fortress|crimson lance|The Iron Tide|sf-2/,
        )
      })
      it('then the audit lists the changes of those two films only, the skipped value included nowhere', () => {
        const audit = right(reader.history({ at: skipper, entity: 'The Warden', page }))
        expect([...new Set(audit.entries.map((e) => e.release.id))]).toEqual(['sf-1', 'sf-3'])
        const base = audit.entries.find((e) => e.claim === 'warden.base')
        expect(base).toMatchObject({ change: 'revised', kind: 'refinement' })
        expect(base?.oldValue).toBeUndefined()
        expect(JSON.stringify(audit)).not.toMatch(/ice fortress|crimson lance|sf-2/)
      })
      it('then Kestrel’s father is the Warden, by the revelation', () => {
        const kestrel = right(reader.entity({ entity: 'Kestrel', at: skipper }))
        expect(factsOf(kestrel)['father']?.claims[0]).toMatchObject({
          value: {
            text: 'The Warden',
            value: { _tag: 'EntityRef', entity: 'person/the-warden', name: 'The Warden' },
          },
          revisionKind: 'revelation',
        })
      })
    })

    describe('when a viewer who watched only the prequel asks for the character it shows', () => {
      const prequelOnly = cutOf(watching('sfp-1'))
      const answer = once(() => right(reader.entity({ entity: 'Knight Aldric', at: prequelOnly })))
      it('then he is found under the prequel’s name, shown first by the prequel', () => {
        expect(answer().entity).toEqual({
          id: 'person/the-warden',
          name: 'Knight Aldric',
          aliases: [],
          identifiedWith: [],
          introducedBy: expect.objectContaining({
            id: 'sfp-1',
            title: 'The Hollow Crown',
          }) as unknown,
        })
        expect(answer().matched).toEqual({
          query: 'Knight Aldric',
          text: 'Knight Aldric',
          by: 'name',
        })
      })
      it('then he has exactly the facts the prequel asserts, and the films’ characters are not named', () => {
        expect(answer().facts.map((f) => [f.predicate, f.claims.map((c) => c.value.text)])).toEqual(
          [
            ['homeworld', ['Teshar']],
            ['knighted', ['3975']],
            ['mentor', [hiddenEntityName]],
          ],
        )
        expect(factsOf(answer())['mentor']?.claims[0]?.value.value).toEqual({
          _tag: 'EntityRef',
          entity: null,
          name: hiddenEntityName,
        })
        expect(JSON.stringify(answer())).not.toMatch(
          /The Warden|Aldric Vane|Master Oren|masked|Vell|lance|Starfall"|sf-1|sf-3/,
        )
      })
      it('then the films’ name for him is not found, and suggests nothing of the films', () => {
        expect(left(reader.entity({ entity: 'The Warden', at: prequelOnly }))).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
          suggestions: [],
        })
        expect(left(reader.entity({ entity: 'Master Oren', at: prequelOnly }))).toMatchObject({
          suggestions: [],
        })
      })
      it('then another character of the prequel names him as the prequel does', () => {
        const sela = right(reader.entity({ entity: 'Queen Sela', at: prequelOnly }))
        expect(texts(sela, 'ally')).toEqual(['Knight Aldric'])
      })
      it('then his history is the prequel’s appearance and assertions only', () => {
        const audit = right(reader.history({ at: prequelOnly, entity: 'Knight Aldric', page }))
        expect(audit.entity).toEqual({
          id: 'person/the-warden',
          name: 'Knight Aldric',
          aliases: [],
        })
        expect(
          audit.entries.map((e) => [e.change, e.release.id, e.name ?? e.newValue?.text]),
        ).toEqual([
          ['appeared', 'sfp-1', 'Knight Aldric'],
          ['asserted', 'sfp-1', 'Teshar'],
          ['asserted', 'sfp-1', hiddenEntityName],
          ['asserted', 'sfp-1', '3975'],
        ])
      })
    })

    describe('when a viewer who watched everything asks for him', () => {
      const answer = once(() =>
        right(reader.entity({ entity: 'Knight Aldric', at: cutOf(latest) })),
      )
      it('then he has the films’ name, with the third film’s and the prequel’s names as aliases', () => {
        expect(answer().entity).toMatchObject({
          id: 'person/the-warden',
          name: 'The Warden',
          aliases: ['Aldric Vane', 'Knight Aldric'],
          introducedBy: { id: 'sf-1' },
        })
        expect(answer().matched).toMatchObject({ text: 'Knight Aldric', by: 'alias' })
      })
      it('then he has the facts of every film, the prequel’s among them', () => {
        expect(answer().facts.map((f) => f.predicate)).toEqual([
          'base',
          'fate',
          'fell-to-darkness',
          'fortress-built',
          'homeworld',
          'identity',
          'knighted',
          'mentor',
          'weapon',
        ])
        expect(texts(answer(), 'mentor')).toEqual(['Master Oren'])
        expect(provenanceOf(factsOf(answer())['base']?.claims)).toEqual([
          ['asserted@sf-2', 'revised@sf-3'],
        ])
      })
      it('then the appearances are in his history, in release order', () => {
        const audit = right(
          reader.history({
            at: cutOf(latest),
            entity: 'The Warden',
            changes: ['introduced', 'appeared', 'aliased'],
            page,
          }),
        )
        expect(audit.entries.map((e) => [e.change, e.release.id, e.name])).toEqual([
          ['introduced', 'sf-1', 'The Warden'],
          ['appeared', 'sf-2', 'The Warden'],
          ['appeared', 'sf-3', 'The Warden'],
          ['aliased', 'sf-3', 'Aldric Vane'],
          ['appeared', 'sfp-1', 'Knight Aldric'],
        ])
      })
    })

    describe('when a viewer who watched the second film and the prequel asks for him', () => {
      it('then he is shown first by the second film, with the prequel’s name as an alias', () => {
        const answer = right(
          reader.entity({ entity: 'person/the-warden', at: cutOf(watching('sf-2', 'sfp-1')) }),
        )
        expect(answer.entity).toMatchObject({
          name: 'The Warden',
          aliases: ['Knight Aldric'],
          introducedBy: { id: 'sf-2' },
        })
        expect(texts(answer, 'homeworld')).toEqual(['Teshar'])
        expect(texts(answer, 'identity')).toBeUndefined()
      })
    })

    describe('when secondary sources are admitted for a watched set', () => {
      it('then the tie-in novel counts only if the set lists it, and on-screen canon ranks first', () => {
        const homeworld = (...items: ReadonlyArray<string>) =>
          factsOf(
            right(
              reader.entity({ entity: 'Knight Aldric', at: cutOf(watching(...items), allSources) }),
            ),
          )['homeworld']
        expect(homeworld('sfp-1')?.claims.map((c) => c.value.text)).toEqual(['Teshar'])
        expect(homeworld('sfp-1', 'sf-novel')).toMatchObject({
          status: 'settled',
          claims: [
            { value: { text: 'Teshar' }, tier: 'on-screen', source: { id: 'sfp-1' } },
            { value: { text: 'Korr' }, tier: 'tie-in', source: { id: 'sf-novel' } },
          ],
        })
      })
      it('then the novel alone, on screen only, admits nothing', () => {
        const miss = left(
          reader.entity({ entity: 'person/the-warden', at: cutOf(watching('sf-novel')) }),
        )
        expect(miss).toMatchObject({ _tag: 'NotFound', kind: 'entity' })
        const releases = right(reader.releases({ at: cutOf(watching('sf-novel')), page }))
        expect(releases.total).toBe(0)
      })
    })
  })
}
