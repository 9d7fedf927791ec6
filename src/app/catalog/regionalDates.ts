import * as E from 'fp-ts/Either'
import type { IsoDate } from '../../domain/calendarDate'
import { isoDate } from '../../domain/calendarDate'
import type { Release } from '../../domain/release'
import type { Catalog, CatalogRelease } from './catalogRows'
import type { CatalogFileError } from './records'
import { readRecords } from './records'
import { dateFault } from './catalogRows'
import type { CsvRecord } from './csv'
import type { CatalogProblem } from './problems'
import { rowAt } from './problems'
import type { SeriesInfo } from './series'
import { seriesCodes } from './series'

/**
 * The columns of a regional-dates file: which releases of the episode list (a series code, and
 * `S-E`, `S-E1..S-E2` or `S-*` for a whole season) were first released in a region on another
 * day than the list's (US) date, and the source that says so. `Date` is a day (`2024-03-22`)
 * or a number of days after each release's own date (`+1`: "one day later").
 */
export const regionalHeader = ['Series', 'Episodes', 'Region', 'Date', 'Source'] as const

type When =
  | { readonly _tag: 'On'; readonly date: IsoDate }
  | { readonly _tag: 'After'; readonly days: number }

/** One row of the file, read. */
export interface RegionalRule {
  readonly line: number
  readonly code: string
  readonly series: SeriesInfo
  readonly season: number
  /** The first and last episode numbers it covers; a whole season is 1..Infinity. */
  readonly first: number
  readonly last: number
  readonly episodes: string
  readonly region: string
  readonly when: When
}

export interface RegionalRules {
  readonly rules: ReadonlyArray<RegionalRule>
  readonly problems: ReadonlyArray<CatalogProblem>
}

const readEpisodes = (
  field: string,
): { season: number; first: number; last: number } | undefined => {
  const whole = /^(\d{1,3})-\*$/.exec(field)
  if (whole !== null) return { season: Number(whole[1]), first: 1, last: Infinity }
  const range = /^(\d{1,3})-(\d{1,4})(?:\.\.(\d{1,3})-(\d{1,4}))?$/.exec(field)
  if (range === null) return undefined
  const season = Number(range[1])
  const first = Number(range[2])
  const last = range[4] === undefined ? first : Number(range[4])
  if (range[3] !== undefined && Number(range[3]) !== season) return undefined
  return season >= 1 && first >= 1 && last >= first ? { season, first, last } : undefined
}

const readWhen = (field: string): E.Either<string, When> => {
  const after = /^\+(\d{1,3})$/.exec(field)
  if (after !== null) return E.right({ _tag: 'After', days: Number(after[1]) })
  const fault = dateFault('date', field)
  return fault === undefined
    ? E.right({ _tag: 'On', date: isoDate(field) })
    : E.left(`${fault} (nor +N, N days after each release's own date)`)
}

/** Region names are written as the sources name them, in words: `France`, `International`. */
const isRegionName = (s: string): boolean => /^[A-Z][\p{L} .'()-]{0,63}$/u.test(s)

const readRule = (source: string, record: CsvRecord): E.Either<CatalogProblem, RegionalRule> => {
  const skip = (why: string): E.Either<CatalogProblem, RegionalRule> =>
    E.left({
      kind: 'bad-regional-row',
      file: source,
      line: record.line,
      action: 'skipped',
      message: `${rowAt(source, record.line)}: ${why}: skipped`,
    })
  if (record.fields.length !== regionalHeader.length)
    return skip(
      `expected ${regionalHeader.length} fields (${regionalHeader.join(', ')}), found ${record.fields.length}`,
    )
  const [code = '', episodes = '', region = '', date = ''] = record.fields.map((f) => f.trim())
  const series = seriesCodes.get(code)
  if (series === undefined) return skip(`series code '${code}' is not one the importer knows`)
  const span = readEpisodes(episodes)
  if (span === undefined)
    return skip(`episodes '${episodes}' is neither S-E, S-E1..S-E2 (one season) nor S-*`)
  if (!isRegionName(region))
    return skip(`region '${region}' is not a name in words starting with a capital (France)`)
  const when = readWhen(date)
  if (E.isLeft(when)) return skip(when.left)
  return E.right({ line: record.line, code, series, ...span, episodes, region, when: when.right })
}

/** Reads a regional-dates file's records (header first); only a wrong header refuses it. */
export const interpretRegionalDates = (
  source: string,
  records: ReadonlyArray<CsvRecord>,
): E.Either<CatalogFileError, RegionalRules> =>
  E.map(({ items, problems }: { items: RegionalRule[]; problems: CatalogProblem[] }) => ({
    rules: items,
    problems,
  }))(readRecords(records, regionalHeader, (record) => readRule(source, record)))

/** A calendar date `days` later; pure arithmetic on the proleptic Gregorian calendar. */
const addDays = (date: IsoDate, days: number): IsoDate => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  return isoDate(new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10))
}

const covers = (rule: RegionalRule, release: Release): boolean =>
  release.series === rule.series.name &&
  release.season === rule.season &&
  release.episode !== undefined &&
  release.episode >= rule.first &&
  release.episode <= rule.last

const sameRegion = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** Regional dates in one order (by region), so a release's content does not hang on row order. */
export const byRegion = (
  dates: ReadonlyArray<{ readonly region: string; readonly date: string }>,
): ReadonlyArray<{ readonly region: string; readonly date: string }> =>
  [...dates].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0))

/**
 * Gives the list's releases the regional dates the rules name. A rule that matches no release,
 * or that would give a release a second date for a region, is reported and skipped; the rest
 * apply. Pure.
 */
export const applyRegionalDates = (
  source: string,
  catalog: Catalog,
  regional: RegionalRules,
): Catalog => {
  const given = new Map<string, { region: string; date: IsoDate; line: number }[]>()
  const problems: CatalogProblem[] = [...regional.problems]
  for (const rule of regional.rules) {
    const matched = catalog.releases.filter((r) => covers(rule, r.release))
    const at = `${rowAt(source, rule.line)}: ${rule.code} ${rule.episodes} in ${rule.region}`
    if (matched.length === 0) {
      problems.push({
        kind: 'unmatched-regional-row',
        file: source,
        line: rule.line,
        action: 'skipped',
        message: `${at} matches no release of the list: skipped`,
      })
      continue
    }
    const clashes = matched.flatMap((r) => {
      const earlier = (given.get(r.release.id) ?? []).find((g) => sameRegion(g.region, rule.region))
      return earlier === undefined ? [] : [`'${r.release.id}' (line ${earlier.line})`]
    })
    if (clashes.length > 0) {
      problems.push({
        kind: 'bad-regional-row',
        file: source,
        line: rule.line,
        action: 'skipped',
        message: `${at} gives a second date in that region to ${clashes.join(', ')}: skipped`,
      })
      continue
    }
    for (const r of matched) {
      const date =
        rule.when._tag === 'On' ? rule.when.date : addDays(r.release.date, rule.when.days)
      given.set(r.release.id, [
        ...(given.get(r.release.id) ?? []),
        { region: rule.region, date, line: rule.line },
      ])
    }
  }
  const releases = catalog.releases.map((r): CatalogRelease => {
    const dates = given.get(r.release.id)
    return dates === undefined
      ? r
      : {
          ...r,
          release: {
            ...r.release,
            regionalDates: byRegion(dates.map(({ region, date }) => ({ region, date }))),
          } as Release,
        }
  })
  return {
    ...catalog,
    releases,
    problems: [...catalog.problems, ...problems.sort((a, b) => a.line - b.line)],
  }
}
