import * as E from 'fp-ts/Either'
import type { Release } from '../../domain/release'
import { Release as ReleaseCodec } from '../../domain/release'
import { isValidIsoDate } from '../../domain/calendarDate'
import { decodeProblems } from '../decodeProblems'
import type { CsvRecord } from './csv'
import type { CatalogProblem } from './problems'
import { rowAt } from './problems'
import type { CatalogFileError } from './records'
import { readRecords } from './records'
import type { SeriesInfo } from './series'
import { seriesCodes } from './series'

/** The columns of the episode list, in order. */
export const catalogHeader = ['Series', 'Episode', 'Title', 'Star date', 'Air date'] as const

/** One release the list gives, with the rows it was read from. */
export interface CatalogRelease {
  readonly release: Release
  readonly lines: ReadonlyArray<number>
}

export interface Catalog {
  /** Data rows read (the header not counted). */
  readonly rows: number
  readonly releases: ReadonlyArray<CatalogRelease>
  readonly problems: ReadonlyArray<CatalogProblem>
}

type Numbering =
  | { readonly _tag: 'Film' }
  | { readonly _tag: 'Pilot' }
  | { readonly _tag: 'Numbered'; readonly season: number; readonly episode: number }

interface Row {
  readonly line: number
  readonly code: string
  readonly series: SeriesInfo
  readonly numbering: Numbering
  readonly episodeField: string
  readonly title: string
  readonly stardate: string
  readonly date: string
}

const quoted = (s: string): string => `“${s}”`

const describeRow = (r: Row): string => `${r.code} ${r.episodeField} ${quoted(r.title)}`

/** Lower-case ASCII words joined by hyphens: `Star Trek Into Darkness` -> `star-trek-into-darkness`. */
export const slugOf = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

const readNumbering = (field: string): Numbering | undefined => {
  if (field === 'Movie') return { _tag: 'Film' }
  const m = /^(\d{1,3})-(\d{1,4})$/.exec(field)
  if (m === null) return undefined
  const [season, episode] = [Number(m[1]), Number(m[2])]
  if (season === 0 && episode === 0) return { _tag: 'Pilot' }
  return season >= 1 && episode >= 1 ? { _tag: 'Numbered', season, episode } : undefined
}

/** Why a field is not a real calendar date (`YYYY-MM-DD`, and a day that exists), if it is not. */
export const dateFault = (field: string, s: string): string | undefined =>
  !/^\d{4}-\d{2}-\d{2}$/.test(s)
    ? `${field} '${s}' is not YYYY-MM-DD`
    : isValidIsoDate(s)
      ? undefined
      : `${field} '${s}' does not exist`

/** A data record as a row, or the problem that keeps it out. */
const readRow = (source: string, record: CsvRecord): E.Either<CatalogProblem, Row> => {
  const skip = (kind: CatalogProblem['kind'], why: string): E.Either<CatalogProblem, Row> =>
    E.left({
      kind,
      file: source,
      line: record.line,
      action: 'skipped',
      message: `${rowAt(source, record.line)}: ${why}`,
    })
  if (record.fields.length !== catalogHeader.length)
    return skip(
      'malformed-row',
      `expected ${catalogHeader.length} fields (${catalogHeader.join(', ')}), found ${record.fields.length}: skipped`,
    )
  const [code, episodeField, title, stardate, date] = record.fields.map((f) => f.trim())
  if (code === undefined || episodeField === undefined || title === undefined)
    return skip('malformed-row', 'unreadable')
  const series = seriesCodes.get(code)
  if (series === undefined)
    return skip('unknown-series', `series code '${code}' is not one the importer knows: skipped`)
  const numbering = readNumbering(episodeField)
  if (numbering === undefined)
    return skip(
      'malformed-row',
      `episode '${episodeField}' is neither season-episode (1-3), 0-0 nor Movie: skipped`,
    )
  if (title === '') return skip('malformed-row', 'the title is empty: skipped')
  const fault = dateFault('air date', date ?? '')
  if (date === undefined || fault !== undefined) return skip('malformed-row', `${fault}: skipped`)
  return E.right({
    line: record.line,
    code,
    series,
    numbering,
    episodeField,
    title,
    stardate: stardate ?? '',
    date,
  })
}

/** A row kept as a release, with the rows folded into it. */
interface Kept {
  readonly row: Row
  readonly merged: ReadonlyArray<Row>
}

/**
 * Rows of one series with one title and one date are one release listed more than once: a
 * pilot listed both as `0-0` and with a number (the numbered row is kept), an exact repeat, or
 * consecutive episode numbers of one season (a two-part premiere or finale, kept as one
 * release numbered by its first episode). Anything else stays separate. Films are never merged.
 */
