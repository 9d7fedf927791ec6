import type { Release } from '../../src/domain/release'
import { byReleaseKey, dateIn } from '../../src/domain/release'
import type { Derived, LedgerIndex, RegionOrder } from './ledgerIndex'
import { OrderCounts } from './orderCounts'
import { dateNumber } from './dates'

/**
 * Release order as integers: every generation of every release ranked by its sort key, with
 * THE comparator of keys (`byReleaseKey`). Ranks of different generations compare as their
 * keys do, so one ranking serves every ledger position. With it, the live releases by tier
 * over release order and over series order (`OrderCounts`). Brought up to date when events
 * were filed since: a new generation (a release, a correction) is placed into the orders.
 */
export const derivedOf = (ix: LedgerIndex): Derived => {
  const events = ix.eventPosition.length
  const known = ix.derived
  if (known !== undefined && known.events === events) return known
  const gens = ix.genRelease.length
  const rankOrder = releaseOrder(ix, known?.rankOrder)
  const rank = new Int32Array(gens)
  const rankPos = new Int32Array(gens)
  let dense = -1
  let previous: string | undefined
  rankOrder.forEach((g, i) => {
    const key = ix.genKey[g] as string
    if (key !== previous) dense += 1
    previous = key
    rank[g] = dense
    rankPos[g] = i
  })
  const seriesOrder = bySeriesThenRank(ix, rank, rankOrder, known?.seriesOrder)
  const seriesPos = new Int32Array(gens)
  const seriesBlocks = new Map<number, readonly [number, number]>()
  seriesOrder.forEach((g, i) => {
    seriesPos[g] = i
    const s = ix.genSeries.get(g)
    const block = seriesBlocks.get(s)
    seriesBlocks.set(s, [block?.[0] ?? i, i + 1])
  })
  const derived: Derived = {
    events,
    rankOrder,
    rank,
    rankPos,
    byRank: new OrderCounts(ix, rank, rankOrder, events - 1),
    seriesOrder,
    seriesPos,
    seriesBlocks,
    bySeries: new OrderCounts(ix, rank, seriesOrder, events - 1),
    predicateRank:
      known !== undefined && known.predicateRank.length === ix.predicates.size
        ? known.predicateRank
        : codeUnitRanks(ix.predicates.texts),
    regions: new Map(),
  }
  ix.derived = derived
  return derived
}

/** At most this many generations are placed into a known order one by one (else all sorted). */
const insertAtMost = 256

/**
 * Every generation in release order (THE comparator of keys). Generations filed since a known
 * order (an append, a correction) are placed into it by binary search, not sorted again.
 */
const releaseOrder = (ix: LedgerIndex, known: Int32Array | undefined): Int32Array => {
  const gens = ix.genRelease.length
  const keyOf = (g: number) => ({ key: ix.genKey[g] as string })
  if (known === undefined || gens - known.length > insertAtMost)
    return Int32Array.from(ix.genKey.map((key, g) => ({ key, g })).sort(byReleaseKey), (x) => x.g)
  const order = Array.from(known)
  for (let g = known.length; g < gens; g++) {
    const at = upperBound(
      order.length,
      (i) => (byReleaseKey(keyOf(order[i] as number), keyOf(g)) <= 0 ? 0 : 1),
      0,
    )
    order.splice(at, 0, g)
  }
  return Int32Array.from(order)
}

/** Generations by series, then release order (new ones placed into a known order). */
const bySeriesThenRank = (
  ix: LedgerIndex,
  rank: Int32Array,
  rankOrder: Int32Array,
  known: Int32Array | undefined,
): Int32Array => {
  const compare = (a: number, b: number) =>
    ix.genSeries.get(a) - ix.genSeries.get(b) || (rank[a] as number) - (rank[b] as number)
  const gens = rankOrder.length
  if (known === undefined || gens - known.length > insertAtMost)
    return Int32Array.from(rankOrder).sort(compare)
  const order = Array.from(known)
  for (let g = known.length; g < gens; g++) {
    const at = upperBound(order.length, (i) => (compare(order[i] as number, g) <= 0 ? 0 : 1), 0)
    order.splice(at, 0, g)
  }
  return Int32Array.from(order)
}

/** The order of generations by their date in a region (`dateIn`), built on first use. */
export const regionOrderOf = (ix: LedgerIndex, d: Derived, region: string): RegionOrder => {
  const key = region.toLowerCase()
  const known = d.regions.get(key)
  if (known !== undefined) return known
  const dayOf = (g: number) => dateNumber(dateIn(ix.genContent[g] as Release, region))
  const order = Int32Array.from(d.rankOrder).sort(
    (a, b) => dayOf(a) - dayOf(b) || (d.rank[a] as number) - (d.rank[b] as number),
  )
  const made: RegionOrder = {
    dates: Int32Array.from(order, dayOf),
    counts: new OrderCounts(ix, d.rank, order, d.events - 1),
  }
  d.regions.set(key, made)
  return made
}

/** Each text's place when the texts are sorted by code units. */
const codeUnitRanks = (texts: ReadonlyArray<string>): Int32Array => {
  const order = texts
    .map((_, i) => i)
    .sort((x, y) => {
      const a = texts[x] as string
      const b = texts[y] as string
      return a < b ? -1 : a > b ? 1 : 0
    })
  const ranks = new Int32Array(texts.length)
  order.forEach((id, place) => (ranks[id] = place))
  return ranks
}

/** The generation of release `r` the ledger reads at event `k`; -1 before the release was recorded. */
export const genAt = (ix: LedgerIndex, r: number, k: number): number => {
  let g = ix.releaseLastGen.get(r)
  while (g >= 0 && ix.genEvent.get(g) > k) g = ix.genPrev.get(g)
  return g
}

/** A change's place in release order: its release's rank, then its place in the release. */
export const orderKey = (ix: LedgerIndex, d: Derived, row: number, g: number): number =>
  (d.rank[g] as number) * 16777216 + (row - ix.releaseFirstRow.get(ix.rowRelease.get(row)))

/** The first place in an ascending column at or after which values exceed `value`. */
export const upperBound = (length: number, at: (i: number) => number, value: number): number => {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (at(mid) <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}
