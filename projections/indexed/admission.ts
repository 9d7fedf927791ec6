import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { Release } from '../../src/domain/release'
import { dateIn } from '../../src/domain/release'
import type { ReleaseCut, WatchedItem } from '../port/cut'
import type { ReadError } from '../port/errors'
import { invalidQuery, notFound } from '../port/errors'
import { closestTexts } from '../port/closest'
import type { CutAnswer } from '../port/answers'
import { cutAnswer } from '../answers/cut'
import type { Derived, LedgerIndex } from './ledgerIndex'
import { dateNumber } from './ingest'
import { derivedOf, genAt } from './ranks'
import { policyMask } from './tiers'

/** What a release cut admits, as a test on a release's generation at the ledger position. */
export type ReleaseTest =
  | { readonly _tag: 'All' }
  | { readonly _tag: 'UpTo'; readonly rank: number }
  | {
      readonly _tag: 'ByDate'
      readonly date: string
      readonly day: number
      readonly region?: string
    }
  | { readonly _tag: 'Set'; readonly releases: ReadonlySet<number> }

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

/**
 * The generation of release `r` this admission admits (live or withdrawn), or -1: recorded by
 * event k, of an admitted tier, and passing the release test.
 */
export const admittedGen = (a: Admission, r: number): number => {
  const ix = a.ix
  if ((a.tiers & (1 << ix.releaseTier.get(r))) === 0) return -1
  const g = genAt(ix, r, a.k)
  if (g < 0) return -1
  const t = a.test
  switch (t._tag) {
    case 'All':
      return g
    case 'UpTo':
      return (a.d.rank[g] as number) <= t.rank ? g : -1
    case 'ByDate':
      return (
        t.region === undefined
          ? ix.genDate.get(g) <= t.day
          : dateIn(ix.genContent[g] as Release, t.region) <= t.date
      )
        ? g
        : -1
    case 'Set':
      return t.releases.has(r) ? g : -1
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
    const r = ix.genRelease.get(g)
    if (ix.genEvent.get(g) <= k && genAt(ix, r, k) === g && ix.genWithdrawn.get(g) === 0)
      out.push(g)
  }
  return out
}

/** An unknown release named by a cut, with the closest live ids at the ledger position. */
export const unknownReleaseAt = (ix: LedgerIndex, d: Derived, k: number, id: string): ReadError =>
  notFound(
    'release',
    `release '${id}'`,
    closestTexts(
      id,
      liveInOrder(ix, d, k).map((g) => ix.releaseIds.text(ix.genRelease.get(g))),
    ),
  )

const liveRelease = (
  ix: LedgerIndex,
  d: Derived,
  k: number,
  id: string,
): E.Either<ReadError, number> => {
  const r = ix.releaseIds.find(id)
  const g = r < 0 ? -1 : liveGen(ix, r, k)
  return g < 0 ? E.left(unknownReleaseAt(ix, d, k, id)) : E.right(g)
}

const releasesOf = (
  ix: LedgerIndex,
  d: Derived,
  k: number,
  item: WatchedItem,
): E.Either<ReadError, ReadonlyArray<number>> => {
  if (item._tag === 'Release')
    return E.map((g: number) => [ix.genRelease.get(g)])(liveRelease(ix, d, k, item.release))
  const to = liveRelease(ix, d, k, item.to)
  if (E.isLeft(to)) return to
  const series = ix.genSeries.get(to.right)
  const from = item.from === undefined ? undefined : liveRelease(ix, d, k, item.from)
  if (from !== undefined && E.isLeft(from)) return from
  const start = from?.right
  const range = `${item.from ?? ''}..${item.to}`
  if (start !== undefined && ix.genSeries.get(start) !== series)
    return E.left(
      invalidQuery(
        'watched',
        `the range ${range} spans two series ('${ix.series.text(ix.genSeries.get(start))}' and '${ix.series.text(series)}'); a range stays within one series`,
      ),
    )
  const toRank = d.rank[to.right] as number
  const startRank = start === undefined ? -1 : (d.rank[start] as number)
  if (start !== undefined && startRank > toRank)
    return E.left(
      invalidQuery(
        'watched',
        `the range ${range} runs backwards: '${item.from}' comes after '${item.to}'`,
      ),
    )
  return E.right(
    liveInOrder(ix, d, k)
      .filter((g) => {
        const rank = d.rank[g] as number
        return ix.genSeries.get(g) === series && rank <= toRank && rank >= startRank
      })
      .map((g) => ix.genRelease.get(g)),
  )
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
): E.Either<ReadError, ReleaseTest> => {
  switch (cut._tag) {
    case 'Latest':
      return E.right({ _tag: 'All' })
    case 'AsOfRelease':
      return E.map((g: number): ReleaseTest => ({ _tag: 'UpTo', rank: d.rank[g] as number }))(
        liveRelease(ix, d, k, cut.release),
      )
    case 'AsOfDate': {
      const region = cut.region
      if (region !== undefined) {
        const known = regionsAt(ix, d, k)
        if (!known.some((x) => x.toLowerCase() === region.toLowerCase()))
          return E.left(
            invalidQuery(
              'region',
              `'${region}' is not a region of this ledger's releases; known regions: ${known.length === 0 ? 'none' : known.join(', ')}`,
            ),
          )
      }
      return E.right({
        _tag: 'ByDate',
        date: cut.date,
        day: dateNumber(cut.date),
        ...(region === undefined ? {} : { region }),
      })
    }
    case 'Watched': {
      if (cut.items.length === 0) return E.left(invalidQuery('watched', 'names no release'))
      const releases = new Set<number>()
      for (const item of cut.items) {
        const found = releasesOf(ix, d, k, item)
        if (E.isLeft(found)) return found
        for (const r of found.right) releases.add(r)
      }
      return E.right({ _tag: 'Set', releases })
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
 * backwards, an unknown region).
 */
export const admissionOf = (
  ix: LedgerIndex,
  k: number,
  cut: ReleaseCut,
  policy: CanonPolicy,
): E.Either<ReadError, Admission> => {
  const d = derivedOf(ix)
  return E.map((test: ReleaseTest): Admission => ({
    ix,
    d,
    k,
    position: k < 0 ? -1n : (ix.eventPosition[k] as bigint),
    tiers: policyMask(policy),
    test,
    cut,
    policy,
  }))(testOf(ix, d, k, cut))
}

/** The live releases an admission admits, in release order (generations). */
export const admittedLive = (a: Admission): number[] =>
  liveInOrder(a.ix, a.d, a.k).filter((g) => admittedGen(a, a.ix.genRelease.get(g)) === g)

/** Where an answer stands: the cut as asked, how many live releases it admits, and the last. */
export const cutAnswerOf = (a: Admission): CutAnswer => {
  const live = admittedLive(a)
  const last = live[live.length - 1]
  return cutAnswer(a.cut, a.policy, a.position, {
    count: live.length,
    last: last === undefined ? undefined : (a.ix.genContent[last]),
  })
}
