import * as E from 'fp-ts/Either'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LedgerDeps } from '../../src/app/ledger'
import { describeAppError } from '../../src/app/errors'
import type { ImportSummary } from '../../src/app/importReleases'
import { importReleases } from '../../src/app/importReleases'
import { parseCsv } from '../../src/app/catalog/csv'
import type { ReleaseAnswer } from '../../projections/port/answers'
import { releasesOf } from '../support/releasesOf'
import {
  freshDeps,
  givenBundledArc,
  importBundledCatalog,
  importModernCatalog,
  modernEpisodeList,
  regionalDates,
} from '../support/bundledLedger'
import { answer, storeContents } from '../support/storeContents'

/**
 * The importer on the REAL 2017-2024 episode list (data/star-trek-episodes-2017-2024.csv) and
 * the regional first releases compiled from its README (data/star-trek-regional-releases-2017-2024.csv).
 */
const countBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}

const regionalOf = (r: ReleaseAnswer | undefined): ReadonlyArray<string> =>
  (r?.regionalDates ?? []).map((d) => `${d.region} ${d.date}`)

const nonzero = (s: ImportSummary): Record<string, number> =>
  Object.fromEntries(Object.entries(s.problemsByKind).filter(([, n]) => n > 0))

describe('given the real 2017-2024 episode list', () => {
  it('then its rows by series are as its README counts them', () => {
    const records = answer(parseCsv(modernEpisodeList().text))
    expect(records[0]?.fields).toEqual(['Series', 'Episode', 'Title', 'Star date', 'Air date'])
    expect(countBy(records.slice(1), (r) => r.fields[0] ?? '')).toEqual({
      STD: 65,
      ST: 10,
      PIC: 30,
      LD: 50,
      PRO: 40,
      SNW: 20,
    })
  })

  describe('when it is imported with its regional dates into an empty ledger', () => {
    let deps: LedgerDeps
    let summary: ImportSummary
    let byId: ReadonlyMap<string, ReleaseAnswer>
    beforeAll(async () => {
      deps = freshDeps()
      summary = await importModernCatalog(deps)
      const all = await releasesOf(deps)
      byId = new Map(all.releases.map((r) => [r.id, r]))
    })

    it('then every row is a release, Short Treks as shorts named by their titles', () => {
      expect(summary).toMatchObject({ rows: 215, releases: 215, appended: 215, unchanged: 0 })
      expect(byId.get('st-children-of-mars')).toMatchObject({
        title: 'Children of Mars',
        series: 'Star Trek: Short Treks',
        kind: 'short',
        season: 2,
        episode: 6,
        date: '2020-01-09',
      })
      expect(byId.get('pic-s1e01')).toMatchObject({ title: 'Remembrance', date: '2020-01-23' })
      expect(byId.get('pro-s2e20')).toMatchObject({
        title: 'Ouroboros, Part II',
        date: '2024-07-01',
        sequence: 2020,
      })
      expect(byId.get('snw-s2e07')).toMatchObject({ date: '2023-07-22' })
      expect(byId.get('pro-s2e01')?.stardate).toBe('stardate 61859.6')
    })

    it('then its stardates are reported: unknown, not researched, or a range the ledger cannot hold as one', () => {
      expect(nonzero(summary)).toEqual({
        'unknown-stardate': 52,
        'missing-stardate': 125,
        'unreadable-stardate': 7,
      })
      const ranges = summary.problems.filter((p) => p.kind === 'unreadable-stardate')
      expect(ranges.map((p) => p.line)).toEqual([58, 117, 120, 126, 160, 163, 164])
      expect(ranges[5]?.message).toMatch(
        /^data\/star-trek-episodes-2017-2024\.csv line 163: SNW 2-7 “Those Old Scientists” has stardate '2291\.6\/58460\.1', a range or two values/,
      )
    })

    it('then Prodigy season 2 keeps its first release anywhere: France, all 20 episodes, 2024-03-22', () => {
      const season = [...byId.values()].filter(
        (r) => r.series === 'Star Trek: Prodigy' && r.season === 2,
      )
      expect(season).toHaveLength(20)
      for (const r of season) {
        expect(r.date).toBe('2024-07-01')
        expect(regionalOf(r)).toEqual(['France 2024-03-22'])
      }
    })

    it('then the other regional first releases are those the README gives, and no others', () => {
      expect(regionalOf(byId.get('dis-s1e01'))).toEqual(['International 2017-09-25'])
      expect(regionalOf(byId.get('dis-s3e01'))).toEqual(['International 2020-10-16'])
      expect(regionalOf(byId.get('dis-s4e01'))).toEqual(['International 2021-11-26'])
      expect(regionalOf(byId.get('dis-s4e02'))).toEqual(['International 2021-11-26'])
      expect(regionalOf(byId.get('dis-s4e03'))).toEqual([])
      expect(regionalOf(byId.get('pic-s1e01'))).toEqual(['International 2020-01-24'])
      expect(regionalOf(byId.get('pic-s3e10'))).toEqual(['International 2023-04-21'])
      expect(regionalOf(byId.get('st-runaway'))).toEqual(['International 2019-01-17'])
      expect(regionalOf(byId.get('st-children-of-mars'))).toEqual([])
      expect(regionalOf(byId.get('ld-s1e01'))).toEqual(['International 2021-01-22'])
      expect(regionalOf(byId.get('ld-s2e01'))).toEqual([])
      expect(regionalOf(byId.get('pro-s1e01'))).toEqual([])
      expect(regionalOf(byId.get('snw-s1e01'))).toEqual([])
      const withRegional = [...byId.values()].filter((r) => (r.regionalDates ?? []).length > 0)
      // STD S1-S3 42 + S4 2 + S5 10; ST S1 4; PIC 30; LD S1 10; PRO S2 20.
      expect(withRegional).toHaveLength(118)
    })

    it('then importing it again appends nothing and leaves the store as it was', async () => {
      const before = await storeContents(deps.store)
      const again = answer(
        await importReleases(deps, modernEpisodeList(), { regionalDates: regionalDates() })(),
      )
      expect(again).toMatchObject({ appended: 0, unchanged: 215 })
      expect(nonzero(again)['refused']).toBeUndefined()
      expect(await storeContents(deps.store)).toBe(before)
    })
  })

  describe('when it is imported after the bundled arc and the 1966-2005 list', () => {
    let deps: LedgerDeps
    let summary: ImportSummary
    beforeAll(async () => {
      deps = await givenBundledArc()
      await importBundledCatalog(deps)
      summary = await importModernCatalog(deps)
    })

    it('then the arc’s releases are taken as already recorded, the list agreeing with them, changes and all', async () => {
      // The arc's 8 on-screen releases, and Discovery's premiere from the 1966-2005 list.
      expect(summary).toMatchObject({ appended: 206, unchanged: 9 })
      const all = (await releasesOf(deps)).releases
      expect(all.filter((r) => r.id === 'pic-s1e02')).toHaveLength(1)
      expect(all.find((r) => r.id === 'pic-s1e02')?.changes).toBeGreaterThan(0)
      expect(all.filter((r) => r.series === 'Star Trek: Picard')).toHaveLength(30)
    })

    it('then Discovery’s premiere, recorded by the older list without regional dates, is kept and the difference reported', () => {
      expect(nonzero(summary)).toMatchObject({ 'regional-dates-differ': 1 })
      expect(nonzero(summary)['refused']).toBeUndefined()
      const differ = summary.problems.find((p) => p.kind === 'regional-dates-differ')
      expect(differ).toMatchObject({
        file: 'data/star-trek-episodes-2017-2024.csv',
        line: 2,
        action: 'kept',
      })
      expect(differ?.message).toMatch(
        /line 2: release 'dis-s1e01' is already in the ledger as the list gives it, but with regional dates none, where the list gives International 2017-09-25/,
      )
    })
  })
})

