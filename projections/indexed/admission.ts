import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { Release } from '../../src/domain/release'
import { dateIn } from '../../src/domain/release'
import type { ReleaseCut, WatchedItem } from '../port/cut'
import type { QueryField, ReadError } from '../port/errors'
import { invalidQuery, notFound } from '../port/errors'
import type { CutAnswer } from '../port/answers'
import { formatCanonPolicy } from '../../src/domain/canonPolicy'
import { genRef } from './rendered'
import type { Derived, LedgerIndex } from './ledgerIndex'
import { dateNumber } from './dates'
import { derivedOf, genAt, regionOrderOf, upperBound } from './ranks'
import type { Summary } from './versionedCounts'
import { policyMask } from './tiers'
import { closestIn } from './closest'

/** Releases of one series between two ranks (inclusive), and their places in series order. */
interface Interval {
  readonly series: number
  readonly lo: number
  readonly hi: number
  readonly from: number
  readonly to: number
}

/** What a release cut admits, as a test on a release's generation at the ledger position. */
export type ReleaseTest =
  | { readonly _tag: 'All' }
  | { readonly _tag: 'UpTo'; readonly rank: number; readonly places: number }
  | {
      readonly _tag: 'ByDate'
      readonly date: string
      readonly day: number
      readonly region?: string
      readonly places: number
    }
  | {
      readonly _tag: 'Watched'
      /** Releases named one by one and not within a range. */
      readonly releases: ReadonlySet<number>
      /** Ranges, merged: disjoint. */
      readonly intervals: ReadonlyArray<Interval>
    }

/**
 * A cut resolved against the index: the ledger position (events 0..k), the tiers the policy
 * admits, and the release test. Every read starts from one.
 */
export interface Admission {
  readonly ix: LedgerIndex
  readonly d: Derived
  readonly k: number
  /** The view's ledger position: the last event admitted (-1n: none). */
  readonly position: bigint
  readonly tiers: number
  readonly test: ReleaseTest
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
}

const inInterval = (ix: LedgerIndex, d: Derived, g: number, iv: Interval): boolean => {
  const rank = d.rank[g] as number
  return ix.genSeries.get(g) === iv.series && rank >= iv.lo && rank <= iv.hi
}

/**
 * The generation of release `r` this admission admits (live or withdrawn), or -1: recorded by
 * event k, of an admitted tier, and passing the release test.
 */
export const admittedGen = (a: Admission, r: number): number => {
  const g = genAt(a.ix, r, a.k)
  return g >= 0 && admits(a, r, g) ? g : -1
}

/** Whether the admission admits release `r` read at generation `g` (its generation at event k). */
export const admits = (a: Admission, r: number, g: number): boolean => {
  const ix = a.ix
  if ((a.tiers & (1 << ix.releaseTier.get(r))) === 0) return false
  const t = a.test
  switch (t._tag) {
    case 'All':
      return true
    case 'UpTo':
      return (a.d.rank[g] as number) <= t.rank
    case 'ByDate':
      return t.region === undefined
        ? ix.genDate.get(g) <= t.day
        : dateIn(ix.genContent[g] as Release, t.region) <= t.date
    case 'Watched':
      if (t.releases.has(r)) return true
      if (ix.genWithdrawn.get(g) === 1) return false
      for (const iv of t.intervals) if (inInterval(ix, a.d, g, iv)) return true
      return false
    default: {
      const never: never = t
      return never
    }
  }
}

/** The live generation of release `r` at event k (whatever the cut), or -1. */
export const liveGen = (ix: LedgerIndex, r: number, k: number): number => {
  const g = genAt(ix, r, k)
  return g >= 0 && ix.genWithdrawn.get(g) === 0 ? g : -1
}

/** The live releases at event k in release order, as generations. */
export const liveInOrder = (ix: LedgerIndex, d: Derived, k: number): number[] => {
  const out: number[] = []
  for (const g of d.rankOrder) {
    if (ix.genEvent.get(g) > k || ix.genWithdrawn.get(g) === 1) continue
    if (genAt(ix, ix.genRelease.get(g), k) === g) out.push(g)
  }
  return out
}

/**
 * An unknown release named by a cut's field, with the closest live ids at the ledger position.
 */
export const unknownReleaseAt = (
  ix: LedgerIndex,
  k: number,
  id: string,
  field: QueryField,
): ReadError =>
  notFound(
    'release',
    `release '${id}'`,
    closestIn(
      ix.releaseWords,
      ix.releaseTrie.of(ix.releaseIds),
      ix.releaseIds,
      id,
      (r) => liveGen(ix, r, k) >= 0,
    ),
    field,
  )

