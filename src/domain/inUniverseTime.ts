import * as t from 'io-ts'
import * as O from 'fp-ts/Option'
import { daysInMonth } from './calendarDate'

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

export const InUniverseTime = t.union([CalendarTime, StardateTime])
export type InUniverseTime = t.TypeOf<typeof InUniverseTime>

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
 * A sort key for the in-universe timeline: calendar times by year, month, day (a partial
 * date sorts before the precise dates within it); stardates after all calendar times, in
 * stardate order, because they share no scale with the calendar.
 */
export const timelineSortKey = (time: InUniverseTime): readonly [number, number, number, number] =>
  time._tag === 'Calendar'
    ? [0, time.year, time.month ?? 0, time.day ?? 0]
    : [1, time.stardate, 0, 0]
