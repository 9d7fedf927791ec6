import type * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import type { CalendarBook } from './calendar'
import { declaredEras, findEra } from './calendar'
import type { InUniverseTime } from './inUniverseTime'
import { formatInUniverseTime } from './inUniverseTime'
import type { Change, Validity } from './change'
import type { ScalarValue, Value } from './value'
import type { Release } from './release'
import type { ChangeFieldsFix, ReleaseFieldsFix } from './correction'

/**
 * Times as the universe's calendars admit them. An era time as written ("32 BBY") is recorded
 * with its calendar, its era's place and its way of counting, so readers order and print it
 * from the value alone. A time in a calendar the universe does not declare, or a year zero in a
 * calendar that has none, is refused here, naming the field that holds it.
 */
export interface TimeProblem {
  /** Where the time sits in the change (or release, or correction's fields), as field names. */
  readonly field: ReadonlyArray<string | number>
  readonly time: string
  readonly reason: string
}

const builtIn = (book: CalendarBook, kind: 'gregorian' | 'stardate'): boolean =>
  book.size === 0 || [...book.values()].some((c) => c.kind === kind)

const declaredNames = (book: CalendarBook): string =>
  [...book.values()].map((c) => `'${c.id}' (${c.name})`).join(', ')

/** One time, resolved against the book: the recorded form, or why it cannot be recorded. */
export const resolveTime = (
  book: CalendarBook,
  time: InUniverseTime,
): E.Either<string, InUniverseTime> => {
  switch (time._tag) {
    case 'Calendar':
      return builtIn(book, 'gregorian')
        ? E.right(time)
        : E.left(`the universe declares no Gregorian calendar (it declares ${declaredNames(book)})`)
    case 'Stardate':
      return builtIn(book, 'stardate')
        ? E.right(time)
        : E.left(`the universe declares no stardate calendar (it declares ${declaredNames(book)})`)
    case 'Era': {
      const found = findEra(book, time.era)
      if (found === undefined) {
        const eras = declaredEras(book)
        return E.left(
          `no calendar of the universe declares the era '${time.era}' (${
            eras.length === 0 ? 'it declares no era calendar' : `declared eras: ${eras.join(', ')}`
          })`,
        )
      }
      if (time.year === 0 && found.calendar.yearZero !== true)
        return E.left(
          `the calendar '${found.calendar.id}' (${found.calendar.name}) has no year zero: its years run from 1 in each era`,
        )
      return E.right({
        _tag: 'Era',
        era: found.era.label,
        year: time.year,
        calendar: found.calendar.id,
        eraIndex: found.index as t.Int,
        counts: found.era.counts,
      })
    }
    default: {
      const never: never = time
      return never
    }
  }
}

/** Resolves every time of a structure, collecting the first problem with its field path. */
interface Resolver {
  readonly time: (t: InUniverseTime, field: ReadonlyArray<string | number>) => InUniverseTime
  readonly problem: () => TimeProblem | undefined
}

const resolver = (book: CalendarBook): Resolver => {
  let first: TimeProblem | undefined
  return {
    time: (t, field) => {
      const r = resolveTime(book, t)
      if (E.isRight(r)) return r.right
      first ??= { field, time: formatInUniverseTime(t), reason: r.left }
      return t
    },
    problem: () => first,
  }
}

const scalar = (r: Resolver, v: ScalarValue, field: ReadonlyArray<string | number>): ScalarValue =>
  v._tag === 'Time' ? { ...v, time: r.time(v.time, field) } : v

const value = (r: Resolver, v: Value, field: ReadonlyArray<string | number>): Value =>
  v._tag === 'List'
    ? { ...v, items: v.items.map((item, i) => scalar(r, item, [...field, i])) }
    : scalar(r, v, field)

const validity = (r: Resolver, v: Validity, field: ReadonlyArray<string | number>): Validity => ({
  ...v,
  ...(v.from === undefined ? {} : { from: r.time(v.from, [...field, 'from']) }),
  ...(v.until === undefined ? {} : { until: r.time(v.until, [...field, 'until']) }),
})

const change = (r: Resolver, c: Change): Change => {
  switch (c._tag) {
    case 'Asserted':
    case 'Revised':
      return {
        ...c,
        value: value(r, c.value, ['value']),
        ...(c.valid === undefined ? {} : { valid: validity(r, c.valid, ['valid']) }),
      }
    case 'StoryChanged':
      return {
        ...c,
        ...(c.value === undefined ? {} : { value: value(r, c.value, ['value']) }),
        ...(c.from === undefined ? {} : { from: r.time(c.from, ['from']) }),
      }
    case 'Introduced':
    case 'Appeared':
    case 'Aliased':
    case 'Confirmed':
    case 'Retracted':
    case 'Identified':
      return c
    default: {
      const never: never = c
      return never
    }
  }
}

/** Where a problem of a release's times sits: the release itself, or one of its changes. */
export interface ReleaseTimeProblem extends TimeProblem {
  /** The change's place among the release's changes, counted from 1; absent: the release. */
  readonly change?: number
}

/** A release and its changes with every time resolved, or the first time that cannot be. */
export const resolveReleaseTimes = (
  book: CalendarBook,
  release: Release,
  changes: ReadonlyArray<Change>,
): E.Either<
  ReleaseTimeProblem,
  { readonly release: Release; readonly changes: ReadonlyArray<Change> }
> => {
  const own = resolver(book)
  const resolved =
    release.stardate === undefined
      ? release
      : { ...release, stardate: own.time(release.stardate, ['stardate']) }
  const releaseProblem = own.problem()
  if (releaseProblem !== undefined) return E.left(releaseProblem)
  const out: Change[] = []
  for (const [i, c] of changes.entries()) {
    const r = resolver(book)
    out.push(change(r, c))
    const p = r.problem()
    if (p !== undefined) return E.left({ ...p, change: i + 1 })
  }
  return E.right({ release: resolved, changes: out })
}

/** A correction's fields with every time resolved, or the first that cannot be. */
export const resolveFixTimes = <F extends ReleaseFieldsFix | ChangeFieldsFix>(
  book: CalendarBook,
  set: F,
): E.Either<TimeProblem, F> => {
  const r = resolver(book)
  const fixed: Record<string, unknown> = { ...set }
  if ('stardate' in set && set.stardate !== undefined)
    fixed['stardate'] = r.time(set.stardate, ['set', 'stardate'])
  if ('value' in set && set.value !== undefined)
    fixed['value'] = value(r, set.value, ['set', 'value'])
  if ('valid' in set && set.valid !== undefined)
    fixed['valid'] = validity(r, set.valid, ['set', 'valid'])
  const p = r.problem()
  return p === undefined ? E.right(fixed as F) : E.left(p)
}
