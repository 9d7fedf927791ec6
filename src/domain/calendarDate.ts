import * as t from 'io-ts'
import type * as Ord from 'fp-ts/Ord'
import * as S from 'fp-ts/string'

/** A real-world calendar date, `YYYY-MM-DD`, checked to exist (no 2023-02-30). */
interface IsoDateBrand {
  readonly IsoDate: unique symbol
}

/** Days in a month of the proleptic Gregorian calendar (in-universe dates use it too). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31

export const isValidIsoDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (m === null) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export const IsoDate = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateBrand> => isValidIsoDate(s),
  'IsoDate',
)
export type IsoDate = t.TypeOf<typeof IsoDate>

export const isoDate = (s: string): IsoDate => s as IsoDate

/** ISO dates order as strings. */
export const ordIsoDate: Ord.Ord<IsoDate> = S.Ord
