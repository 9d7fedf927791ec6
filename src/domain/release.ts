import * as t from 'io-ts'
import * as Ord from 'fp-ts/Ord'
import * as N from 'fp-ts/number'
import * as S from 'fp-ts/string'
import { pipe } from 'fp-ts/function'
import { concatAll } from 'fp-ts/Monoid'
import { NonEmptyText, ReleaseId } from './ids'
import { IsoDate } from './calendarDate'
import { InUniverseTime } from './inUniverseTime'

/**
 * What was published. On-screen kinds are canon; the others are secondary sources, each a
 * tier that a canon policy may admit. A `novel` (or another `source-work`: a comic, a play, a
 * story) is a work a series adapts: the source-work tier.
 */
export const ReleaseKind = t.keyof({
  episode: null,
  film: null,
  short: null,
  special: null,
  article: null,
  interview: null,
  production: null,
  'tie-in': null,
  novel: null,
  'source-work': null,
})
export type ReleaseKind = t.TypeOf<typeof ReleaseKind>

export const SourceTier = t.keyof({
  'on-screen': null,
  production: null,
  interview: null,
  'tie-in': null,
  article: null,
  'source-work': null,
})
export type SourceTier = t.TypeOf<typeof SourceTier>

export const allTiers: ReadonlyArray<SourceTier> = [
  'on-screen',
  'production',
  'interview',
  'tie-in',
  'article',
  'source-work',
]

export const tierOf = (kind: ReleaseKind): SourceTier => {
  switch (kind) {
    case 'episode':
    case 'film':
    case 'short':
    case 'special':
      return 'on-screen'
    case 'article':
    case 'interview':
    case 'production':
    case 'tie-in':
      return kind
    case 'novel':
    case 'source-work':
      return 'source-work'
    default: {
      const never: never = kind
      return never
    }
  }
}

/** Rank for precedence: canon first, all secondary tiers (source works too) share one rank. */
export const tierRank = (tier: SourceTier): number => (tier === 'on-screen' ? 0 : 1)

const NonNegativeInt = t.brand(
  t.Int,
  (n): n is t.Branded<t.Int, { readonly NonNegativeInt: unique symbol }> => n >= 0 && n < 1e12,
  'NonNegativeInt',
)

export const RegionalDate = t.readonly(t.type({ region: NonEmptyText, date: IsoDate }))

/**
 * One release. `date` is the first release date the ledger orders by; `sequence` breaks
 * ties between releases of one day (a season dropped at once: the episode number). Other
 * regions' dates are kept in `regionalDates`, not used for ordering.
 */
export const Release = t.readonly(
  t.intersection([
    t.type({
      id: ReleaseId,
      title: NonEmptyText,
      series: NonEmptyText,
      kind: ReleaseKind,
      date: IsoDate,
      sequence: NonNegativeInt,
    }),
    t.partial({
      season: t.Int,
      episode: t.Int,
      stardate: InUniverseTime,
      regionalDates: t.readonlyArray(RegionalDate),
      dateNote: NonEmptyText,
      note: NonEmptyText,
    }),
  ]),
)
export type Release = t.TypeOf<typeof Release>

/** Release order: date, then the day's tie-break, then id so the order is total. */
export const ordRelease: Ord.Ord<Pick<Release, 'date' | 'sequence' | 'id'>> = concatAll(
  Ord.getMonoid<Pick<Release, 'date' | 'sequence' | 'id'>>(),
)([
  pipe(
    S.Ord,
    Ord.contramap((r: Pick<Release, 'date'>) => r.date),
  ),
  pipe(
    N.Ord,
    Ord.contramap((r: Pick<Release, 'sequence'>) => r.sequence),
  ),
  pipe(
    S.Ord,
    Ord.contramap((r: Pick<Release, 'id'>) => r.id),
  ),
])

/** A release's place in release order as one comparable string (fast keys for indexes). */
export const releaseSortKey = (r: Pick<Release, 'date' | 'sequence' | 'id'>): string =>
  `${r.date}|${String(r.sequence).padStart(12, '0')}|${r.id}`

/** Release order over anything that carries its release's sort key: THE comparator of keys. */
export const byReleaseKey = (a: { readonly key: string }, b: { readonly key: string }): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0

/**
 * A release's date in a region: its regional first release there when the ledger records one
 * (regions match case-insensitively), else its first release date.
 */
export const dateIn = (
  release: Pick<Release, 'date' | 'regionalDates'>,
  region?: string,
): string => {
  if (region === undefined) return release.date
  const wanted = region.toLowerCase()
  return release.regionalDates?.find((d) => d.region.toLowerCase() === wanted)?.date ?? release.date
}