const liveRelease = (
  ix: LedgerIndex,
  k: number,
  id: string,
  field: QueryField,
): E.Either<ReadError, number> => {
  const r = ix.releaseIds.find(id)
  const g = r < 0 ? -1 : liveGen(ix, r, k)
  return g < 0 ? E.left(unknownReleaseAt(ix, k, id, field)) : E.right(g)
}

/** A watched item: one release (its live generation), or a range of one series. */
const itemOf = (
  ix: LedgerIndex,
  d: Derived,
  k: number,
  item: WatchedItem,
  field: QueryField,
): E.Either<ReadError, number | Interval> => {
  if (item._tag === 'Release') return liveRelease(ix, k, item.release, field)
  const to = liveRelease(ix, k, item.to, field)
  if (E.isLeft(to)) return to
  const series = ix.genSeries.get(to.right)
  const from = item.from === undefined ? undefined : liveRelease(ix, k, item.from, field)
  if (from !== undefined && E.isLeft(from)) return from
  const start = from?.right
  const range = `${item.from ?? ''}..${item.to}`
  if (start !== undefined && ix.genSeries.get(start) !== series)
    return E.left(
      invalidQuery(
        field,
        `the range ${range} spans two series ('${ix.series.text(ix.genSeries.get(start))}' and '${ix.series.text(series)}'); a range stays within one series`,
      ),
    )
  const hi = d.rank[to.right] as number
  const lo = start === undefined ? -1 : (d.rank[start] as number)
  if (lo > hi)
    return E.left(
      invalidQuery(
        field,
        `the range ${range} runs backwards: '${item.from}' comes after '${item.to}'`,
      ),
    )
  const [first, end] = d.seriesBlocks.get(series) ?? [0, 0]
  const rankAt = (i: number) => d.rank[d.seriesOrder[first + i] as number] as number
  return E.right({
    series,
    lo,
    hi,
    from: first + upperBound(end - first, rankAt, lo - 1),
    to: first + upperBound(end - first, rankAt, hi),
  })
}

/** Ranges of one series merged where they overlap, so that none is counted twice. */
const merged = (intervals: ReadonlyArray<Interval>): Interval[] => {
  const sorted = [...intervals].sort((x, y) => x.series - y.series || x.lo - y.lo)
  const out: Interval[] = []
  for (const iv of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && last.series === iv.series && iv.lo <= last.hi) {
      if (iv.hi > last.hi) out[out.length - 1] = { ...last, hi: iv.hi, to: iv.to }
    } else out.push(iv)
  }
  return out
}

const regionsAt = (ix: LedgerIndex, d: Derived, k: number): ReadonlyArray<string> => [
  ...new Set(
    liveInOrder(ix, d, k).flatMap((g) =>
      ((ix.genContent[g] as Release).regionalDates ?? []).map((x) => x.region),
    ),
  ),
]

const testOf = (
  ix: LedgerIndex,
  d: Derived,
  k: number,
  cut: ReleaseCut,
  field: QueryField | undefined,
): E.Either<ReadError, ReleaseTest> => {
  const gens = d.rankOrder.length
  switch (cut._tag) {
    case 'Latest':
      return E.right({ _tag: 'All' })
    case 'AsOfRelease': {
      const g = liveRelease(ix, k, cut.release, field ?? 'release')
      if (E.isLeft(g)) return g
      const rank = d.rank[g.right] as number
      return E.right({
        _tag: 'UpTo',
        rank,
        places: upperBound(gens, (i) => d.rank[d.rankOrder[i] as number] as number, rank),
      })
    }
    case 'AsOfDate': {
      const region = cut.region
      const day = dateNumber(cut.date)
      if (region === undefined)
        return E.right({
          _tag: 'ByDate',
          date: cut.date,
          day,
          places: upperBound(gens, (i) => ix.genDate.get(d.rankOrder[i] as number), day),
        })
      const known = regionsAt(ix, d, k)
      if (!known.some((x) => x.toLowerCase() === region.toLowerCase()))
        return E.left(
          invalidQuery(
            'region',
            `'${region}' is not a region of this ledger's releases; known regions: ${known.length === 0 ? 'none' : known.join(', ')}`,
          ),
        )
      const order = regionOrderOf(ix, d, region)
      return E.right({
        _tag: 'ByDate',
        date: cut.date,
        day,
        region,
        places: upperBound(gens, (i) => order.dates[i] as number, day),
      })
    }
    case 'Watched': {
      if (cut.items.length === 0)
        return E.left(invalidQuery(field ?? 'watched', 'names no release'))
      const named: number[] = []
      const intervals: Interval[] = []
      for (const item of cut.items) {
        const found = itemOf(ix, d, k, item, field ?? 'watched')
        if (E.isLeft(found)) return found
        if (typeof found.right === 'number') named.push(found.right)
        else intervals.push(found.right)
      }
      const ranges = merged(intervals)
      return E.right({
        _tag: 'Watched',
        releases: new Set(
          named
            .filter((g) => !ranges.some((iv) => inInterval(ix, d, g, iv)))
            .map((g) => ix.genRelease.get(g)),
        ),
        intervals: ranges,
      })
    }
    default: {
      const never: never = cut
      return never
    }
  }
}

