import type { ProvenanceStep } from '../reference/canon'
import type { At } from './at'
import { admittedGen } from './admission'
import { IntColumn } from './columns'
import {
  R_CLAIM,
  R_PREDICATE,
  R_RELEASE,
  R_ROW,
  R_SUBJECT,
  R_TAG,
  R_VALID,
  R_VALUE,
  recordStride,
  recordsOfClaim,
  settlingBit,
} from './claimRecords'
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
 * The claim at the cut, folded over its rows before order key `before` (all of them when not
 * given); undefined when the fold does not hold it. Its rows come from its posting lists.
 */
export const claimAt = (at: At, c: number, before = Infinity, memo = true): ClaimAt | undefined => {
  if (before === Infinity && memo) {
    const known = at.claims.get(c)
    if (known !== undefined) return known ?? undefined
  }
  const records = new IntColumn(4 * recordStride)
  const count = recordsOfClaim(at.a.ix, c, records)
  const s = foldRecords(at, c, records, 0, count, before)
  if (before === Infinity && memo) at.claims.set(c, s ?? null)
  return s
}

/** The claim just before and just after the change at order key `key` (one gathering of its rows). */
export const claimAround = (
  at: At,
  c: number,
  key: number,
): { readonly before: ClaimAt | undefined; readonly after: ClaimAt | undefined } => {
  const records = new IntColumn(4 * recordStride)
  const count = recordsOfClaim(at.a.ix, c, records)
  return {
    before: foldRecords(at, c, records, 0, count, key),
    after: foldRecords(at, c, records, 0, count, key + 1),
  }
}

/**
 * THE claim fold of the indexed reader (reference/canon.ts `applyChange`, for the changes of
 * one claim and the revisions that settle it): over a claim's records (claimRecords.ts), those
 * the cut admits before order key `before`, in release order at the cut.
 */
export const foldRecords = (
  at: At,
  c: number,
  rec: IntColumn,
  from: number,
  count: number,
  before = Infinity,
): ClaimAt | undefined => {
  const folded = foldInOrder(at, c, rec, from, count, before)
  if (folded !== unordered) return folded
  // A correction moved a release: the records are sorted into this cut's order first.
  const sorted = new IntColumn(count * recordStride)
  const n = sortedRecords(at, rec, from, count, sorted)
  return foldInOrder(at, c, sorted, 0, n, before) as ClaimAt | undefined
}

const unordered = 'unordered'

/** The records' order key at the cut, or -1 when the cut does not admit the record. */
const keyOf = (at: At, rec: IntColumn, base: number): number => {
  const a = at.a
  const r = rec.get(base + R_RELEASE)
  const g = admittedGen(a, r)
  if (g < 0 || a.ix.genWithdrawn.get(g) === 1) return -1
  return (a.d.rank[g] as number) * 16777216 + (rec.get(base + R_ROW) - a.ix.releaseFirstRow.get(r))
}

const sortedRecords = (
  at: At,
  rec: IntColumn,
  from: number,
  count: number,
  out: IntColumn,
): number => {
  const keyed: Array<{ readonly i: number; readonly key: number; readonly settles: number }> = []
  for (let i = from; i < from + count; i++) {
    const key = keyOf(at, rec, i * recordStride)
    if (key >= 0)
      keyed.push({
        i,
        key,
        settles: (rec.get(i * recordStride + R_TAG) & settlingBit) === 0 ? 0 : 1,
      })
  }
  keyed.sort((x, y) => x.key - y.key || x.settles - y.settles)
  for (const { i } of keyed)
    for (let f = 0; f < recordStride; f++) out.push(rec.get(i * recordStride + f))
  return keyed.length
}

const foldInOrder = (
  at: At,
  c: number,
  rec: IntColumn,
  from: number,
  count: number,
  before: number,
): ClaimAt | undefined | typeof unordered => {
  const a = at.a
  const ix = a.ix
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
  let lastKey = -1
  let lastSettles = 1
  for (let i = from; i < from + count; i++) {
    const base = i * recordStride
    const r = rec.get(base + R_RELEASE)
    const g = admittedGen(a, r)
    if (g < 0 || ix.genWithdrawn.get(g) === 1) continue
    const row = rec.get(base + R_ROW)
    const key = (a.d.rank[g] as number) * 16777216 + (row - ix.releaseFirstRow.get(r))
    if (key >= before) continue
    const bits = rec.get(base + R_TAG)
    const settles = (bits & settlingBit) === 0 ? 0 : 1
    if (key < lastKey || (key === lastKey && settles < lastSettles)) return unordered
    lastKey = key
    lastSettles = settles
    if (settles === 1) {
      if (held && status === live) {
        status = settled
        settledBy = rec.get(base + R_CLAIM)
      }
      continue
    }
    const payload = ix.genCorrectsChanges.get(g) === 1
    switch (bits & 7) {
      case tag.Asserted:
        subject = rec.get(base + R_SUBJECT)
        predicate = rec.get(base + R_PREDICATE)
        value = payload ? valueAt(ix, row, g) : rec.get(base + R_VALUE)
        valid = payload ? validAt(ix, row, g) : rec.get(base + R_VALID)
        valueRow = validRow = row
        valueGen = validGen = g
        tier = ix.releaseTier.get(r)
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
        const v = payload ? validAt(ix, row, g) : rec.get(base + R_VALID)
        const revisedTo = payload ? valueAt(ix, row, g) : rec.get(base + R_VALUE)
        if (held) {
          value = revisedTo
          valueRow = row
          valueGen = g
          if (v >= 0) {
            valid = v
            validRow = row
            validGen = g
          }
          tier = ix.releaseTier.get(r)
          status = live
          settledBy = -1
          steps.push(row, g, revised)
        } else {
          const origin = originRow(at, c)
          if (origin >= 0) {
            subject = ix.rowB.get(origin)
            predicate = ix.rowC.get(origin)
            value = revisedTo
            valid = v
            valueRow = validRow = row
            valueGen = validGen = g
            tier = ix.releaseTier.get(r)
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
  return held
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
}
