import * as t from 'io-ts'
import * as O from 'fp-ts/Option'
import { daysInMonth } from './calendarDate'
import { CalendarId, EraCount, EraLabel } from './calendar'

/** A month exists (1-12); a day needs its month and exists in it (no 2385-02-30). */
const isValidCalendar = (year: number, month?: number, day?: number): boolean =>
  month === undefined
    ? day === undefined
    : month >= 1 &&
      month <= 12 &&
      (day === undefined || (day >= 1 && day <= daysInMonth(year, month)))

/**
 * When something is true in the story. Calendar dates may be partial (a year alone, a
 * month); stardates are kept as they were said, since they do not map to calendar dates
 * across eras.
 */
export const CalendarTime = t.refinement(
  t.readonly(
    t.intersection([
      t.type({ _tag: t.literal('Calendar'), year: t.Int }),
      t.partial({ month: t.Int, day: t.Int }),
    ]),
  ),
  (c) => isValidCalendar(c.year, c.month, c.day),
  'CalendarTime',
)
export type CalendarTime = t.TypeOf<typeof CalendarTime>

export const StardateTime = t.readonly(t.type({ _tag: t.literal('Stardate'), stardate: t.number }))
export type StardateTime = t.TypeOf<typeof StardateTime>

const YearCount = t.refinement(t.Int, (n) => n >= 0 && n <= 1e9, 'YearCount')

/**
 * A year of an era calendar: `32 BBY` is `{ era: 'BBY', year: 32 }`. As an author writes it,
 * only the era and the year; as the ledger records it, also its calendar, the era's place among
 * the calendar's eras and the way it counts, filled in by `decide` from the universe's
 * declaration. So a reader formats and orders a recorded era time from the value alone,
 * without looking the calendar up (see `formatInUniverseTime`, `timelineSortKey`).
 */
export const EraTime = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Era'), era: EraLabel, year: YearCount }),
    t.partial({ calendar: CalendarId, eraIndex: t.Int, counts: EraCount }),
  ]),
)
export type EraTime = t.TypeOf<typeof EraTime>

export const InUniverseTime = t.union([CalendarTime, StardateTime, EraTime])
export type InUniverseTime = t.TypeOf<typeof InUniverseTime>

/** `32 BBY`, `0 ABY`, `283 AC`: a whole year, a space, an era label (letters and dots). */
export const parseEraTime = (
  s: string,
): O.Option<{ readonly era: string; readonly year: number }> => {
  const m = /^(\d{1,9})\s+([A-Za-z][A-Za-z.]{0,15})$/.exec(s.trim())
  return m === null ? O.none : O.some({ era: m[2] as string, year: Number(m[1]) })
}

/** Parses `2385`, `2385-04`, `2385-04-05` or `stardate 41153.7` / `SD 41153.7`. */
export const parseInUniverseTime = (s: string): O.Option<InUniverseTime> => {
  const sd = /^(?:stardate|sd)\s*(-?\d+(?:\.\d+)?)$/i.exec(s.trim())
  if (sd !== null) return O.some({ _tag: 'Stardate', stardate: Number(sd[1]) })
  const cal = /^(-?\d{1,5})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim())
  if (cal === null) return O.none
  const year = Number(cal[1])
  const month = cal[2] === undefined ? undefined : Number(cal[2])
  const day = cal[3] === undefined ? undefined : Number(cal[3])
  if (!isValidCalendar(year, month, day)) return O.none
  return O.some({
    _tag: 'Calendar',
    year: year as t.Int,
    ...(month === undefined ? {} : { month: month as t.Int }),
    ...(day === undefined ? {} : { day: day as t.Int }),
  })
}

/** Zero-padded, with the sign in front: year -44 is `-0044`, which parses back to -44. */
const pad = (n: number, width: number): string =>
  `${n < 0 ? '-' : ''}${String(Math.abs(n)).padStart(width, '0')}`

export const formatInUniverseTime = (time: InUniverseTime): string => {
  switch (time._tag) {
    case 'Stardate':
      return `stardate ${time.stardate}`
    case 'Era':
      return `${time.year} ${time.era}`
    case 'Calendar':
      return [
        pad(time.year, 4),
        ...(time.month === undefined ? [] : [pad(time.month, 2)]),
        ...(time.day === undefined ? [] : [pad(time.day, 2)]),
      ].join('-')
    default: {
      const never: never = time
      return never
    }
  }
}

/**
 * A sort key for the in-universe timeline, compared element by element: Gregorian times by
 * year, month, day (a partial date sorts before the precise dates within it); then stardates,
 * in stardate order; then each era calendar's years (calendars by id), by era in the order the
 * calendar declares them, and within an era by the way it counts: `32 BBY` before `0 BBY`
 * before `0 ABY` before `4 ABY`. Different calendars share no scale, so they are kept apart.
 */
export const timelineSortKey = (
  time: InUniverseTime,
): readonly [number, string, number, number, number] => {
  switch (time._tag) {
    case 'Calendar':
      return [0, '', time.year, time.month ?? 0, time.day ?? 0]
    case 'Stardate':
      return [1, '', time.stardate, 0, 0]
    case 'Era':
      return [
        2,
        time.calendar ?? '',
        time.eraIndex ?? 0,
        time.counts === 'down' ? 0 - time.year : time.year,
        0,
      ]
    default: {
      const never: never = time
      return never
    }
  }
}
