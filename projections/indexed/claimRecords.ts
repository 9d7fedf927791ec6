import type { IntColumn } from './columns'
import type { LedgerIndex } from './ledgerIndex'
import { orderKey } from './ranks'
import { derivedOf, genAt } from './ranks'

/**
 * A claim's rows as records: each of its changes, and each revision that settles it, as
 * `recordStride` integers, in the ledger head's release order. The claim fold reads these
 * (claimFold.ts), whether an entity's block holds them together (blocks.ts) or they were just
 * gathered from the claim's posting lists.
 */
export const recordStride = 9
export const R_ROW = 0
export const R_RELEASE = 1
/** The row's kind of change, plus `settlingBit` when it is a revision settling the claim. */
export const R_TAG = 2
export const settlingBit = 16
/** The bits of `R_TAG` that hold the row's kind of change. */
export const tagBits = 15
/** The claim the record is folded into. */
export const R_FOLD = 3
/** The row's own claim (for a settling revision: the claim it revises). */
export const R_CLAIM = 4
export const R_SUBJECT = 5
/** An assertion's predicate, a revision's kind. */
export const R_PREDICATE = 6
export const R_VALUE = 7
export const R_VALID = 8

/** Appends claim `c`'s records; answers how many. */
export const recordsOfClaim = (ix: LedgerIndex, c: number, out: IntColumn): number => {
  const d = derivedOf(ix)
  const head = ix.eventPosition.length - 1
  const keyOf = (row: number): number => {
    const g = genAt(ix, ix.rowRelease.get(row), head)
    return g < 0 ? Infinity : orderKey(ix, d, row, g)
  }
  const rows = [
    ...ix.claimRows.items(c).map((row) => ({ row, settles: false })),
    ...ix.claimSettles.items(c).map((row) => ({ row, settles: true })),
  ]
  if (rows.length > 1)
    rows.sort((x, y) => keyOf(x.row) - keyOf(y.row) || Number(x.settles) - Number(y.settles))
  for (const { row, settles } of rows) {
    out.push(row)
    out.push(ix.rowRelease.get(row))
    out.push(ix.rowTag.get(row) | (settles ? settlingBit : 0))
    out.push(c)
    out.push(ix.rowA.get(row))
    out.push(ix.rowB.get(row))
    out.push(ix.rowC.get(row))
    out.push(ix.rowValue.get(row))
    out.push(ix.rowValid.get(row))
  }
  return rows.length
}
