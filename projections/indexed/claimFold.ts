import type { ProvenanceStep } from '../reference/canon'
import type { At, Placed } from './at'
import { liveRowGen } from './at'
import type { LedgerIndex } from './ledgerIndex'
import { genAt, orderKey } from './ranks'
import { tag } from './rowTags'
import { valueAt, validAt } from './payload'

export const live = 0
export const retracted = 1
export const settled = 2

/** One step of a claim's provenance: a row, read at its generation, as a change of a kind. */
export interface Step {
  readonly row: number
  readonly g: number
  readonly change: ProvenanceStep['change']
}

/**
 * A claim at a cut, folded from its rows (and the revisions that settle it) exactly as THE fold
 * applies them (reference/canon.ts `applyChange`).
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
  readonly steps: ReadonlyArray<Step>
  /** Where the fold first holds the claim: its place in the canon state's order. */
  readonly createKey: number
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
  for (const row of ix.claimRows.items(c)) {
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

/** A claim's own rows and the revisions that settle it, admitted, in release order. */
const rowsOf = (
  at: At,
  c: number,
  before: number,
): Array<Placed & { readonly settles: boolean }> => {
  const a = at.a
  const ix = a.ix
  const out: Array<Placed & { readonly settles: boolean }> = []
  const add = (row: number, settles: boolean) => {
    const g = liveRowGen(a, row)
    if (g < 0) return
    const key = orderKey(ix, a.d, row, g)
    if (key < before) out.push({ row, g, key, settles })
  }
  for (const row of ix.claimRows.items(c)) add(row, false)
  for (const row of ix.claimSettles.items(c)) add(row, true)
  return out.sort((x, y) => x.key - y.key || Number(x.settles) - Number(y.settles))
}

const tierOfRow = (ix: LedgerIndex, row: number): number =>
  ix.releaseTier.get(ix.rowRelease.get(row))

/**
 * The claim at the cut, folded over its rows before order key `before` (all of them when not
 * given); undefined when the fold does not hold it.
 */
export const claimAt = (at: At, c: number, before = Infinity): ClaimAt | undefined => {
  if (before === Infinity) {
    const known = at.claims.get(c)
    if (known !== undefined) return known ?? undefined
  }
  const ix = at.a.ix
  let s: ClaimAt | undefined
  for (const p of rowsOf(at, c, before)) {
    const row = p.row
    if (p.settles) {
      if (s !== undefined && s.status === live)
        s = { ...s, status: settled, settledBy: ix.rowA.get(row) }
      continue
    }
    switch (ix.rowTag.get(row)) {
      case tag.Asserted: {
        const valid = validAt(ix, row, p.g)
        s = {
          c,
          subject: ix.rowB.get(row),
          predicate: ix.rowC.get(row),
          value: valueAt(ix, row, p.g),
          valid,
          tier: tierOfRow(ix, row),
          status: live,
          settledBy: -1,
          steps: [{ row, g: p.g, change: 'Asserted' }],
          createKey: s?.createKey ?? p.key,
        }
        break
      }
      case tag.Confirmed:
        if (s !== undefined) s = { ...s, steps: [...s.steps, { row, g: p.g, change: 'Confirmed' }] }
        break
      case tag.Revised: {
        const valid = validAt(ix, row, p.g)
        if (s !== undefined)
          s = {
            ...s,
            value: valueAt(ix, row, p.g),
            valid: valid >= 0 ? valid : s.valid,
            tier: tierOfRow(ix, row),
            status: live,
            settledBy: -1,
            steps: [...s.steps, { row, g: p.g, change: 'Revised' }],
          }
        else {
          const origin = originRow(at, c)
          if (origin >= 0)
            s = {
              c,
              subject: ix.rowB.get(origin),
              predicate: ix.rowC.get(origin),
              value: valueAt(ix, row, p.g),
              valid,
              tier: tierOfRow(ix, row),
              status: live,
              settledBy: -1,
              steps: [{ row, g: p.g, change: 'Asserted' }],
              createKey: p.key,
            }
        }
        break
      }
      case tag.Retracted:
        if (s !== undefined)
          s = {
            ...s,
            status: retracted,
            steps: [...s.steps, { row, g: p.g, change: 'Retracted' }],
          }
        break
      default:
        break
    }
  }
  if (before === Infinity) at.claims.set(c, s ?? null)
  return s
}
