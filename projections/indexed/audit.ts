import type { ClaimId, EntityId, Predicate } from '../../src/domain/ids'
import { claimOfChange } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import type { AuditChangeKind } from '../port/answers'
import type { AuditEntry, AuditScope } from '../reference/audit'
import { entryOf as referenceEntryOf } from '../reference/audit'
import type { ReleaseView } from '../reference/ledgerView'
import type { At } from './at'
import { admittedGen } from './admission'
import { originRow } from './claimFold'
import { changeOfRow } from './ingest'
import type { PlacedRow } from './ordered'
import { orderKey } from './ranks'
import { isClaimTag, tag } from './rowTags'
import { valueAt } from './payload'
import { releaseViewAt } from './views'

/**
 * The audit at a cut (reference/audit.ts `audit`), an entry at a time: which rows are entries
 * of a scope, and each entry with the value before and after it. A claim's value before a
 * change is folded from the claim's own earlier entries, so an entry costs the claim's rows,
 * not the ledger's.
 */
export interface Scope {
  /** The entity and every entity identified with it; every entity when absent. */
  readonly subjects?: ReadonlySet<number>
  /** One fact only (a predicate id; -1: one the ledger never used). */
  readonly predicate?: number
  /** One claim only (a claim id; -1: one the ledger never recorded). */
  readonly claim?: number
  /** Only these kinds of change. */
  readonly changes?: ReadonlySet<AuditChangeKind>
}

const kinds: Record<number, AuditChangeKind> = {
  [tag.Introduced]: 'introduced',
  [tag.Appeared]: 'appeared',
  [tag.Aliased]: 'aliased',
  [tag.Identified]: 'identified',
  [tag.Asserted]: 'asserted',
  [tag.Confirmed]: 'confirmed',
  [tag.Revised]: 'revised',
  [tag.StoryChanged]: 'changed-in-story',
  [tag.Retracted]: 'retracted',
}

export const kindOfRow = (t: number): AuditChangeKind => kinds[t] ?? 'asserted'

export const tagOfKind = (kind: AuditChangeKind): number =>
  Number(Object.entries(kinds).find(([, k]) => k === kind)?.[0] ?? tag.Asserted)

const inScope = (scope: Scope, e: number): boolean =>
  scope.subjects === undefined || scope.subjects.has(e)

/** The subject and predicate a claim row is audited under (its own, or where the claim was asserted). */
export const claimOriginOf = (
  at: At,
  row: number,
): { readonly subject: number; readonly predicate: number } | undefined => {
  const ix = at.a.ix
  if (ix.rowTag.get(row) === tag.Asserted)
    return { subject: ix.rowB.get(row), predicate: ix.rowC.get(row) }
  const origin = originRow(at, ix.rowA.get(row))
  return origin < 0 ? undefined : { subject: ix.rowB.get(origin), predicate: ix.rowC.get(origin) }
}

/** Whether a row of an admitted release is an entry of the scope (whatever its kind). */
export const isEntry = (at: At, scope: Scope, row: number): boolean => {
  const ix = at.a.ix
  const t = ix.rowTag.get(row)
  if (!isClaimTag(t)) {
    if (scope.predicate !== undefined || scope.claim !== undefined) return false
    return t === tag.Identified
      ? inScope(scope, ix.rowA.get(row)) || inScope(scope, ix.rowB.get(row))
      : inScope(scope, ix.rowA.get(row))
  }
  if (scope.claim !== undefined && ix.rowA.get(row) !== scope.claim) return false
  const origin = claimOriginOf(at, row)
  return (
    origin !== undefined &&
    inScope(scope, origin.subject) &&
    (scope.predicate === undefined || origin.predicate === scope.predicate)
  )
}

/**
 * A claim's value just before order key `key`, as the audit follows it through the scope's
 * entries of live admitted releases: the last that gave one (an assertion, a revision, a change
 * in the story to a new value), unless a retraction came after.
 */
