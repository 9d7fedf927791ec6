import type { EntityId, Predicate } from '../../src/domain/ids'
import type { Change } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import { tierOf } from '../../src/domain/release'
import type { AuditChangeKind } from '../port/answers'
import type { AuditEntry } from '../reference/audit'
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
 * A claim's value just before order key `key`: its last assertion or revision among the
 * entries of live admitted releases before it, unless a retraction came after.
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
    const k = orderKey(ix, a.d, row, g)
    if (k >= key || k < best || !isEntry(at, scope, row)) continue
    best = k
    value = t === tag.Retracted ? undefined : ix.values.value(valueAt(ix, row, g))
  }
  return value
}

const provenanceOf = (change: Change) =>
  change._tag === 'Introduced' || change._tag === 'Appeared' || change._tag === 'Aliased'
    ? { ...(change.note === undefined ? {} : { note: change.note }) }
    : {
        ...(change.quote === undefined ? {} : { quote: change.quote }),
        ...(change.note === undefined ? {} : { note: change.note }),
        ...(change.exactReleaseUnknownWithin === undefined
          ? {}
          : { exactReleaseUnknownWithin: change.exactReleaseUnknownWithin }),
      }

/** The entry of an admitted row that `isEntry` accepts, as the reference's audit builds it. */
export const entryOf = (
  at: At,
  scope: Scope,
  p: PlacedRow,
  views: Map<number, ReleaseView>,
): AuditEntry => {
  const ix = at.a.ix
  const r = ix.rowRelease.get(p.row)
  let view = views.get(p.g)
  if (view === undefined) {
    view = releaseViewAt(at, r, p.g)
    views.set(p.g, view)
  }
  const change = changeOfRow(ix, p.row, p.g)
  const base = {
    release: view,
    index: p.row - ix.releaseFirstRow.get(r),
    tier: tierOf(view.release.kind),
    withdrawn: ix.genWithdrawn.get(p.g) === 1,
    ...provenanceOf(change),
  }
  const entity = (n: number) => ix.entities.text(n) as EntityId
  switch (change._tag) {
    case 'Introduced':
    case 'Appeared':
      return {
        ...base,
        change: change._tag === 'Introduced' ? 'introduced' : 'appeared',
        subject: change.entity,
        name: change.name,
        aliases: change.aliases ?? [],
      }
    case 'Aliased':
      return { ...base, change: 'aliased', subject: change.entity, name: change.alias }
    case 'Identified':
      return inScope(scope, ix.rowA.get(p.row))
        ? { ...base, change: 'identified', subject: change.entity, other: change.sameAs }
        : { ...base, change: 'identified', subject: change.sameAs, other: change.entity }
    case 'Asserted':
    case 'Confirmed':
    case 'Revised':
    case 'Retracted': {
      const origin = claimOriginOf(at, p.row) as { subject: number; predicate: number }
      const key = orderKey(ix, at.a.d, p.row, p.g)
      const c = ix.rowA.get(p.row)
      const oldValue = valueBefore(at, scope, c, key)
      const claimBase = {
        ...base,
        subject: entity(origin.subject),
        predicate: ix.predicates.text(origin.predicate) as Predicate,
        claim: change.claim,
        ...(oldValue === undefined ? {} : { oldValue }),
      }
      switch (change._tag) {
        case 'Asserted':
          return {
            ...claimBase,
            change: 'asserted',
            newValue: change.value,
            ...(change.valid === undefined ? {} : { valid: change.valid }),
          }
        case 'Revised': {
          const named = (change.settles ?? []).filter((s) => {
            const other = ix.claims.find(s)
            return other >= 0 && valueBefore(at, scope, other, key) !== undefined
          })
          return {
            ...claimBase,
            change: 'revised',
            kind: change.kind,
            newValue: change.value,
            ...(change.valid === undefined ? {} : { valid: change.valid }),
            ...(named.length === 0 ? {} : { settles: named }),
          }
        }
        case 'Confirmed':
          return {
            ...claimBase,
            change: 'confirmed',
            ...(oldValue === undefined ? {} : { newValue: oldValue }),
          }
        case 'Retracted':
          return { ...claimBase, change: 'retracted' }
        default: {
          const never: never = change
          return never
        }
      }
    }
    default: {
      const never: never = change
      return never
    }
  }
}
