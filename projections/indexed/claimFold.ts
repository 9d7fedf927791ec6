import type { ProvenanceStep } from '../reference/canon'
import type { At } from './at'
import { liveRowGen } from './at'
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
 * A claim's rows gathered for its fold: per row, `stride` numbers (see the offsets below),
 * admitted at the cut and before an order key, in release order. Gathered from posting lists
 * (any claim), or from an entity's block (claims.ts: the same rows, laid out together).
 */
export const stride = 11
export const KEY = 0
export const ROW = 1
export const GEN = 2
/** 1: a revision of another claim that settles this one. */
export const SETTLES = 3
export const TAG = 4
/** The row's claim (for a settling revision: the claim it revises). */
export const CLAIM = 5
export const SUBJECT = 6
/** An assertion's predicate, a revision's kind. */
export const PREDICATE = 7
export const VALUE = 8
export const VALID = 9
export const TIER = 10

/** Appends a row to a gathering, its payload as its generation reads it. */
export const gatherRow = (
  at: At,
  out: number[],
  row: number,
  g: number,
  key: number,
  settles: number,
  release: number,
  rowTag: number,
  claim: number,
  subject: number,
  predicate: number,
  value: number,
  valid: number,
): void => {
  const ix = at.a.ix
  const corrected = ix.genChanges.size !== 0 && ix.genChanges.has(g)
  out.push(
    key,
    row,
    g,
    settles,
    rowTag,
    claim,
    subject,
    predicate,
    corrected ? valueAt(ix, row, g) : value,
    corrected ? validAt(ix, row, g) : valid,
    ix.releaseTier.get(release),
  )
}

/** Sorts a gathering into release order (a revision's own change before its settling of others). */
export const ordered = (out: number[]): number[] => {
  let sorted = true
  for (let i = stride; i < out.length; i += stride)
    if (
      (out[i + KEY] as number) < (out[i - stride + KEY] as number) ||
      (out[i + KEY] === out[i - stride + KEY] && out[i + SETTLES] === 0)
    )
      sorted = false
  if (sorted) return out
  const n = out.length / stride
  return Array.from({ length: n }, (_, i) => i)
    .sort(
      (x, y) =>
        (out[stride * x + KEY] as number) - (out[stride * y + KEY] as number) ||
        (out[stride * x + SETTLES] as number) - (out[stride * y + SETTLES] as number),
    )
    .flatMap((i) => out.slice(stride * i, stride * i + stride))
}

/** A claim's rows from its posting lists, gathered. */
const gathered = (at: At, c: number, before: number): number[] => {
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
      if (key < before)
        gatherRow(
          at,
          out,
          row,
          g,
          key,
          pass,
          ix.rowRelease.get(row),
          ix.rowTag.get(row),
          ix.rowA.get(row),
          ix.rowB.get(row),
          ix.rowC.get(row),
          ix.rowValue.get(row),
          ix.rowValid.get(row),
        )
    }
  }
  return ordered(out)
}

/**
 * The claim at the cut, folded over its rows before order key `before` (all of them when not
 * given); undefined when the fold does not hold it.
 */
export const claimAt = (at: At, c: number, before = Infinity, memo = true): ClaimAt | undefined => {
  if (before === Infinity && memo) {
    const known = at.claims.get(c)
    if (known !== undefined) return known ?? undefined
  }
  const s = foldClaim(at, c, gathered(at, c, before))
  if (before === Infinity && memo) at.claims.set(c, s ?? null)
  return s
}

/** THE claim fold of the indexed reader, over a claim's gathered rows (reference `applyChange`). */
export const foldClaim = (at: At, c: number, rows: ReadonlyArray<number>): ClaimAt | undefined => {
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
  for (let i = 0; i < rows.length; i += stride) {
    const key = rows[i + KEY] as number
    const row = rows[i + ROW] as number
    const g = rows[i + GEN] as number
    if (rows[i + SETTLES] === 1) {
      if (held && status === live) {
        status = settled
        settledBy = rows[i + CLAIM] as number
      }
      continue
    }
    switch (rows[i + TAG] as number) {
      case tag.Asserted:
        subject = rows[i + SUBJECT] as number
        predicate = rows[i + PREDICATE] as number
        value = rows[i + VALUE] as number
        valid = rows[i + VALID] as number
        valueRow = validRow = row
        valueGen = validGen = g
        tier = rows[i + TIER] as number
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
        const v = rows[i + VALID] as number
        if (held) {
          value = rows[i + VALUE] as number
          valueRow = row
          valueGen = g
          if (v >= 0) {
            valid = v
            validRow = row
            validGen = g
          }
          tier = rows[i + TIER] as number
          status = live
          settledBy = -1
          steps.push(row, g, revised)
        } else {
          const origin = originRow(at, c)
          if (origin >= 0) {
            const ix = at.a.ix
            subject = ix.rowB.get(origin)
            predicate = ix.rowC.get(origin)
            value = rows[i + VALUE] as number
            valid = v
            valueRow = validRow = row
            valueGen = validGen = g
            tier = rows[i + TIER] as number
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
  return s
}
