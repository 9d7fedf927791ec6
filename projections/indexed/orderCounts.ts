import { allTiers } from '../../src/domain/release'
import type { LedgerIndex } from './ledgerIndex'
import type { Summary } from './versionedCounts'
import { VersionedCounts } from './versionedCounts'

const tiers = allTiers.length

/**
 * Live releases by tier over an order of generations, for any range of places in the order and
 * any ledger position: at the ledger head from prefix sums (built with the order: O(places)),
 * at an earlier position from persistent per-event counts (`VersionedCounts`), built the first
 * time such a position is asked for. A range that does not start at the order's first place
 * lies where ranks grow with places (a series' block): its highest rank is its last live place.
 */
export class OrderCounts {
  /** Per place and tier, at the head: live releases before it; the last live place before it; the highest rank before it. */
  private readonly count: Int32Array
  private readonly last: Int32Array
  private readonly max: Int32Array
  private versions: VersionedCounts | undefined

  constructor(
    private readonly ix: LedgerIndex,
    private readonly rank: Int32Array,
    /** Place -> generation. */
    private readonly order: Int32Array,
    private readonly head: number,
  ) {
    const n = order.length
    this.count = new Int32Array((n + 1) * tiers)
    this.last = new Int32Array((n + 1) * tiers).fill(-1)
    this.max = new Int32Array((n + 1) * tiers).fill(-1)
    for (let i = 0; i < n; i++) {
      const g = order[i] as number
      const live = liveAtHead(ix, g, head)
      const t = live ? ix.releaseTier.get(ix.genRelease.get(g)) : -1
      for (let x = 0; x < tiers; x++) {
        const at = i * tiers + x
        const next = at + tiers
        const mine = x === t
        this.count[next] = (this.count[at] as number) + (mine ? 1 : 0)
        this.last[next] = mine ? i : (this.last[at] as number)
        this.max[next] = mine
          ? Math.max(this.max[at] as number, rank[g] as number)
          : (this.max[at] as number)
      }
    }
  }

  /** Live releases of the tiers in `mask` among places [from, to), after event k. */
  summary(k: number, from: number, to: number, mask: number): Summary {
    if (k !== this.head) return this.versioned().summary(k, from, to, mask)
    let count = 0
    let maxRank = -1
    for (let x = 0; x < tiers; x++) {
      if ((mask & (1 << x)) === 0) continue
      count += (this.count[to * tiers + x] as number) - (this.count[from * tiers + x] as number)
      if (from === 0) maxRank = Math.max(maxRank, this.max[to * tiers + x] as number)
      else {
        const place = this.last[to * tiers + x] as number
        if (place >= from)
          maxRank = Math.max(maxRank, this.rank[this.order[place] as number] as number)
      }
    }
    return { count, maxRank }
  }

  private versioned(): VersionedCounts {
    if (this.versions === undefined) {
      const place = new Int32Array(this.order.length)
      this.order.forEach((g, i) => (place[g] = i))
      this.versions = liveCounts(this.ix, this.rank, place)
    }
    return this.versions
  }
}

const liveAtHead = (ix: LedgerIndex, g: number, head: number): boolean => {
  if (ix.genWithdrawn.get(g) === 1 || ix.genEvent.get(g) > head) return false
  // The release's generation at the head is its last one filed by then.
  let current = ix.releaseLastGen.get(ix.genRelease.get(g))
  while (current >= 0 && ix.genEvent.get(current) > head) current = ix.genPrev.get(current)
  return current === g
}

/**
 * The live releases after every event, over an order of generations (`place`): a release's
 * first generation goes live when it is recorded; a correction replaces its generation with
 * the corrected one (gone when withdrawn).
 */
const liveCounts = (ix: LedgerIndex, rank: Int32Array, place: Int32Array): VersionedCounts => {
  const counts = new VersionedCounts(Math.max(1, place.length))
  const mark = (g: number, present: boolean) =>
    counts.set(
      place[g] as number,
      ix.releaseTier.get(ix.genRelease.get(g)),
      rank[g] as number,
      present,
    )
  for (let k = 0; k < ix.eventPosition.length; k++) {
    const g = ix.eventGen.get(k)
    if (g >= 0) {
      const prev = ix.genPrev.get(g)
      if (prev >= 0 && ix.genWithdrawn.get(prev) === 0) mark(prev, false)
      if (ix.genWithdrawn.get(g) === 0) mark(g, true)
    }
    counts.commit()
  }
  return counts
}
