import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { StoreError } from '../../src/store/port'
import { appendFiles } from '../../src/app/appendFiles'
import { verifyLedger } from '../../src/app/verify'
import { beforeAll, describe, expect, it } from 'vitest'
import { isoDate } from '../../src/domain/calendarDate'
import type { LedgerDeps } from '../../src/app/ledger'
import { describeAppError } from '../../src/app/errors'
import type { ImportProgress, ImportSummary } from '../../src/app/importReleases'
import { importReleases } from '../../src/app/importReleases'
import { parseCsv } from '../../src/app/catalog/csv'
import { releasesOf } from '../support/releasesOf'
import { asOfDate } from '../../projections/port/cut'
import {
  arcFiles,
  catalogCorrectionFiles,
  episodeList,
  freshDeps,
  givenBundledArc,
  importBundledCatalog,
} from '../support/bundledLedger'
import { answer, storeContents } from '../support/storeContents'

/** The importer on the REAL episode list (data/star-trek-episodes-1966-2005.csv). */
const countBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}

describe('given the real episode list', () => {
  it('then its rows by series are as the CSV has them (Discovery written STD)', () => {
    const records = answer(parseCsv(episodeList().text))
    expect(records[0]?.fields).toEqual(['Series', 'Episode', 'Title', 'Star date', 'Air date'])
    expect(countBy(records.slice(1), (r) => r.fields[0] ?? '')).toEqual({
      TOS: 90,
      TAS: 22,
      TNG: 182,
      DS9: 176,
      VOY: 172,
      ENT: 98,
      STD: 1,
    })
    const mirror = records.find((r) => r.fields[2] === 'Mirror, Mirror')
    expect(mirror?.fields).toEqual(['TOS', '2-33', 'Mirror, Mirror', 'Unknown', '1967-10-06'])
  })

  describe('when it is imported into an empty ledger with its catalog corrections', () => {
    let deps: LedgerDeps
    let summary: ImportSummary
    const progress: ImportProgress[] = []
    beforeAll(async () => {
      deps = freshDeps()
      summary = answer(
        await importReleases(deps, episodeList(), {
          corrections: catalogCorrectionFiles(),
          onProgress: (p) => progress.push(p),
        })(),
      )
    })

    it('then it appends one release per release the rows give, after folding repeats', async () => {
      expect(summary).toMatchObject({
        rows: 741,
        releases: 734,
        appended: 734,
        unchanged: 0,
        corrections: { appended: 1, unchanged: 0 },
      })
      const all = await releasesOf(deps)
      expect(all.total).toBe(734)
      // TOS 90 rows - the repeated pilot = 80 episodes + 9 films; TNG 182 - 2 two-row
      // releases = 176 episodes + 4 films; DS9, VOY and ENT lose their two-row releases.
      expect(countBy(all.releases, (r) => `${r.series} ${r.kind}`)).toEqual({
        'Star Trek: The Original Series episode': 80,
        'Star Trek: The Original Series film': 9,
        'Star Trek: The Animated Series episode': 22,
        'Star Trek: The Next Generation episode': 176,
        'Star Trek: The Next Generation film': 4,
        'Star Trek: Deep Space Nine episode': 175,
        'Star Trek: Voyager episode': 170,
        'Star Trek: Enterprise episode': 97,
        'Star Trek: Discovery episode': 1,
      })
      const byId = new Map(all.releases.map((r) => [r.id, r]))
      expect(byId.get('tos-s1e01')).toMatchObject({
        title: 'The Man Trap',
        date: '1966-09-08',
        season: 1,
        episode: 1,
        sequence: 1001,
        stardate: 'stardate 1513.1',
      })
      expect(byId.get('film-the-wrath-of-khan')).toMatchObject({ kind: 'film', date: '1982-06-04' })
      expect(byId.get('film-the-wrath-of-khan')?.season).toBeUndefined()
      expect(byId.get('tng-s1e15')?.title).toBe('11001001')
      expect(byId.get('tos-s1e28')?.stardate).toBeUndefined()
      expect(byId.get('tos-pilot-the-cage')).toMatchObject({ date: '1988-10-01' })
      expect(byId.get('tng-s1e01')?.note).toMatch(/1-1 and 1-2/)
      expect(byId.has('tng-s1e02')).toBe(false)
    })

    it('then it reports every row it could not take or had to interpret, and goes on', () => {
      expect(summary.problemsByKind).toEqual({
        'malformed-row': 0,
        'unknown-series': 0,
        'duplicate-row': 1,
        'two-row-release': 6,
        'unnumbered-episode': 1,
        // 257 rows say Unknown; two of them are second rows of two-row releases.
        'unknown-stardate': 255,
        'missing-stardate': 0,
        'unreadable-stardate': 0,
        'numeric-title': 1,
        'bogus-row': 1,
        'duplicate-id': 0,
        'bad-regional-row': 0,
        'unmatched-regional-row': 0,
        'regional-dates-differ': 0,
        refused: 0,
      })
      const notable = summary.problems
        .filter((p) => p.kind !== 'unknown-stardate')
        .map((p) => [p.kind, p.line, p.action])
      expect(notable).toEqual([
        ['duplicate-row', 4, 'skipped'],
        ['two-row-release', 109, 'merged'],
        ['numeric-title', 122, 'taken'],
        ['unnumbered-episode', 134, 'taken'],
        ['two-row-release', 332, 'merged'],
        ['two-row-release', 349, 'merged'],
        ['two-row-release', 586, 'merged'],
        ['two-row-release', 639, 'merged'],
        ['two-row-release', 641, 'merged'],
        ['bogus-row', 742, 'flagged'],
      ])
      const messageAt = (line: number) =>
        summary.problems.find((p) => p.line === line && p.kind !== 'unknown-stardate')?.message
      expect(messageAt(4)).toMatch(/Where No Man Has Gone Before.*1-3/)
      expect(messageAt(109)).toMatch(/Encounter at Farpoint/)
      expect(messageAt(742)).toMatch(/Discovering.*2017-01-07.*2017-09-24.*The Vulcan Hello/)
      const unknown = summary.problems.filter((p) => p.kind === 'unknown-stardate')
      expect(unknown.map((p) => p.line)).toContain(30)
      expect(unknown.every((p) => p.action === 'taken')).toBe(true)
    })

    it('then it reports progress up to the last row, then the append', () => {
      expect(progress[0]).toEqual({ phase: 'read', rows: 741, releases: 734 })
      const decided = progress.filter((p) => p.phase === 'decide')
      expect(decided.at(-1)).toEqual({ phase: 'decide', done: 735, total: 735 })
      expect(progress.at(-1)).toEqual({ phase: 'append', events: 735 })
    })

    it('then the bogus Discovery row shows the mistake and its correction', async () => {
      const corrected = (await releasesOf(deps)).releases.find((r) => r.id === 'dis-s1e01')
      expect(corrected).toMatchObject({
        title: 'The Vulcan Hello',
        date: '2017-09-24',
        corrections: 1,
      })
      const correctionAt = BigInt(summary.positions?.last ?? 0n)
      const asRecorded = await releasesOf(deps, { ledgerPosition: correctionAt - 1n })
      expect(asRecorded.releases.find((r) => r.id === 'dis-s1e01')).toMatchObject({
        title: 'Discovering',
        date: '2017-01-07',
        corrections: 0,
      })
    })

    it('then as of 1987-09-28 the catalog holds exactly the TOS, TAS and film releases before it plus the TNG premiere', async () => {
      const cut = await releasesOf(deps, { release: asOfDate(isoDate('1987-09-28')) })
      expect(countBy(cut.releases, (r) => `${r.series} ${r.kind}`)).toEqual({
        // 79 numbered episodes; "The Cage" (0-0) first aired in 1988.
        'Star Trek: The Original Series episode': 79,
        'Star Trek: The Animated Series episode': 22,
        'Star Trek: The Original Series film': 4,
        'Star Trek: The Next Generation episode': 1,
      })
      expect(cut.releases.filter((r) => r.kind === 'film').map((r) => r.title)).toEqual([
        'The Motion Picture',
        'The Wrath of Khan',
        'The Search for Spock',
        'The Voyage Home',
      ])
      expect(cut.releases.at(-1)).toMatchObject({
        id: 'tng-s1e01',
        title: 'Encounter at Farpoint',
        date: '1987-09-28',
        stardate: 'stardate 41153.7',
      })
      expect(cut.releases.every((r) => r.date <= '1987-09-28')).toBe(true)
    })

    describe('when it is imported a second time', () => {
      it('then nothing is appended and the store is unchanged', async () => {
        const before = await storeContents(deps.store)
        const again = answer(
          await importReleases(deps, episodeList(), { corrections: catalogCorrectionFiles() })(),
        )
        expect(again).toMatchObject({
          appended: 0,
          unchanged: 734,
          corrections: { appended: 0, unchanged: 1 },
        })
        expect(again.positions).toBeUndefined()
        expect(again.problemsByKind.refused).toBe(0)
        expect(await storeContents(deps.store)).toBe(before)
      })
    })
  })

  describe('when it is imported into the bundled ledger', () => {
    it('then the arc and the catalog live side by side, ordered by release date', async () => {
      const deps = await givenBundledArc()
      const summary = await importBundledCatalog(deps)
      expect(summary.appended).toBe(734)
      const all = await releasesOf(deps)
      // The arc's 13 releases: 8 on screen, 5 secondary sources.
      expect(all.total).toBe(734 + 13)
      const ids = all.releases.map((r) => r.id)
      expect(ids.indexOf('dis-s1e01')).toBeLessThan(ids.indexOf('st-children-of-mars'))
    })
  })
})

