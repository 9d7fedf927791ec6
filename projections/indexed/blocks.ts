import { IntColumn } from './columns'
import type { LedgerIndex } from './ledgerIndex'
import { tag } from './rowTags'
import { recordStride, recordsOfClaim } from './claimRecords'

/**
 * An entity's claims laid out together: every row of every claim asserted about it (and the
 * revisions that settle them), as records of `recordStride` integers in one arena, in the
 * ledger head's release order within each claim. An entity read scans its block instead of
 * chasing each claim's rows through the columns (a cache miss per field per row). A block is
 * built when an entity is first read, and dropped when a later event adds a row to one of its
 * claims (it is built again when next read); dropped blocks are reclaimed by compacting the
 * arena when they outgrow the live ones.
 */
export class Blocks {
  private arena = new IntColumn(1024)
  private readonly start = new IntColumn()
  private readonly length = new IntColumn()
  private live = 0
  /** Whether any block was ever built (until then, filing needs to drop none). */
  built = false

  /** The records of entity `e` (the first record's place, and how many), built if needed. */
  of(ix: LedgerIndex, e: number): readonly [number, number] {
    while (this.start.length <= e) {
      this.start.push(-1)
      this.length.push(0)
    }
    const at = this.start.get(e)
    if (at >= 0) return [at, this.length.get(e)]
    if (this.arena.length > 2 * this.live + 65536) this.compact()
    const from = this.arena.length / recordStride
    this.built = true
    const count = build(ix, e, this.arena)
    this.start.set(e, from)
    this.length.set(e, count)
    this.live += count * recordStride
    return [from, count]
  }

  /** The arena (valid until the next block is built). */
  records(): IntColumn {
    return this.arena
  }

  /** Drops the block of `e` (a row was added to one of its claims). */
  drop(e: number): void {
    if (e >= this.start.length || this.start.get(e) < 0) return
    this.live -= this.length.get(e) * recordStride
    this.start.set(e, -1)
  }

  private compact(): void {
    const fresh = new IntColumn(Math.max(1024, this.live))
    for (let e = 0; e < this.start.length; e++) {
      const at = this.start.get(e)
      if (at < 0) continue
      this.start.set(e, fresh.length / recordStride)
      const n = this.length.get(e) * recordStride
      for (let i = 0; i < n; i++) fresh.push(this.arena.get(at * recordStride + i))
    }
    this.arena = fresh
  }
}

/** Appends entity `e`'s records to the arena (its claims', one claim after another). */
const build = (ix: LedgerIndex, e: number, arena: IntColumn): number => {
  let count = 0
  for (const c of new Set(ix.entityAsserts.items(e).map((row) => ix.rowA.get(row))))
    count += recordsOfClaim(ix, c, arena)
  return count
}

/** The entities whose blocks a claim row touches: every subject the claim was asserted with. */
export const subjectsOfClaim = (ix: LedgerIndex, c: number): number[] =>
  ix.claimRows
    .items(c)
    .filter((row) => ix.rowTag.get(row) === tag.Asserted)
    .map((row) => ix.rowB.get(row))
