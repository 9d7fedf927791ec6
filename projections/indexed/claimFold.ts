import type { ProvenanceStep } from '../reference/canon'
import { validityAfter } from '../reference/canon'
import { changeOfRow } from './ingest'
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
  tagBits,
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
const storyStep = 4
export const stepChanges: ReadonlyArray<ProvenanceStep['change']> = [
  'Asserted',
  'Confirmed',
  'Revised',
  'Retracted',
  'StoryChanged',
]

/** The kinds of step that give a claim its value (`sourceOfValue`, reference/canon.ts). */
export const givesValue = (step: number): boolean =>
  step === asserted || step === revised || step === storyStep

/** A story phase's fields, `phaseStride` integers each (see `ClaimAt.story`). */
export const phaseStride = 5
export const P_VALUE = 0
export const P_VALID = 1
export const P_GEN = 2
export const P_ACCOUNT_ROW = 3
export const P_ACCOUNT_GEN = 4

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
  /**
   * The row (and its generation) whose provenance holds the current value's account, if it
   * has one (-1: no row gave one).
   */
  readonly accountRow: number
  readonly accountGen: number
  /**
   * The fact's phases in the story once a release changed it there, `phaseStride` integers
   * each: its value (-1: the fact no longer holds), validity (-1: none), the generation of the
   * release that told it, and the row and generation whose provenance holds its account.
   */
  readonly story: ReadonlyArray<number> | undefined
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

/** A claim's state in the middle of a fold. */
interface Folding {
  held: boolean
  subject: number
  predicate: number
  value: number
  valid: number
  tier: number
  status: number
  settledBy: number
  createKey: number
  accountRow: number
  accountGen: number
  steps: number[]
  story: number[] | undefined
}

/** The release of a claim's value: its last step that gave one (`sourceOfValue`). */
const valueStep = (steps: ReadonlyArray<number>): number => {
  for (let i = steps.length - 3; i >= 0; i -= 3) if (givesValue(steps[i + 2] as number)) return i
  return 0
}

/**
 * A change in the story (reference/canon.ts `changeInStory`): a new phase after the fact's
 * others (the first is the fact as it stood); the new value, or, when the fact ends, the value
 * it held with the validity `validityAfter` gives. A claim not held yet is first learned here
 * when the change gives a value.
 */
const changeInStory = (
  at: At,
  c: number,
  f: Folding,
  row: number,
  g: number,
  key: number,
  value: number,
  valid: number,
): void => {
  const ix = at.a.ix
  const tier = ix.releaseTier.get(ix.rowRelease.get(row))
  if (!f.held) {
    const origin = originRow(at, c)
    if (origin < 0 || value < 0) return
    f.subject = ix.rowB.get(origin)
    f.predicate = ix.rowC.get(origin)
    f.createKey = key
    f.held = true
    f.steps = [row, g, storyStep]
  } else {
    if (f.story === undefined) {
      const source = valueStep(f.steps)
      f.story = [f.value, f.valid, f.steps[source + 1] as number, f.accountRow, f.accountGen]
    }
    f.steps.push(row, g, storyStep)
  }
  f.story ??= []
  f.story.push(value, valid, g, row, g)
  if (value >= 0) {
    f.value = value
    f.valid = valid
    f.accountRow = row
    f.accountGen = g
  } else f.valid = endedValidity(at, f.valid, row, g)
  f.tier = tier
  f.status = live
}

/** The validity of a fact that ended in the story (`validityAfter`), interned; -1 when empty. */
const endedValidity = (at: At, held: number, row: number, g: number): number => {
  const ix = at.a.ix
  const change = changeOfRow(ix, row, g)
  if (change._tag !== 'StoryChanged') return held
  const after = validityAfter(held < 0 ? undefined : ix.values.validities.get(held), change)
  return after === undefined || Object.keys(after).length === 0
    ? -1
    : ix.values.validities.intern(after)
}

/** A revision revises what the story says now: its latest phase's value and account (`revisedStory`). */
const revisePhase = (story: number[], value: number, valid: number, row: number, g: number) => {
  const last = story.length - phaseStride
  story[last + P_VALUE] = value
  if (valid >= 0) story[last + P_VALID] = valid
  story[last + P_ACCOUNT_ROW] = row
  story[last + P_ACCOUNT_GEN] = g
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
  const f: Folding = {
    held: false,
    subject: -1,
    predicate: -1,
    value: -1,
    valid: -1,
    tier: 0,
    status: live,
    settledBy: -1,
    createKey: 0,
    accountRow: -1,
    accountGen: -1,
    steps: [],
    story: undefined,
  }
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
      if (f.held && f.status === live) {
        f.status = settled
        f.settledBy = rec.get(base + R_CLAIM)
      }
      continue
    }
    const payload = ix.genCorrectsChanges.get(g) === 1
    const valueOf = () => (payload ? valueAt(ix, row, g) : rec.get(base + R_VALUE))
    const validOf = () => (payload ? validAt(ix, row, g) : rec.get(base + R_VALID))
    switch (bits & tagBits) {
      case tag.Asserted:
        f.subject = rec.get(base + R_SUBJECT)
        f.predicate = rec.get(base + R_PREDICATE)
        f.value = valueOf()
        f.valid = validOf()
        f.tier = ix.releaseTier.get(r)
        f.status = live
        f.settledBy = -1
        f.accountRow = row
        f.accountGen = g
        f.steps = [row, g, asserted]
        f.story = undefined
        if (!f.held) f.createKey = key
        f.held = true
        break
      case tag.Confirmed:
        if (f.held) f.steps.push(row, g, confirmed)
        break
      case tag.Revised: {
        const v = validOf()
        const revisedTo = valueOf()
        if (f.held) {
          f.value = revisedTo
          if (v >= 0) f.valid = v
          f.steps.push(row, g, revised)
          if (f.story !== undefined) revisePhase(f.story, revisedTo, v, row, g)
        } else {
          const origin = originRow(at, c)
          if (origin < 0) break
          f.subject = ix.rowB.get(origin)
          f.predicate = ix.rowC.get(origin)
          f.value = revisedTo
          f.valid = v
          f.steps = [row, g, asserted]
          f.createKey = key
          f.held = true
        }
        f.tier = ix.releaseTier.get(r)
        f.status = live
        f.settledBy = -1
        f.accountRow = row
        f.accountGen = g
        break
      }
      case tag.StoryChanged:
        changeInStory(at, c, f, row, g, key, valueOf(), validOf())
        break
      case tag.Retracted:
        if (f.held) {
          f.status = retracted
          f.steps.push(row, g, retractedStep)
        }
        break
      default:
        break
    }
  }
  return f.held
    ? {
        c,
        subject: f.subject,
        predicate: f.predicate,
        value: f.value,
        valid: f.valid,
        tier: f.tier,
        status: f.status,
        settledBy: f.settledBy,
        steps: f.steps,
        createKey: f.createKey,
        accountRow: f.accountRow,
        accountGen: f.accountGen,
        story: f.story,
      }
    : undefined
}