describe('given another writer appending while the list is imported', () => {
  it('then the import reads the ledger again, decides again, and both writes land on one chain', async () => {
    const deps = freshDeps()
    let interleaved = false
    const racing: LedgerDeps = {
      ...deps,
      store: {
        ...deps.store,
        appendToStream: (stream, expected, events) =>
          interleaved
            ? deps.store.appendToStream(stream, expected, events)
            : pipe(
                TE.fromIO(() => {
                  interleaved = true
                }),
                TE.flatMap(() => appendFiles(deps, arcFiles().slice(0, 1))),
                TE.mapError((): StoreError => ({
                  _tag: 'Unavailable',
                  store: 'memory',
                  reason: 'the other writer failed',
                })),
                TE.flatMap(() => deps.store.appendToStream(stream, expected, events)),
              ),
      },
    }
    const summary = answer(await importReleases(racing, episodeList())())
    expect(interleaved).toBe(true)
    // The other writer's file declares the universe's two calendars, then records its release.
    expect(summary).toMatchObject({ appended: 734, positions: { first: 3n, last: 736n } })
    const all = await releasesOf(deps)
    expect(all.total).toBe(735)
    const verified = answer(await verifyLedger(deps)())
    expect(verified.checked).toBe(737)
    expect(verified.firstBreak).toBeUndefined()
  })
})