describe('given a 2017-2024 style list with odd rows', () => {
  const header = 'Series,Episode,Title,Star date,Air date'
  const list = [
    header,
    'PIC,1-1,Remembrance,Unknown,2020-01-23',
    'PIC,1-2,Maps and Legends,Unknown,2020-02-30',
    'PIC,1-1,Remembrance (extended),Unknown,2020-01-24',
    'ST,2-6,Children of Mars,Unknown,2020-01-09',
    'ST,2-6,Children of Mars (director’s cut),Unknown,2020-01-10',
    'VST,1-1,Holograms All the Way Down,Unknown,2023-11-14',
    'PRO,2-20,"Ouroboros, Part II",,2024-07-01',
    '',
  ].join('\n')

  it('then each is reported with its file and line, and the rest is imported', async () => {
    const deps = freshDeps()
    const summary = answer(await importReleases(deps, { source: 'odd.csv', text: list })())
    const notable = summary.problems.filter((p) => !/stardate/.test(p.kind))
    expect(notable.map((p) => [p.kind, p.file, p.line, p.action])).toEqual([
      ['malformed-row', 'odd.csv', 3, 'skipped'],
      ['duplicate-id', 'odd.csv', 4, 'skipped'],
      ['duplicate-id', 'odd.csv', 6, 'skipped'],
      ['unknown-series', 'odd.csv', 7, 'skipped'],
    ])
    expect(notable[0]?.message).toBe(
      "odd.csv line 3: air date '2020-02-30' does not exist: skipped",
    )
    expect(notable[1]?.message).toMatch(
      /^odd\.csv line 4: .*would be release 'pic-s1e01', which line 2/,
    )
    expect(notable[2]?.message).toMatch(
      /^odd\.csv line 6: ST 2-6 “Children of Mars \(director’s cut\)” has the episode number of line 5/,
    )
    expect(notable[3]?.message).toMatch(/^odd\.csv line 7: series code 'VST'/)
    expect(summary.appended).toBe(3)
    const ids = (await releasesOf(deps)).releases.map((r) => r.id)
    expect(ids).toEqual(['st-children-of-mars', 'pic-s1e01', 'pro-s2e20'])
  })

  it('then a release the ledger holds with another title is refused naming the field, and the ledger keeps its entry', async () => {
    const deps = await givenBundledArc()
    const renamed = `${header}\nPIC,1-8,Broken Bits,Unknown,2020-03-12\nPIC,1-9,"Et in Arcadia Ego, Part 1",Unknown,2020-03-19\n`
    const summary = answer(await importReleases(deps, { source: 'renamed.csv', text: renamed })())
    expect(summary.problems.filter((p) => p.kind === 'refused')).toMatchObject([
      { file: 'renamed.csv', line: 2, action: 'refused' },
    ])
    expect(summary.problems.find((p) => p.kind === 'refused')?.message).toBe(
      "renamed.csv line 2: release 'pic-s1e08' is already in the ledger with different content (title: the ledger has 'Broken Pieces', the list 'Broken Bits'); record a correction instead",
    )
    expect(summary.appended).toBe(1)
    const held = (await releasesOf(deps)).releases.find((r) => r.id === 'pic-s1e08')
    expect(held?.title).toBe('Broken Pieces')
  })
})

