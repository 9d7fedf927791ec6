import type { Admission } from './admission'
import { admittedGen } from './admission'
import type { ClaimAt } from './claimFold'
import type { EntityAt } from './entityFold'
import { orderKey } from './ranks'

/**
 * One read's view of canon at its cut: the admission, and what the read has folded so far
 * (entities, parents, claims), so a read folds each thing once. Local to one read.
 */
export interface At {
  readonly a: Admission
  readonly entities: Map<number, EntityAt | null>
  readonly parents: Map<number, number>
  readonly claims: Map<number, ClaimAt | null>
}

export const atOf = (a: Admission): At => ({
  a,
  entities: new Map(),
  parents: new Map(),
  claims: new Map(),
})

/** The live generation a row's release has at the cut when the cut admits it, else -1. */
export const liveRowGen = (a: Admission, row: number): number => {
  const g = admittedGen(a, a.ix.rowRelease.get(row))
  return g >= 0 && a.ix.genWithdrawn.get(g) === 0 ? g : -1
}

/** Rows with their generation and order key, sorted into release order. */
export interface Placed {
  readonly row: number
  readonly g: number
  readonly key: number
}

export const placedLive = (a: Admission, rows: Iterable<number>): Placed[] => {
  const out: Placed[] = []
  for (const row of rows) {
    const g = liveRowGen(a, row)
    if (g >= 0) out.push({ row, g, key: orderKey(a.ix, a.d, row, g) })
  }
  return out.sort((x, y) => x.key - y.key)
}
