import { byReleaseKey } from '../../src/domain/release'
import type { Derived, LedgerIndex } from './ledgerIndex'

/**
 * Release order as integers: every generation of every release ranked by its sort key, with
 * THE comparator of keys (`byReleaseKey`). Ranks of different generations compare as their
 * keys do, so one ranking serves every ledger position. Rebuilt when a filed event made it
 * stale (a release or a correction adds a generation).
 */
export const derivedOf = (ix: LedgerIndex): Derived => {
  const gens = ix.genRelease.length
  if (ix.derived !== undefined && ix.derived.gens === gens) return ix.derived
  const keyed = ix.genKey.map((key, g) => ({ key, g })).sort(byReleaseKey)
  const rankOrder = new Int32Array(gens)
  const rank = new Int32Array(gens)
  let dense = -1
  let previous: string | undefined
  keyed.forEach(({ key, g }, i) => {
    if (key !== previous) dense += 1
    previous = key
    rankOrder[i] = g
    rank[g] = dense
  })
  const derived: Derived = { gens, rankOrder, rank }
  ix.derived = derived
  return derived
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