describe('given a regional-dates file with odd rows', () => {
  const list = [
    'Series,Episode,Title,Star date,Air date',
    'PIC,1-1,Remembrance,Unknown,2020-01-23',
    'PIC,1-2,Maps and Legends,Unknown,2020-01-30',
    'PRO,2-20,"Ouroboros, Part II",,2024-07-01',
    '',
  ].join('\n')
  const regional = [
    'Series,Episodes,Region,Date,Source',
    'PIC,1-*,International,+1,a source',
    'PRO,2-20,France,2024-02-30,a date that does not exist',
    'PRO,2-21..2-22,France,2024-03-22,no such episodes',
    'VST,1-*,France,+1,an unknown series',
    'PIC,1-1,INTERNATIONAL,2020-01-25,a second date for a region in any case',
    'PIC,1-2,france,+1,a region not written as a name',
    'PIC,1..2,France,+1,episodes that cannot be read',
    'PRO,2-*,France,2024-03-22,the right one',
    '',
  ].join('\n')

  it('then each is reported with its file and line, and the rest apply', async () => {
    const deps = freshDeps()
    const summary = answer(
      await importReleases(
        deps,
        { source: 'list.csv', text: list },
        { regionalDates: { source: 'regional.csv', text: regional } },
      )(),
    )
    const notable = summary.problems.filter((p) => p.file === 'regional.csv')
    expect(notable.map((p) => [p.kind, p.line, p.action])).toEqual([
      ['bad-regional-row', 3, 'skipped'],
      ['unmatched-regional-row', 4, 'skipped'],
      ['bad-regional-row', 5, 'skipped'],
      ['bad-regional-row', 6, 'skipped'],
      ['bad-regional-row', 7, 'skipped'],
      ['bad-regional-row', 8, 'skipped'],
    ])
    const messages = new Map(notable.map((p) => [p.line, p.message]))
    expect(messages.get(3)).toMatch(/^regional\.csv line 3: date '2024-02-30' does not exist/)
    expect(messages.get(4)).toMatch(
      /^regional\.csv line 4: PRO 2-21\.\.2-22 in France matches no release/,
    )
    expect(messages.get(5)).toMatch(/series code 'VST'/)
    expect(messages.get(6)).toMatch(/gives a second date in that region to 'pic-s1e01' \(line 2\)/)
    expect(messages.get(7)).toMatch(/region 'france'/)
    expect(messages.get(8)).toMatch(/episodes '1\.\.2'/)
    const byId = new Map((await releasesOf(deps)).releases.map((r) => [r.id, r]))
    expect(regionalOf(byId.get('pic-s1e01'))).toEqual(['International 2020-01-24'])
    expect(regionalOf(byId.get('pic-s1e02'))).toEqual(['International 2020-01-31'])
    expect(regionalOf(byId.get('pro-s2e20'))).toEqual(['France 2024-03-22'])
  })

  it('then a regional-dates file with a wrong header refuses the import, naming it, and the ledger is unchanged', async () => {
    const deps = await givenBundledArc()
    const before = await storeContents(deps.store)
    const r = await importReleases(
      deps,
      { source: 'list.csv', text: list },
      { regionalDates: { source: 'regional.csv', text: 'Series,Region,Date\nPIC,France,+1\n' } },
    )()
    expect(E.isLeft(r) && describeAppError(r.left)).toMatch(
      /regional\.csv is invalid:\n {2}- at line 1: expected the header Series,Episodes,Region,Date,Source/,
    )
    expect(await storeContents(deps.store)).toBe(before)
  })
})
