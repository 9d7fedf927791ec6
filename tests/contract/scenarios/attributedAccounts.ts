import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import type { Cut, ReleaseCut } from '../../../projections/port/cut'
import { asOfRelease, latest, watchedReleases } from '../../../projections/port/cut'
import { hiddenEntityName } from '../../../projections/port/answers'
import type { OpenReader } from '../readerContract'
import { galaxyLedger } from './storyLedgers'
import { answered, claimOf } from './answers'

const at = (release: ReleaseCut): Cut => ({ release, policy: onScreenOnly })
const asOf = (id: string): Cut => at(asOfRelease(releaseId(id)))
const all = { limit: 1000 } as const

/**
 * Attributed statements: in A New Hope Obi-Wan tells Luke that Darth Vader betrayed and
 * murdered his father; The Empire Strikes Back reveals that Vader is his father. The first is
 * Obi-Wan's account, not what the story shows, and answers say who said it, named as the cut
 * knows the speaker; the second film revises the belief by a revelation.
 */
export const attributedAccounts = (name: string, open: OpenReader): void => {
  describe(`given Obi-Wan's account of Luke's father, read by the ${name} reader`, () => {
    const reader = open(galaxyLedger())

    describe('when the fate of Luke’s father is asked as of A New Hope', () => {
      it('then it is Obi-Wan’s account: said by him, named as the film names him, with his words', () => {
        const fate = claimOf(
          answered(reader.entity({ entity: 'person/lukes-father', at: asOf('sw-iv') })),
          'fate',
        )
        expect(fate.value.text).toBe('betrayed and murdered by Darth Vader')
        expect(fate.account).toEqual({
          as: 'said',
          by: [{ id: 'person/obi-wan-kenobi', name: 'Ben Kenobi' }],
        })
        expect(fate.provenance).toEqual([
          expect.objectContaining({
            change: 'asserted',
            quote: 'He betrayed and murdered your father.',
            account: { as: 'said', by: [{ id: 'person/obi-wan-kenobi', name: 'Ben Kenobi' }] },
          }),
        ])
      })
    })

    describe('when it is asked as of The Empire Strikes Back', () => {
      it('then the revelation gives what the story shows, no one’s account, and Obi-Wan’s account stays in its provenance', () => {
        const fate = claimOf(
          answered(reader.entity({ entity: 'person/lukes-father', at: asOf('sw-v') })),
          'fate',
        )
        expect(fate.value.text).toBe('became Darth Vader')
        expect(fate.revisionKind).toBe('revelation')
        expect(fate.account).toBeUndefined()
        expect(
          fate.provenance.map((p) => [p.release.id, p.change, p.account?.by[0]?.name]),
        ).toEqual([
          ['sw-iv', 'asserted', 'Ben Kenobi'],
          ['sw-v', 'revised', undefined],
        ])
      })
    })

    describe('when the audit of the claim is asked at the latest cut', () => {
      it('then each change says whose account it is: Obi-Wan’s assertion, the revelation, Yoda’s confirmation', () => {
        const history = answered(
          reader.history({ at: at(latest), claim: 'lukes-father.fate', page: all }),
        )
        expect(
          history.entries.map((e) => [e.release.id, e.change, e.kind, e.account?.by[0]?.name]),
        ).toEqual([
          ['sw-iv', 'asserted', undefined, 'Ben Kenobi'],
          ['sw-v', 'revised', 'revelation', undefined],
          ['sw-vi', 'confirmed', undefined, 'Yoda'],
        ])
      })
    })

    describe('when the diff from A New Hope to The Empire Strikes Back is asked', () => {
      it('then the revision is a revelation of what Obi-Wan said', () => {
        const diff = answered(
          reader.diff({
            from: asOfRelease(releaseId('sw-iv')),
            to: asOfRelease(releaseId('sw-v')),
            policy: onScreenOnly,
            entity: 'person/lukes-father',
            page: all,
          }),
        )
        expect(diff.changes.map((c) => [c.change, c.before?.text, c.after?.text])).toEqual([
          ['revised:revelation', 'betrayed and murdered by Darth Vader', 'became Darth Vader'],
        ])
        expect(diff.facts[0]?.before?.values[0]?.account?.by[0]?.name).toBe('Ben Kenobi')
        expect(diff.facts[0]?.after?.values[0]?.account).toBeUndefined()
      })
    })

    describe('when a viewer watched A New Hope and Return of the Jedi, but not the film that introduces Yoda', () => {
      it('then Yoda’s confirmation is shown with his words but he is not named, anywhere in the answer', () => {
        const answer = answered(
          reader.entity({
            entity: 'person/lukes-father',
            at: at(watchedReleases([releaseId('sw-iv'), releaseId('sw-vi')])),
          }),
        )
        const fate = claimOf(answer, 'fate')
        const yodas = fate.provenance.find((p) => p.release.id === 'sw-vi')
        expect(yodas?.quote).toBe('Your father he is.')
        expect(yodas?.account).toEqual({ as: 'said', by: [{ id: '', name: hiddenEntityName }] })
        expect(JSON.stringify(answer)).not.toMatch(/Yoda|person\/yoda/)
        // This viewer never saw the revelation: the account they know is still Obi-Wan's.
        expect(fate.account?.by).toEqual([{ id: 'person/obi-wan-kenobi', name: 'Ben Kenobi' }])
      })
    })

    describe('when a viewer watched only The Phantom Menace and A New Hope', () => {
      it('then Obi-Wan is named as the first of the films in release order names him', () => {
        const fate = claimOf(
          answered(
            reader.entity({
              entity: 'person/lukes-father',
              at: at(watchedReleases([releaseId('sw-i'), releaseId('sw-iv')])),
            }),
          ),
          'fate',
        )
        expect(fate.account?.by).toEqual([{ id: 'person/obi-wan-kenobi', name: 'Ben Kenobi' }])
      })
    })
  })
}
