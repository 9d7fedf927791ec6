import type { ProvenanceStep } from '../reference/canon'
import type { At } from './at'
import { liveRowGen } from './at'
import type { LedgerIndex } from './ledgerIndex'
import { genAt, orderKey } from './ranks'
import { tag } from './rowTags'
import { valueAt, validAt } from './payload'

export const live = 0
export const retracted = 1
export const settled = 2

const asserted = 0
const confirmed = 1
const revised = 2
const retractedStep = 3
export const stepChanges: ReadonlyArray<ProvenanceStep['change']> = [
  'Asserted',
  'Confirmed',
  'Revised',
  'Retracted',
]

/**
 * A claim at a cut, folded from its rows (and the revisions that settle it) exactly as THE fold
 * applies them (reference/canon.ts `applyChange`). Its provenance is `steps`: triples of row,
 * generation and step kind (an index into `stepChanges`).
 */
export interface ClaimAt {
  readonly c: number
  readonly subject: number
  readonly predicate: number
  readonly value: number
  readonly valid: number
  /** The tier code of the release that gave the current value. */
  readonly tier: number
  readonly status: number
  readonly settledBy: number
  readonly steps: ReadonlyArray<number>
  /** Where the fold first holds the claim: its place in the canon state's order. */
  readonly createKey: number
  /** The rows (and their generations) that gave the current value and validity. */
  readonly valueRow: number
  readonly valueGen: number
  readonly validRow: number
  readonly validGen: number
}

/**
 * Where a claim was asserted, as the ledger view at event k reads its releases: a live
 * release's assertion over a withdrawn one's, the later in release order winning (the later
 * recorded, among withdrawn ones). -1 when no release recorded by then asserts it.
 */
export const originRow = (at: At, c: number): number => {
  const a = at.a
  const ix = a.ix
  let best = -1
  let bestLive = false
  let bestKey = -1
  const p = ix.claimRows
  for (let e = c < p.first.length ? p.first.get(c) : -1; e >= 0; e = p.next.get(e)) {
    const row = p.item.get(e)
    if (ix.rowTag.get(row) !== tag.Asserted) continue
    const g = genAt(ix, ix.rowRelease.get(row), a.k)
    if (g < 0) continue
    const isLive = ix.genWithdrawn.get(g) === 0
    const key = isLive ? orderKey(ix, a.d, row, g) : row
    if (isLive ? !bestLive || key >= bestKey : !bestLive && key >= bestKey) {
      best = row
      bestLive = isLive
      bestKey = key
    }
  }
  return best
}

/**
 * A claim's own rows and the revisions that settle it, admitted at the cut and before order
 * key `before`, in release order: quadruples of key, row, generation, settles (1) or not (0).
 */
const rowsOf = (at: At, c: number, before: number): number[] => {
  const a = at.a
  const ix = a.ix
  const out: number[] = []
  for (let pass = 0; pass < 2; pass++) {
    const p = pass === 0 ? ix.claimRows : ix.claimSettles
    for (let e = c < p.first.length ? p.first.get(c) : -1; e >= 0; e = p.next.get(e)) {
      const row = p.item.get(e)
      const g = liveRowGen(a, row)
      if (g < 0) continue
      const key = orderKey(ix, a.d, row, g)
      if (key < before) out.push(key, row, g, pass)
    }
  }
  if (out.length <= 4 || inOrder(out)) return out
  const n = out.length / 4
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) =>
      (out[4 * x] as number) - (out[4 * y] as number) ||
      (out[4 * x + 3] as number) - (out[4 * y + 3] as number),
  )
  return order.flatMap((i) => out.slice(4 * i, 4 * i + 4))
}

const inOrder = (q: ReadonlyArray<number>): boolean => {
  for (let i = 4; i < q.length; i += 4)
    if ((q[i] as number) < (q[i - 4] as number) || (q[i] === q[i - 4] && q[i + 3] === 0))
      return false
  return true
}

const tierOfRow = (ix: LedgerIndex, row: number): number =>
  ix.releaseTier.get(ix.rowRelease.get(row))

/**
 * The claim at the cut, folded over its rows before order key `before` (all of them when not
 * given); undefined when the fold does not hold it.
 */
export const claimAt = (at: At, c: number, before = Infinity, memo = true): ClaimAt | undefined => {
  if (before === Infinity && memo) {
    const known = at.claims.get(c)
    if (known !== undefined) return known ?? undefined
  }
  const ix = at.a.ix
  let held = false
  let subject = -1
  let predicate = -1
  let value = -1
  let valid = -1
  let tier = 0
  let status = live
  let settledBy = -1
  let createKey = 0
  let valueRow = -1
  let valueGen = -1
  let validRow = -1
  let validGen = -1
  let steps: number[] = []
  const rows = rowsOf(at, c, before)
  for (let i = 0; i < rows.length; i += 4) {
    const key = rows[i] as number
    const row = rows[i + 1] as number
    const g = rows[i + 2] as number
    if (rows[i + 3] === 1) {
      if (held && status === live) {
        status = settled
        settledBy = ix.rowA.get(row)
      }
      continue
    }
    switch (ix.rowTag.get(row)) {
      case tag.Asserted:
        subject = ix.rowB.get(row)
        predicate = ix.rowC.get(row)
        value = valueAt(ix, row, g)
        valid = validAt(ix, row, g)
        valueRow = validRow = row
        valueGen = validGen = g
        tier = tierOfRow(ix, row)
        status = live
        settledBy = -1
        steps = [row, g, asserted]
        if (!held) createKey = key
        held = true
        break
      case tag.Confirmed:
        if (held) steps.push(row, g, confirmed)
        break
      case tag.Revised: {
        const v = validAt(ix, row, g)
        if (held) {
          value = valueAt(ix, row, g)
          valueRow = row
          valueGen = g
          if (v >= 0) {
            valid = v
            validRow = row
            validGen = g
          }
          tier = tierOfRow(ix, row)
          status = live
          settledBy = -1
          steps.push(row, g, revised)
        } else {
          const origin = originRow(at, c)
          if (origin >= 0) {
            subject = ix.rowB.get(origin)
            predicate = ix.rowC.get(origin)
            value = valueAt(ix, row, g)
            valid = v
            valueRow = validRow = row
            valueGen = validGen = g
            tier = tierOfRow(ix, row)
            status = live
            settledBy = -1
            steps = [row, g, asserted]
            createKey = key
            held = true
          }
        }
        break
      }
      case tag.Retracted:
        if (held) {
          status = retracted
          steps.push(row, g, retractedStep)
        }
        break
      default:
        break
    }
  }
  const s: ClaimAt | undefined = held
    ? {
        c,
        subject,
        predicate,
        value,
        valid,
        tier,
        status,
        settledBy,
        steps,
        createKey,
        valueRow,
        valueGen,
        validRow,
        validGen,
      }
    : undefined
  if (before === Infinity && memo) at.claims.set(c, s ?? null)
  return s
}