const foldRepeats = (
  source: string,
  rows: ReadonlyArray<Row>,
): { kept: Kept[]; problems: CatalogProblem[] } => {
  const groups = new Map<string, Row[]>()
  for (const r of rows) {
    const key =
      r.numbering._tag === 'Film' ? `film|${r.line}` : `${r.series.name}|${r.title}|${r.date}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const problems: CatalogProblem[] = []
  const kept = new Map<number, Kept>()
  for (const group of groups.values()) {
    const numbered = group
      .filter((r) => r.numbering._tag === 'Numbered')
      .sort((a, b) => numberOf(a) - numberOf(b))
    const first = numbered[0]
    for (const pilot of group.filter((r) => r.numbering._tag !== 'Numbered')) {
      if (first === undefined) {
        kept.set(pilot.line, { row: pilot, merged: [] })
        continue
      }
      problems.push({
        kind: 'duplicate-row',
        file: source,
        line: pilot.line,
        action: 'skipped',
        message: `${rowAt(source, pilot.line)}: ${describeRow(pilot)} is listed again as ${first.episodeField} (line ${first.line}) with the same title and date: skipped, ${first.episodeField} kept`,
      })
    }
    let current: { row: Row; merged: Row[] } | undefined
    for (const r of numbered) {
      const previous = current?.merged[current.merged.length - 1] ?? current?.row
      if (current !== undefined && previous !== undefined && numberOf(r) === numberOf(previous)) {
        problems.push({
          kind: 'duplicate-row',
          file: source,
          line: r.line,
          action: 'skipped',
          message: `${rowAt(source, r.line)}: ${describeRow(r)} repeats line ${previous.line}: skipped`,
        })
        continue
      }
      if (
        current !== undefined &&
        previous !== undefined &&
        numberOf(r) === numberOf(previous) + 1
      ) {
        current.merged.push(r)
        problems.push({
          kind: 'two-row-release',
          file: source,
          line: r.line,
          action: 'merged',
          message: `${rowAt(source, r.line)}: ${describeRow(r)} has the title and date of ${current.row.episodeField} (line ${current.row.line}): one two-part release, recorded once as ${current.row.episodeField}${r.stardate === current.row.stardate ? '' : ` (its stardate '${r.stardate}' differs; the first row's is kept)`}`,
        })
        continue
      }
      if (current !== undefined) kept.set(current.row.line, current)
      current = { row: r, merged: [] }
    }
    if (current !== undefined) kept.set(current.row.line, current)
  }
  return {
    kept: [...kept.values()].sort((a, b) => a.row.line - b.row.line),
    problems,
  }
}

const numberOf = (r: Row): number =>
  r.numbering._tag === 'Numbered' ? r.numbering.season * 10000 + r.numbering.episode : -1

/** A numbered row's place in its series (`Star Trek: Picard|10002`), for finding repeats. */
const numberKey = (r: Row): string | undefined =>
  r.numbering._tag === 'Numbered' ? `${r.series.name}|${numberOf(r)}` : undefined

const pad2 = (n: number): string => String(n).padStart(2, '0')

const idOf = (r: Row): string => {
  switch (r.numbering._tag) {
    case 'Film':
      return `film-${slugOf(r.title)}`
    case 'Pilot':
      return `${r.series.prefix}-pilot-${slugOf(r.title)}`
    case 'Numbered':
      return r.series.ids === 'title'
        ? `${r.series.prefix}-${slugOf(r.title)}`
        : `${r.series.prefix}-s${r.numbering.season}e${pad2(r.numbering.episode)}`
    default: {
      const never: never = r.numbering
      return never
    }
  }
}

/** What the row's own fields say that must be reported, though the row is taken. */
const rowNotes = (source: string, r: Row): CatalogProblem[] => {
  const at = `${rowAt(source, r.line)}: ${describeRow(r)}`
  const problems: CatalogProblem[] = []
  const taken = (kind: CatalogProblem['kind'], why: string): void => {
    problems.push({ kind, file: source, line: r.line, action: 'taken', message: `${at} ${why}` })
  }
  if (r.stardate === '') taken('missing-stardate', 'has no stardate: taken without one')
  else if (/^unknown$/i.test(r.stardate))
    taken('unknown-stardate', `has stardate '${r.stardate}': taken without one`)
  else if (/^\d+(\.\d+)?[-/]\d+(\.\d+)?$/.test(r.stardate))
    taken(
      'unreadable-stardate',
      `has stardate '${r.stardate}', a range or two values where the ledger holds one: taken without one`,
    )
  else if (!/^-?\d+(\.\d+)?$/.test(r.stardate))
    taken('unreadable-stardate', `has stardate '${r.stardate}', not a number: taken without one`)
  if (/^\d+$/.test(r.title))
    taken('numeric-title', 'has a title that looks like a number: taken as a title')
  if (r.numbering._tag === 'Pilot')
    taken('unnumbered-episode', 'is listed as 0-0: taken as an unnumbered pilot')
  const premiere = r.series.premiered
  if (premiere !== undefined && r.date < premiere.date)
    problems.push({
      kind: 'bogus-row',
      file: source,
      line: r.line,
      action: 'flagged',
      message: `${at} is dated ${r.date}, before ${r.series.name} premiered (${premiere.date}, ${quoted(premiere.title)}): not a real release; taken as listed and flagged, for a correction to fix`,
    })
  return problems
}

const noteOf = (k: Kept): string | undefined => {
  if (k.merged.length > 0)
    return `Listed as ${[k.row, ...k.merged].map((r) => r.episodeField).join(' and ')}, with one title and one date: one two-part release.`
  if (k.row.numbering._tag === 'Pilot') return 'Listed as episode 0-0: an unnumbered pilot.'
  return undefined
}

const releaseOf = (k: Kept): E.Either<ReadonlyArray<string>, Release> => {
  const r = k.row
  const stardate = /^-?\d+(\.\d+)?$/.test(r.stardate)
    ? { stardate: { _tag: 'Stardate', stardate: Number(r.stardate) } }
    : {}
  const numbers =
    r.numbering._tag === 'Numbered'
      ? {
          season: r.numbering.season,
          episode: r.numbering.episode,
          sequence: r.numbering.season * 1000 + r.numbering.episode,
        }
      : { sequence: 0 }
  const note = noteOf(k)
  return E.mapLeft(decodeProblems)(
    ReleaseCodec.decode({
      id: idOf(r),
      title: r.title,
      series: r.series.name,
      kind: r.numbering._tag === 'Film' ? 'film' : (r.series.kind ?? 'episode'),
      date: r.date,
      ...numbers,
      ...stardate,
      ...(note === undefined ? {} : { note }),
    }),
  )
}

export type { CatalogFileError } from './records'

/**
 * Reads the episode list's records (header first) as releases. Pure and total over rows: a row
 * it cannot take is a problem, never a stop; only a wrong header refuses the whole file.
 */
export const interpretCatalog = (
  source: string,
  records: ReadonlyArray<CsvRecord>,
): E.Either<CatalogFileError, Catalog> => {
  const read = readRecords(records, catalogHeader, (record) => readRow(source, record))
  if (E.isLeft(read)) return read
  const { items: rows, problems } = read.right
  const folded = foldRepeats(source, rows)
  problems.push(...folded.problems)
  const releases: CatalogRelease[] = []
  const ids = new Map<string, number>()
  // Ids made from titles do not catch one episode listed twice under two titles: numbers do.
  const numbers = new Map<string, Kept>()
  for (const k of folded.kept) {
    const decoded = releaseOf(k)
    if (E.isLeft(decoded)) {
      problems.push({
        kind: 'malformed-row',
        file: source,
        line: k.row.line,
        action: 'skipped',
        message: `${rowAt(source, k.row.line)}: ${describeRow(k.row)} is not a valid release (${decoded.left.join('; ')}): skipped`,
      })
      continue
    }
    const earlier = ids.get(decoded.right.id)
    const number = numberKey(k.row)
    const sameNumber = number === undefined ? undefined : numbers.get(number)
    if (earlier !== undefined || sameNumber !== undefined) {
      problems.push({
        kind: 'duplicate-id',
        file: source,
        line: k.row.line,
        action: 'skipped',
        message:
          earlier !== undefined
            ? `${rowAt(source, k.row.line)}: ${describeRow(k.row)} would be release '${decoded.right.id}', which line ${earlier} already gives: skipped`
            : `${rowAt(source, k.row.line)}: ${describeRow(k.row)} has the episode number of line ${sameNumber?.row.line ?? 0} (${describeRow(sameNumber?.row ?? k.row)}): skipped`,
      })
      continue
    }
    ids.set(decoded.right.id, k.row.line)
    if (number !== undefined) numbers.set(number, k)
    problems.push(...rowNotes(source, k.row))
    releases.push({ release: decoded.right, lines: [k.row.line, ...k.merged.map((m) => m.line)] })
  }
  return E.right({
    rows: records.length - 1,
    releases,
    problems: [...problems].sort((a, b) => a.line - b.line),
  })
}
