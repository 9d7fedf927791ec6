import { allTiers } from '../../src/domain/release'

/**
 * A persistent (path-copying) segment tree over a fixed order of leaves, with one version per
 * event: how many live releases each tier has in any interval of leaves, and the highest
 * release rank among them, as the ledger stood after any event. A version costs O(log n) new
 * nodes, a query O(log n). This is what makes every cut's summary (how many releases it
 * admits, and the last) a lookup at any ledger position.
 */
const tiers = allTiers.length

export interface Summary {
  count: number
  maxRank: number
}

export class VersionedCounts {
  private left: Int32Array
  private right: Int32Array
  private count: Int32Array
  private max: Int32Array
  private nodes = 1
  /** The root after each event, by event ordinal. */
  private readonly roots: number[] = []
  private current = 0

  constructor(private readonly size: number) {
    const capacity = 1024
    this.left = new Int32Array(capacity)
    this.right = new Int32Array(capacity)
    this.count = new Int32Array(capacity * tiers)
    this.max = new Int32Array(capacity * tiers).fill(-1)
  }

  private grow(): void {
    const n = this.left.length * 2
    const widen = (a: Int32Array, by: number, fill: number) => {
      const b = new Int32Array(n * by).fill(fill)
      b.set(a)
      return b
    }
    this.left = widen(this.left, 1, 0)
    this.right = widen(this.right, 1, 0)
    this.count = widen(this.count, tiers, 0)
    this.max = widen(this.max, tiers, -1)
  }

  private node(l: number, r: number): number {
    if (this.nodes === this.left.length) this.grow()
    const n = this.nodes++
    this.left[n] = l
    this.right[n] = r
    for (let t = 0; t < tiers; t++) {
      this.count[n * tiers + t] =
        (this.count[l * tiers + t] as number) + (this.count[r * tiers + t] as number)
      this.max[n * tiers + t] = Math.max(
        this.max[l * tiers + t] as number,
        this.max[r * tiers + t] as number,
      )
    }
    return n
  }

  private leaf(tier: number, rank: number, present: boolean): number {
    if (this.nodes === this.left.length) this.grow()
    const n = this.nodes++
    this.left[n] = 0
    this.right[n] = 0
    for (let t = 0; t < tiers; t++) {
      this.count[n * tiers + t] = 0
      this.max[n * tiers + t] = -1
    }
    if (present) {
      this.count[n * tiers + tier] = 1
      this.max[n * tiers + tier] = rank
    }
    return n
  }

  private put(
    n: number,
    lo: number,
    hi: number,
    at: number,
    tier: number,
    rank: number,
    present: boolean,
  ): number {
    if (hi - lo === 1) return this.leaf(tier, rank, present)
    const mid = (lo + hi) >> 1
    return at < mid
      ? this.node(
          this.put(this.left[n] as number, lo, mid, at, tier, rank, present),
          this.right[n] as number,
        )
      : this.node(
          this.left[n] as number,
          this.put(this.right[n] as number, mid, hi, at, tier, rank, present),
        )
  }

  /** Marks a leaf live (a release's generation of `tier` and `rank`) or not, in the working version. */
  set(at: number, tier: number, rank: number, present: boolean): void {
    this.current = this.put(this.current, 0, this.size, at, tier, rank, present)
  }

  /** Closes the version of the next event: the working version as it stands. */
  commit(): void {
    this.roots.push(this.current)
  }

  /** Live releases of the tiers in `mask` among leaves [from, to), after event k. */
  summary(k: number, from: number, to: number, mask: number): Summary {
    const out = { count: 0, maxRank: -1 }
    const root = k < 0 ? 0 : (this.roots[k] ?? 0)
    if (from < to) this.collect(root, 0, this.size, from, to, mask, out)
    return out
  }

  private collect(
    n: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
    mask: number,
    out: Summary,
  ): void {
    if (n === 0 || to <= lo || hi <= from) return
    if (from <= lo && hi <= to) {
      for (let t = 0; t < tiers; t++)
        if ((mask & (1 << t)) !== 0) {
          out.count += this.count[n * tiers + t] as number
          out.maxRank = Math.max(out.maxRank, this.max[n * tiers + t] as number)
        }
      return
    }
    const mid = (lo + hi) >> 1
    this.collect(this.left[n] as number, lo, mid, from, to, mask, out)
    this.collect(this.right[n] as number, mid, hi, from, to, mask, out)
  }
}
