import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import { formatInUniverseTime } from '../../../src/domain/inUniverseTime'
import { asOfRelease } from '../../../projections/cut'
import { timeline } from '../../../projections/timeline'
import { releaseCatalog } from '../../../projections/releaseCatalog'
import {
  assert,
  calendar,
  introduce,
  release,
  released,
  retract,
  stardate,
  timeValue,
} from '../../support/builders'
import { given } from './canonAt'

describe('timeline', () => {
  const ledger = given(
    released(
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
    released(release('ep2', { date: '2020-02-01' }), retract('attack.sd')),
    released(
      release('art', { date: '2020-03-01', kind: 'article' }),
      assert('attack.planned', {
        subject: 'event/attack',
        predicate: 'planned',
        value: timeValue('2384'),
      }),
    ),
  )

  it('given claims with dates, validity and stardates, when listing the timeline, then calendar times come in order, partial before precise, stardates last', () => {
    const entries = timeline(ledger.canon(asOfRelease(releaseId('ep1'))))
    expect(entries.map((e) => [formatInUniverseTime(e.time), e.anchor, e.claim])).toEqual([
      ['2385', 'valid-from', 'ban.span'],
      ['2385-04-05', 'value', 'attack.date'],
      ['2399', 'valid-until', 'ban.span'],
      ['stardate 62000.1', 'value', 'attack.sd'],
    ])
    expect(entries[0]).toMatchObject({ entity: 'law/ban', predicate: 'in-force', source: 'ep1' })
  })

  it('given a retraction and a secondary claim, when listing at later cuts, then the retracted claim is gone and the policy decides the rest', () => {
    expect(timeline(ledger.canon()).map((e) => e.claim)).toEqual([
      'ban.span',
      'attack.date',
      'ban.span',
    ])
    expect(timeline(ledger.canon(undefined, allSources)).map((e) => e.claim)).toEqual([
      'attack.planned',
      'ban.span',
      'attack.date',
      'ban.span',
    ])
  })
})

describe('release catalog', () => {
  const ledger = given(
    released(
      release('pro-s2e20', { date: '2024-07-01', series: 'Prodigy', season: 2, episode: 20 }),
    ),
    released(
      release('pro-s2e19', { date: '2024-07-01', series: 'Prodigy', season: 2, episode: 19 }),
    ),
    released(release('pic-s1e01', { date: '2020-01-23', series: 'Picard', season: 1, episode: 1 })),
    released(release('art', { date: '2024-07-03', series: 'Screen Rant', kind: 'article' })),
  )

  it('given releases appended out of order, when listing them, then they come by date then tie-break, grouped by series', () => {
    const catalog = releaseCatalog(ledger.admitted())
    expect(catalog.releases.map((r) => r.release.id)).toEqual([
      'pic-s1e01',
      'pro-s2e19',
      'pro-s2e20',
      'art',
    ])
    expect(catalog.series.map((s) => [s.series, s.releases.length])).toEqual([
      ['Picard', 1],
      ['Prodigy', 2],
      ['Screen Rant', 1],
    ])
    expect(catalog.byTier).toEqual([
      { tier: 'on-screen', count: 3 },
      { tier: 'article', count: 1 },
    ])
    expect(catalog.releases[0]).toMatchObject({ position: 2n, changes: 0, corrections: 0 })
  })

  it('given a cut, when listing, then only the admitted releases are counted', () => {
    const catalog = releaseCatalog(ledger.admitted(asOfRelease(releaseId('pro-s2e19'))))
    expect(catalog.releases.map((r) => r.release.id)).toEqual(['pic-s1e01', 'pro-s2e19'])
    expect(ledger.canon(undefined, onScreenOnly).releases.map((r) => r.release.id)).toEqual([
      'pic-s1e01',
      'pro-s2e19',
      'pro-s2e20',
    ])
  })
})