/** The event ordinal of the last event at or before a ledger position (-1: none). */
export const eventAt = (ix: LedgerIndex, upTo: number, position: bigint): number => {
  let lo = 0
  let hi = upTo + 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((ix.eventPosition[mid] as bigint) <= position) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/**
 * THE cut of the indexed reader: a release cut and a policy resolved at events 0..k, refused
 * as the reference refuses (an unknown release, an empty watched set, a range across series or
 * backwards, an unknown region), naming the query field that named it (the cut's own unless
 * `field` says otherwise: a diff's `from` and `to`).
 */
export const admissionOf = (
  ix: LedgerIndex,
  k: number,
  cut: ReleaseCut,
  policy: CanonPolicy,
  field?: QueryField,
): E.Either<ReadError, Admission> => {
  const d = derivedOf(ix)
  const test = testOf(ix, d, k, cut, field)
  return E.isLeft(test)
    ? test
    : E.right({
        ix,
        d,
        k,
        position: k < 0 ? -1n : (ix.eventPosition[k] as bigint),
        tiers: policyMask(policy),
        test: test.right,
        cut,
        policy,
      })
}

/** The live releases an admission admits, in release order (generations). */
export const admittedLive = (a: Admission): number[] =>
  liveInOrder(a.ix, a.d, a.k).filter((g) => admittedGen(a, a.ix.genRelease.get(g)) === g)

/** How many live releases an admission admits, and the highest rank among them: lookups. */
export const summaryOf = (a: Admission): Summary => {
  const { d, k, tiers: mask } = a
  const t = a.test
  switch (t._tag) {
    case 'All':
      return d.byRank.summary(k, 0, d.rankOrder.length, mask)
    case 'UpTo':
      return d.byRank.summary(k, 0, t.places, mask)
    case 'ByDate':
      return t.region === undefined
        ? d.byRank.summary(k, 0, t.places, mask)
        : regionOrderOf(a.ix, d, t.region).counts.summary(k, 0, t.places, mask)
    case 'Watched': {
      const out = { count: 0, maxRank: -1 }
      for (const iv of t.intervals) {
        const s = d.bySeries.summary(k, iv.from, iv.to, mask)
        out.count += s.count
        out.maxRank = Math.max(out.maxRank, s.maxRank)
      }
      for (const r of t.releases)
        if ((mask & (1 << a.ix.releaseTier.get(r))) !== 0) {
          out.count += 1
          out.maxRank = Math.max(out.maxRank, d.rank[genAt(a.ix, r, k)] as number)
        }
      return out
    }
    default: {
      const never: never = t
      return never
    }
  }
}

/** The live generation at event k of the release that has rank `rank`. */
const genOfRank = (a: Admission, rank: number): number => {
  const d = a.d
  const pos = upperBound(
    d.rankOrder.length,
    (i) => d.rank[d.rankOrder[i] as number] as number,
    rank - 1,
  )
  return genAt(a.ix, a.ix.genRelease.get(d.rankOrder[pos] as number), a.k)
}

/**
 * Where an answer stands: the cut as asked, how many live releases it admits, and the last
 * (as `projections/answers/cut.ts` renders it, the release from the index's renderings).
 */
export const cutAnswerOf = (a: Admission): CutAnswer => {
  const s = summaryOf(a)
  return {
    cut: a.cut,
    policy: formatCanonPolicy(a.policy),
    ledgerPosition: a.position.toString(),
    lastRelease: s.maxRank < 0 ? null : genRef(a.ix, genOfRank(a, s.maxRank)),
    releasesAdmitted: s.count,
  }
}
