import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../../src/domain/canonPolicy'
import type { ReleaseCut } from '../../../../projections/port/cut'
import { latest } from '../../../../projections/port/cut'
import { beforeEverything } from '../../../../projections/port/cutText'
import type { OpenReader } from '../../readerContract'
import { walkPages } from '../../readerReads'
import { decidedLedger } from '../../../support/decidedLedger'
import { cutOf, left, page, right, shown, watching } from '../support'
import { starfallCommands } from './ledger'

/**
 * What only the third film (and the prequel after it) brings in: the Warden's real name, the
 * revelation, its words and dates, and the titles. A viewer of the second film sees none of it.
 */
const revealed =
  /Aldric|Vane|Kestrel’s father|revelation|redeemed|unmasked|orbital citadel|3990|Knight|Teshar|Korr|Sela|Return of the Lantern|Hollow Crown|Shadow of the Warden|sf-3|sfp-1|sf-novel/

/**
 * The issue this answers: asking for the history of the villain, a viewer who had seen only
 * the second film was told his real name from the third. No read at that cut may say it.
 */
export const starfallSpoilerScenarios = (name: string, open: OpenReader): void => {
  describe(`given Starfall, read by the ${name} reader`, () => {
    const reader = open(decidedLedger(starfallCommands))
    interface Viewer {
      readonly who: string
      readonly release: ReleaseCut
      /** What the films watched say of him: the first film's identity, the dates on the timeline. */
      readonly identity: ReadonlyArray<string>
      readonly times: ReadonlyArray<string>
    }
    const viewers: ReadonlyArray<Viewer> = [
      {
        who: 'who watched only the second film',
        release: watching('sf-2'),
        identity: [],
        times: ['4015'],
      },
      {
        who: 'who watched the first two films (..sf-2)',
        release: watching('..sf-2'),
        identity: ['a masked enforcer of the Dominion, origin unknown'],
        times: ['4012', '4015'],
      },
    ]
    for (const { who, release, identity, times } of viewers) {
      const at = cutOf(release)
      describe(`when a viewer ${who} asks for the history of the villain`, () => {
        it('then it lists what the films watched say, and nothing of the revelation', () => {
          const audit = right(reader.history({ at, entity: 'The Warden', page }))
          expect(audit.entity).toEqual({ id: 'person/the-warden', name: 'The Warden', aliases: [] })
          expect(audit.entries.map((e) => e.release.id)).not.toContain('sf-3')
          expect(
            audit.entries.filter((e) => e.claim === 'warden.identity').map((e) => e.newValue?.text),
          ).toEqual(identity)
          expect(shown(E.right(audit))).not.toMatch(revealed)
        })
        it('then the history of one fact, of one claim and the revision audit say nothing of it either', () => {
          const base = right(reader.history({ at, entity: 'The Warden', predicate: 'base', page }))
          expect(base.entries.map((e) => [e.change, e.newValue?.text])).toEqual([
            ['asserted', 'the ice fortress of Vell'],
          ])
          const revisions = right(reader.history({ at, changes: ['revised'], page }))
          expect(revisions.entries).toEqual([])
          const fate = reader.history({ at, claim: 'warden.fate', page })
          expect(left(fate)).toMatchObject({ _tag: 'NotFound', kind: 'claim' })
          for (const answer of [E.right(base), E.right(revisions), fate])
            expect(shown(answer)).not.toMatch(revealed)
        })
        it('then no search finds him by his real name, and a search for him shows no alias', () => {
          for (const text of ['Aldric', 'Vane', 'Aldric Vane', 'Knight'])
            expect(right(reader.search({ text, at })).hits).toEqual([])
          const warden = right(reader.search({ text: 'warden', at }))
          expect(warden.hits.map((h) => [h.id, h.name, h.aliases])).toEqual([
            ['person/the-warden', 'The Warden', []],
          ])
        })
        it('then a misspelt real name suggests nothing, where after the third film it suggests the entity it names', () => {
          const early = left(reader.entity({ entity: 'Aldric Vain', at }))
          expect(early).toMatchObject({ _tag: 'NotFound', suggestions: [] })
          expect(shown(E.left(early))).not.toMatch(/Aldric Vane|sf-3/)
          expect(left(reader.entity({ entity: 'Aldric Vain', at: cutOf(latest) }))).toMatchObject({
            suggestions: ['The Warden'],
          })
        })
        it('then the diff up to that cut, and the timeline at it, say nothing of it', () => {
          const diff = walkPages(
            (p) =>
              reader.diff({ from: beforeEverything, to: release, policy: onScreenOnly, page: p }),
            3,
          )
          const villainDiff = reader.diff({
            from: beforeEverything,
            to: release,
            policy: onScreenOnly,
            entity: 'The Warden',
            page,
          })
          const timeline = reader.timeline({ at, page })
          expect(right(timeline).entries.map((e) => e.time)).toEqual(times)
          for (const answer of [...diff, villainDiff, timeline])
            expect(shown(answer)).not.toMatch(revealed)
        })
        it('then the releases listed stop at the second film', () => {
          const releases = right(reader.releases({ at, page }))
          expect(releases.releases.map((r) => r.id)).not.toContain('sf-3')
          expect(shown(E.right(releases))).not.toMatch(revealed)
        })
      })
    }

    describe('when a viewer of the second film diffs to the third', () => {
      it('then the revelation is there, classified, with the old and new identity', () => {
        const d = right(
          reader.diff({
            from: watching('..sf-2'),
            to: watching('..sf-3'),
            policy: onScreenOnly,
            entity: 'The Warden',
            page,
          }),
        )
        expect(d.releases.map((r) => r.id)).toEqual(['sf-3'])
        expect(d.changes.filter((c) => c.predicate === 'identity')).toMatchObject([
          {
            change: 'revised:revelation',
            before: { text: 'a masked enforcer of the Dominion, origin unknown' },
            after: { text: 'Aldric Vane, a fallen Lantern Knight and Kestrel’s father' },
          },
        ])
        expect(d.changes.find((c) => c.change === 'aliased')).toMatchObject({
          entity: { id: 'person/the-warden', name: 'The Warden' },
          name: 'Aldric Vane',
        })
      })
    })
  })
}
