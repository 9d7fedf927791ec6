import * as E from 'fp-ts/Either'
import { onScreenOnly } from '../src/domain/canonPolicy'
import type { LedgerIndex } from '../projections/indexed/ledgerIndex'
import { admissionOf } from '../projections/indexed/admission'
import { atOf } from '../projections/indexed/at'
import { claimAt, live } from '../projections/indexed/claimFold'
import { genAt } from '../projections/indexed/ranks'
import { claimStateOf } from '../projections/indexed/views'

/**
 * The SQL anchors' table: every claim's on-screen versions at the ledger head, one row per
 * release that changed it, with the release-order interval it holds for (`key_from` inclusive,
 * `key_to` exclusive, release sort keys) and its state as JSON. Read from the indexed
 * reader's own folds, so both answer the same question.
 */
export type VersionRow = readonly [string, string, string, string, string]

export const versionRows = (ix: LedgerIndex): VersionRow[] => {
  const k = ix.eventPosition.length - 1
  const a = admissionOf(ix, k, { _tag: 'Latest' }, onScreenOnly)
  if (E.isLeft(a)) throw new Error('the latest cut is always admitted')
  const at = atOf(a.right)
  const rows: VersionRow[] = []
  for (let c = 0; c < ix.claims.size; c++) {
    // The ranks of the releases that touched the claim, each once, in release order.
    const ranks = [
      ...new Set(
        ix.claimRows.items(c).flatMap((row) => {
          const g = genAt(ix, ix.rowRelease.get(row), k)
          return g < 0 || (a.right.tiers & (1 << ix.releaseTier.get(ix.rowRelease.get(row)))) === 0
            ? []
            : [a.right.d.rank[g] as number]
        }),
      ),
    ].sort((x, y) => x - y)
    const versions = ranks.map((rank) => ({
      rank,
      s: claimAt(at, c, (rank + 1) * 16777216, false),
    }))
    versions.forEach(({ rank, s }, i) => {
      if (s === undefined || s.status !== live) return
      const next = versions[i + 1]
      rows.push([
        ix.entities.text(s.subject),
        ix.claims.text(c),
        keyOfRank(ix, a.right.d.rankOrder, a.right.d.rank, rank),
        next === undefined
          ? '\uffff'
          : keyOfRank(ix, a.right.d.rankOrder, a.right.d.rank, next.rank),
        JSON.stringify(claimStateOf(ix, s)),
      ])
    })
  }
  return rows
}

/** The release sort key of a rank (the keys of one rank are equal). */
const keyOfRank = (ix: LedgerIndex, order: Int32Array, rank: Int32Array, r: number): string => {
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((rank[order[mid] as number] as number) < r) lo = mid + 1
    else hi = mid
  }
  return ix.genKey[order[lo] as number] as string
}
