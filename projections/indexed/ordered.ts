import type { SortKey } from '../port/page'
import { compareSortKeys } from '../port/page'
import type { Admission } from './admission'
import { genAt, orderKey } from './ranks'

/** A row and the generation its release is read at. */
export interface PlacedRow {
  readonly row: number
  readonly g: number
}

/** A row's place in a paged read's order: its release's sort key, then its index in the release. */
export const rowKey = (a: Admission, p: PlacedRow): SortKey => [
  a.ix.genKey[p.g] as string,
  p.row - a.ix.releaseFirstRow.get(a.ix.rowRelease.get(p.row)),
]

/**
 * The rows of the releases `keep` accepts (generations current at the cut's ledger position),
 * in release order, those after `after` only: a walk of release order from the cursor, so a
 * page costs what it returns plus the releases it passes over.
 */
export function* rowsInOrder(
  a: Admission,
  keep: (g: number) => boolean,
  after: SortKey | undefined,
): Generator<PlacedRow> {
  const ix = a.ix
  const order = a.d.rankOrder
  let start = 0
  if (after !== undefined) {
    const first = String(after[0])
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((ix.genKey[order[mid] as number] as string) < first) lo = mid + 1
      else hi = mid
    }
    start = lo
  }
  for (let p = start; p < order.length; p++) {
    const g = order[p] as number
    const r = ix.genRelease.get(g)
    if (ix.genEvent.get(g) > a.k || genAt(ix, r, a.k) !== g || !keep(g)) continue
    const firstRow = ix.releaseFirstRow.get(r)
    const n = ix.releaseRowCount.get(r)
    for (let i = 0; i < n; i++) {
      const placed = { row: firstRow + i, g }
      if (after !== undefined && compareSortKeys(rowKey(a, placed), after) <= 0) continue
      yield placed
    }
  }
}

/**
 * Rows gathered from posting lists, of the releases `keep` accepts, sorted into release order,
 * those after `after` only. For reads over one entity, claim or small kind of change.
 */
export const sortedRows = (
  a: Admission,
  rows: Iterable<number>,
  keep: (g: number) => boolean,
  after: SortKey | undefined,
): PlacedRow[] => {
  const ix = a.ix
  const placed: Array<PlacedRow & { readonly key: number }> = []
  for (const row of new Set(rows)) {
    const g = genAt(ix, ix.rowRelease.get(row), a.k)
    if (g < 0 || !keep(g)) continue
    const p = { row, g, key: orderKey(ix, a.d, row, g) }
    if (after !== undefined && compareSortKeys(rowKey(a, p), after) <= 0) continue
    placed.push(p)
  }
  return placed.sort((x, y) => x.key - y.key)
}