describe('given an episode list the importer cannot read', () => {
  it('then a wrong header refuses the file, naming it, and the ledger is unchanged', async () => {
    const deps = await givenBundledArc()
    const before = JSON.stringify(answer(await deps.store.readAll()()), (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v,
    )
    const r = await importReleases(deps, { source: 'bad.csv', text: 'Show,Ep,Name\nTOS,1-1,X\n' })()
    expect(E.isLeft(r) && describeAppError(r.left)).toMatch(
      /bad\.csv.*line 1.*expected the header/s,
    )
    expect(await storeContents(deps.store)).toBe(before)
  })

  it('then an unclosed quote refuses the file at the line where the field opens', async () => {
    const deps = freshDeps()
    const text =
      'Series,Episode,Title,Star date,Air date\nTOS,1-1,"The Man Trap,1513.1,1966-09-08\n'
    const r = await importReleases(deps, { source: 'open.csv', text })()
    expect(E.isLeft(r) && describeAppError(r.left)).toMatch(
      /line 2: a quoted field is never closed/,
    )
    expect(await storeContents(deps.store)).toBe('[]')
  })

  it('then a correction file holding releases refuses the import, and nothing is appended', async () => {
    const deps = freshDeps()
    const r = await importReleases(deps, episodeList(), {
      corrections: [
        {
          source: 'wrong.yaml',
          text: 'releases:\n  - { id: x, title: X, series: S, kind: episode, date: 2020-01-01 }\n',
        },
      ],
    })()
    expect(E.isLeft(r) && describeAppError(r.left)).toMatch(/wrong\.yaml.*corrections/s)
    expect(await storeContents(deps.store)).toBe('[]')
  })
})

describe('given a list with rows the importer cannot take', () => {
  const header = 'Series,Episode,Title,Star date,Air date'
  const list = [
    header,
    'TOS,1-1,The Man Trap,1513.1,1966-09-08',
    'XYZ,1-1,Nowhere,1.0,1970-01-01',
    'TOS,1-2,Too,Many,Fields,1966-09-15',
    'TOS,one,Charlie X,1533.6,1966-09-15',
    'TOS,1-4,The Naked Time,,1966-09-29',
    'TOS,1-5,The Enemy Within,soon,1966-10-06',
    'TOS,1-6,"Mudd\'s ""Women""",1329.8,1966-10-13',
    'TOS,1-7,Miri,2713.5,1966-13-40',
    '',
  ].join('\r\n')

  it('then each is reported with its line and the rest is taken', async () => {
    const deps = freshDeps()
    const summary = answer(await importReleases(deps, { source: 'small.csv', text: list })())
    expect(summary.problems.map((p) => [p.kind, p.line, p.action])).toEqual([
      ['unknown-series', 3, 'skipped'],
      ['malformed-row', 4, 'skipped'],
      ['malformed-row', 5, 'skipped'],
      ['missing-stardate', 6, 'taken'],
      ['unreadable-stardate', 7, 'taken'],
      ['malformed-row', 9, 'skipped'],
    ])
    expect(summary.appended).toBe(4)
    const titles = (await releasesOf(deps)).releases.map((r) => r.title)
    expect(titles).toEqual([
      'The Man Trap',
      'The Naked Time',
      'The Enemy Within',
      'Mudd\'s "Women"',
    ])
  })

  it('then a row the ledger already holds with other content is refused, and the others appended', async () => {
    const deps = freshDeps()
    answer(
      await importReleases(deps, {
        source: 'one.csv',
        text: `${header}\nTOS,1-1,The Man Trap,1513.1,1966-09-08\n`,
      })(),
    )
    const summary = answer(
      await importReleases(deps, {
        source: 'two.csv',
        text: `${header}\nTOS,1-1,The Man Trap,1513.2,1966-09-08\nTOS,1-2,Charlie X,1533.6,1966-09-15\n`,
      })(),
    )
    expect(summary.problems).toMatchObject([{ kind: 'refused', line: 2, action: 'refused' }])
    expect(summary.problems[0]?.message).toMatch(
      /two\.csv line 2: release 'tos-s1e01'.*different content/,
    )
    expect(summary).toMatchObject({ appended: 1, unchanged: 0 })
  })
})