const valueBefore = (at: At, scope: Scope, c: number, key: number): Value | undefined => {
  const a = at.a
  const ix = a.ix
  let best = -1
  let value: Value | undefined
  const p = ix.claimRows
  for (let e = c < p.first.length ? p.first.get(c) : -1; e >= 0; e = p.next.get(e)) {
    const row = p.item.get(e)
    const t = ix.rowTag.get(row)
    if (t === tag.Confirmed) continue
    const g = admittedGen(a, ix.rowRelease.get(row))
    if (g < 0 || ix.genWithdrawn.get(g) === 1) continue
    const given = t === tag.Retracted ? -1 : valueAt(ix, row, g)
    if (t === tag.StoryChanged && given < 0) continue
    const k = orderKey(ix, a.d, row, g)
    if (k >= key || k < best || !isEntry(at, scope, row)) continue
    best = k
    value = given < 0 ? undefined : ix.values.value(given)
  }
  return value
}

/**
 * Whether the cut gave claim `c` a value before order key `key`, whatever the audit's scope:
 * an assertion, or a revision of a claim asserted somewhere in the ledger as read, in a live
 * admitted release (the reference audit's `known`).
 */
const knownBefore = (at: At, c: number, key: number): boolean => {
  const a = at.a
  const ix = a.ix
  for (const row of ix.claimRows.items(c)) {
    const t = ix.rowTag.get(row)
    if (t !== tag.Asserted && t !== tag.Revised) continue
    const g = admittedGen(a, ix.rowRelease.get(row))
    if (g < 0 || ix.genWithdrawn.get(g) === 1 || orderKey(ix, a.d, row, g) >= key) continue
    if (t === tag.Asserted || originRow(at, c) >= 0) return true
  }
  return false
}

/** The scope in the reference audit's terms (entities and predicates by id). */
export const auditScopeOf = (ix: At['a']['ix'], scope: Scope): AuditScope => ({
  ...(scope.subjects === undefined
    ? {}
    : { subjects: new Set([...scope.subjects].map((e) => ix.entities.text(e) as EntityId)) }),
  ...(scope.predicate === undefined || scope.predicate < 0
    ? {}
    : { predicate: ix.predicates.text(scope.predicate) as Predicate }),
  ...(scope.claim === undefined || scope.claim < 0
    ? {}
    : { claim: ix.claims.text(scope.claim) as ClaimId }),
})

/**
 * The entry of an admitted row that `isEntry` accepts, built by the reference audit's own
 * `entryOf`, given what it needs of the ledger for this change only: the claim's origin, its
 * value before, and which claims a settlement may name.
 */
export const entryOf = (
  at: At,
  scope: Scope,
  audited: AuditScope,
  p: PlacedRow,
  views: Map<number, ReleaseView>,
): AuditEntry | undefined => {
  const ix = at.a.ix
  const r = ix.rowRelease.get(p.row)
  let view = views.get(p.g)
  if (view === undefined) {
    view = releaseViewAt(at, r, p.g)
    views.set(p.g, view)
  }
  const change = changeOfRow(ix, p.row, p.g)
  const origins = new Map<ClaimId, { readonly subject: EntityId; readonly predicate: Predicate }>()
  const current = new Map<ClaimId, Value>()
  const known = new Set<ClaimId>()
  const claim = claimOfChange(change)
  if (claim !== undefined) {
    const origin = claimOriginOf(at, p.row)
    if (origin !== undefined)
      origins.set(claim, {
        subject: ix.entities.text(origin.subject) as EntityId,
        predicate: ix.predicates.text(origin.predicate) as Predicate,
      })
    const key = orderKey(ix, at.a.d, p.row, p.g)
    const before = valueBefore(at, scope, ix.rowA.get(p.row), key)
    if (before !== undefined) current.set(claim, before)
    if (change._tag === 'Revised')
      for (const s of change.settles ?? []) {
        const other = ix.claims.find(s)
        if (other >= 0 && knownBefore(at, other, key)) known.add(s)
      }
  }
  const withdrawn = ix.genWithdrawn.get(p.g) === 1
  const index = p.row - ix.releaseFirstRow.get(r)
  return referenceEntryOf(view, index, withdrawn, change, audited, origins, current, known)
}
