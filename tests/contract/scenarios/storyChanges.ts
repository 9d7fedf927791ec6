import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import type { Cut, ReleaseCut } from '../../../projections/port/cut'
import { asOfRelease, latest, watchedReleases } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { galaxyLedger } from './storyLedgers'
import { answered, claimOf } from './answers'

const at = (release: ReleaseCut): Cut => ({ release, policy: onScreenOnly })
const asOf = (id: string): Cut => at(asOfRelease(releaseId(id)))
const all = { limit: 1000 } as const

/**
 * Changes inside the story, not of what viewers know: the Emperor, alive in The Empire
 * Strikes Back, dies in Return of the Jedi (4 ABY) and returns in The Rise of Skywalker
 * (35 ABY); Vader, who serves him, no longer does from 4 ABY. Nothing viewers knew is revised:
 * answers name these story changes, never retcons, and the timeline puts them in story order.
 */
export const storyChanges = (name: string, open: OpenReader): void => {
  describe(`given a death and a return in the story, read by the ${name} reader`, () => {
    const reader = open(galaxyLedger())

    describe('when the Emperor is asked as of The Empire Strikes Back', () => {
      it('then he is alive, and nothing has changed in the story yet', () => {
        const status = claimOf(
          answered(reader.entity({ entity: 'the Emperor', at: asOf('sw-v') })),
          'status',
        )
        expect(status.value.text).toBe('alive')
        expect(status.story).toBeUndefined()
      })
    })

    describe('when he is asked as of Return of the Jedi', () => {
      it('then he is dead from 4 ABY, told by that film, as a change in the story and not a revision', () => {
        const status = claimOf(
          answered(reader.entity({ entity: 'person/palpatine', at: asOf('sw-vi') })),
          'status',
        )
        expect(status.value.text).toBe('dead')
        expect(status.source.id).toBe('sw-vi')
        expect(status.revisionKind).toBeUndefined()
        expect(status.story?.holds).toBe(true)
        expect(status.story?.phases.map((p) => [p.value?.text, p.from, p.release.id])).toEqual([
          ['alive', undefined, 'sw-v'],
          ['dead', '4 ABY', 'sw-vi'],
        ])
        expect(status.provenance.map((p) => p.change)).toEqual(['asserted', 'changed-in-story'])
      })

      it('then Vader no longer serves him from 4 ABY: the fact has ended, with the value it held', () => {
        const serves = claimOf(
          answered(reader.entity({ entity: 'Darth Vader', at: asOf('sw-vi') })),
          'serves',
        )
        expect(serves.value.text).toBe('the Emperor')
        expect(serves.valid).toEqual({ until: '4 ABY' })
        expect(serves.story?.holds).toBe(false)
        const end = serves.story?.phases[1]
        expect([end?.value, end?.from, end?.release.id]).toEqual([undefined, '4 ABY', 'sw-vi'])
      })
    })

    describe('when he is asked at the latest cut', () => {
      it('then he has returned, from 35 ABY: three phases, in the order the films told them', () => {
        const status = claimOf(
          answered(reader.entity({ entity: 'person/palpatine', at: at(latest) })),
          'status',
        )
        expect(status.value.text).toBe('alive')
        expect(status.valid).toEqual({ from: '35 ABY' })
        expect(status.story?.phases.map((p) => [p.value?.text, p.from, p.release.id])).toEqual([
          ['alive', undefined, 'sw-v'],
          ['dead', '4 ABY', 'sw-vi'],
          ['alive', '35 ABY', 'sw-ix'],
        ])
      })
    })

    describe('when the diff from The Empire Strikes Back to Return of the Jedi is asked', () => {
      it('then the death and Vader’s turn are changes in the story, with their in-universe time', () => {
        const diff = answered(
          reader.diff({
            from: asOfRelease(releaseId('sw-v')),
            to: asOfRelease(releaseId('sw-vi')),
            policy: onScreenOnly,
            page: all,
          }),
        )
        const story = diff.changes.filter((c) => c.change === 'changed-in-story')
        expect(story.map((c) => [c.claim, c.story, c.before?.text, c.after?.text])).toEqual([
          ['palpatine.status', { ends: false, from: '4 ABY' }, 'alive', 'dead'],
          ['darth-vader.serves', { ends: true, from: '4 ABY' }, 'the Emperor', 'the Emperor'],
        ])
        expect(diff.changes.map((c) => c.change)).not.toContain('revised:retcon')
        const vader = diff.facts.find((f) => f.predicate === 'serves')
        expect(vader?.after?.values[0]?.ended).toBe(true)
        expect(vader?.before?.values[0]?.ended).toBeUndefined()
      })
    })

    describe('when the audit of the Emperor is asked for changes in the story only', () => {
      it('then it lists the death and the return, each from its time', () => {
        const history = answered(
          reader.history({
            at: at(latest),
            entity: 'person/palpatine',
            changes: ['changed-in-story'],
            page: all,
          }),
        )
        expect(
          history.entries.map((e) => [e.release.id, e.change, e.newValue?.text, e.story]),
        ).toEqual([
          ['sw-vi', 'changed-in-story', 'dead', { ends: false, from: '4 ABY' }],
          ['sw-ix', 'changed-in-story', 'alive', { ends: false, from: '35 ABY' }],
        ])
      })
    })

    describe('when the timeline is asked at the latest cut', () => {
      it('then the changes in the story stand at their in-universe times, in story order', () => {
        const timeline = answered(reader.timeline({ at: at(latest), page: all }))
        expect(
          timeline.entries
            .filter((e) => e.anchor === 'story-change')
            .map((e) => [e.time, e.entity.name, e.predicate, e.story, e.value.text]),
        ).toEqual([
          ['4 ABY', 'Darth Vader', 'serves', 'ends', 'the Emperor'],
          ['4 ABY', 'the Emperor', 'status', 'becomes', 'dead'],
          ['35 ABY', 'the Emperor', 'status', 'becomes', 'alive'],
        ])
      })
    })

    describe('when a viewer watched only The Rise of Skywalker', () => {
      it('then the Emperor is not known to them at all: no release they watched shows him', () => {
        const answer = reader.entity({
          entity: 'person/palpatine',
          at: at(watchedReleases([releaseId('sw-ix')])),
        })
        expect(answer._tag).toBe('Left')
      })
    })

    describe('when a viewer watched The Phantom Menace and The Rise of Skywalker', () => {
      it('then they learn only that he is alive from 35 ABY: the change they saw is where they learn the fact', () => {
        const status = claimOf(
          answered(
            reader.entity({
              entity: 'Senator Palpatine',
              at: at(watchedReleases([releaseId('sw-i'), releaseId('sw-ix')])),
            }),
          ),
          'status',
        )
        expect(status.value.text).toBe('alive')
        expect(status.story?.phases.map((p) => [p.value?.text, p.from])).toEqual([
          ['alive', '35 ABY'],
        ])
      })
    })
  })
}
