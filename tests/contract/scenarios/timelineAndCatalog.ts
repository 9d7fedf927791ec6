import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import {
  assert,
  calendar,
  introduce,
  recordRelease,
  release,
  retract,
  stardate,
  timeValue,
} from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { asOf, cutOf, page, right } from './support'

/** The in-universe chronology of what is known, and the catalog of the releases a cut admits. */
export const timelineAndCatalogScenarios = (name: string, open: OpenReader): void => {
  describe(`given claims with dates, validity and stardates, one retracted and one secondary, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          release('ep1', { date: '2020-01-01' }),
          introduce('event/attack', 'Attack'),
          introduce('law/ban', 'Synth ban'),
          assert('attack.date', {
            subject: 'event/attack',
            predicate: 'date',
            value: timeValue('2385-04-05'),
          }),
          assert('ban.span', {
            subject: 'law/ban',
            predicate: 'in-force',
            value: 'yes',
            valid: { from: calendar('2385'), until: calendar('2399') },
          }),
          assert('attack.sd', {
            subject: 'event/attack',
            predicate: 'stardate',
            value: timeValue(stardate(62000.1)),
          }),
        ),
        recordRelease(release('ep2', { date: '2020-02-01' }), retract('attack.sd')),
        recordRelease(
          release('art', { date: '2020-03-01', kind: 'article' }),
          assert('attack.planned', {
            subject: 'event/attack',
            predicate: 'planned',
            value: timeValue('2384'),
          }),
        ),
      ]),
    )

    describe('when the timeline is listed as of the first release', () => {
      const tl = right(reader.timeline({ at: cutOf(asOf('ep1')), page }))
      it('then calendar times come in order, partial before precise, stardates last', () => {
        expect(tl.entries.map((e) => [e.time, e.anchor, e.claim])).toEqual([
          ['2385', 'valid-from', 'ban.span'],
          ['2385-04-05', 'value', 'attack.date'],
          ['2399', 'valid-until', 'ban.span'],
          ['stardate 62000.1', 'value', 'attack.sd'],
        ])
        expect(tl.entries[0]).toMatchObject({
          entity: { id: 'law/ban', name: 'Synth ban' },
          predicate: 'in-force',
          source: { id: 'ep1' },
        })
      })
    })

    describe('when the timeline is listed at later cuts', () => {
      it('then the retracted claim is gone and the policy decides the rest', () => {
        const claims = (policy = onScreenOnly) =>
          right(reader.timeline({ at: cutOf(latest, policy), page })).entries.map((e) => e.claim)
        expect(claims()).toEqual(['ban.span', 'attack.date', 'ban.span'])
        expect(claims(allSources)).toEqual([
          'attack.planned',
          'ban.span',
          'attack.date',
          'ban.span',
        ])
      })
      it('then the timeline of one entity holds only its facts', () => {
        const tl = right(reader.timeline({ at: cutOf(latest, allSources), entity: 'Attack', page }))
        expect(tl.entries.map((e) => e.claim)).toEqual(['attack.planned', 'attack.date'])
      })
    })
  })

  describe(`given releases appended out of release order, two on one day, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          release('pro-s2e20', { date: '2024-07-01', series: 'Prodigy', season: 2, episode: 20 }),
        ),
        recordRelease(
          release('pro-s2e19', { date: '2024-07-01', series: 'Prodigy', season: 2, episode: 19 }),
        ),
        recordRelease(
          release('pic-s1e01', { date: '2020-01-23', series: 'Picard', season: 1, episode: 1 }),
        ),
        recordRelease(
          release('art', { date: '2024-07-03', series: 'Screen Rant', kind: 'article' }),
        ),
      ]),
    )

    describe('when every release is listed', () => {
      const all = right(reader.releases({ at: cutOf(latest, allSources), page }))
      it('then they come by date then tie-break, counted by series and by tier', () => {
        expect(all.releases.map((r) => r.id)).toEqual([
          'pic-s1e01',
          'pro-s2e19',
          'pro-s2e20',
          'art',
        ])
        expect(all.bySeries.map((s) => [s.series, s.count])).toEqual([
          ['Picard', 1],
          ['Prodigy', 2],
          ['Screen Rant', 1],
        ])
        expect(all.byTier).toEqual([
          { tier: 'on-screen', count: 3 },
          { tier: 'article', count: 1 },
        ])
        expect(all.releases[0]).toMatchObject({ position: '2', changes: 0, corrections: 0 })
      })
    })

    describe('when listed at a cut, or on screen only', () => {
      it('then only the admitted releases are counted', () => {
        const early = right(reader.releases({ at: cutOf(asOf('pro-s2e19'), allSources), page }))
        expect(early.releases.map((r) => r.id)).toEqual(['pic-s1e01', 'pro-s2e19'])
        expect(early.total).toBe(2)
        const onScreen = right(reader.releases({ at: cutOf(latest), page }))
        expect(onScreen.releases.map((r) => r.id)).toEqual(['pic-s1e01', 'pro-s2e19', 'pro-s2e20'])
      })
    })
  })
}
