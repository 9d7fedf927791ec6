import type { ClaimId, EntityId, Predicate } from '../../src/domain/ids'
import type { Change } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import { tierOf } from '../../src/domain/release'
import type { Release } from '../../src/domain/release'
import type { AuditEntry, AuditScope } from '../reference/audit'
import type { ReleaseView } from '../reference/ledgerView'
import type { At } from './at'
import { admittedGen } from './admission'
import { originRow } from './claimFold'
import { changeOfRow } from './ingest'
import { releaseViewAt } from './views'

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

const inScope = (scope: AuditScope, entity: EntityId): boolean =>
  scope.subjects === undefined || scope.subjects.has(entity)

const settledOf = (
  settles: ReadonlyArray<ClaimId> | undefined,
  seen: ReadonlyMap<ClaimId, Value>,
): { readonly settles?: ReadonlyArray<ClaimId> } => {
  const named = (settles ?? []).filter((c) => seen.has(c))
  return named.length === 0 ? {} : { settles: named }
}

const entryOf = (
  at: At,
  view: ReleaseView,
  index: number,
  withdrawn: boolean,
  change: Change,
  scope: AuditScope,
  current: ReadonlyMap<ClaimId, Value>,
): AuditEntry | undefined => {
  const ix = at.a.ix
  const base = {
    release: view,
    index,
    tier: tierOf(view.release.kind),
    withdrawn,
    ...provenanceOf(change),
  }
  const structural = scope.predicate === undefined && scope.claim === undefined
  switch (change._tag) {
    case 'Introduced':
    case 'Appeared':
      return structural && inScope(scope, change.entity)
        ? {
            ...base,
            change: change._tag === 'Introduced' ? 'introduced' : 'appeared',
            subject: change.entity,
            name: change.name,
            aliases: change.aliases ?? [],
          }
        : undefined
    case 'Aliased':
      return structural && inScope(scope, change.entity)
        ? { ...base, change: 'aliased', subject: change.entity, name: change.alias }
        : undefined
    case 'Identified':
      if (!structural) return undefined
      if (inScope(scope, change.entity))
        return { ...base, change: 'identified', subject: change.entity, other: change.sameAs }
      if (inScope(scope, change.sameAs))
        return { ...base, change: 'identified', subject: change.sameAs, other: change.entity }
      return undefined
    case 'Asserted':
    case 'Confirmed':
    case 'Revised':
    case 'Retracted': {
      let origin: { readonly subject: EntityId; readonly predicate: Predicate } | undefined
      if (change._tag === 'Asserted')
        origin = { subject: change.subject, predicate: change.predicate }
      else {
        const c = ix.claims.find(change.claim)
        const row = c < 0 ? -1 : originRow(at, c)
        origin =
          row < 0
            ? undefined
            : {
                subject: ix.entities.text(ix.rowB.get(row)) as EntityId,
                predicate: ix.predicates.text(ix.rowC.get(row)) as Predicate,
              }
      }
      if (origin === undefined || !inScope(scope, origin.subject)) return undefined
      if (scope.predicate !== undefined && origin.predicate !== scope.predicate) return undefined
      if (scope.claim !== undefined && change.claim !== scope.claim) return undefined
      const oldValue = current.get(change.claim)
      const claimBase = {
        ...base,
        subject: origin.subject,
        predicate: origin.predicate,
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
        case 'Revised':
          return {
            ...claimBase,
            change: 'revised',
            kind: change.kind,
            newValue: change.value,
            ...(change.valid === undefined ? {} : { valid: change.valid }),
            ...settledOf(change.settles, current),
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

/** The audit at a cut (reference/audit.ts `audit`), read from the index. */
export const auditAt = (at: At, scope: AuditScope): ReadonlyArray<AuditEntry> => {
  const ix = at.a.ix
  const current = new Map<ClaimId, Value>()
  const entries: AuditEntry[] = []
  for (const g of at.a.d.rankOrder) {
    const r = ix.genRelease.get(g)
    if (admittedGen(at.a, r) !== g) continue
    const withdrawn = ix.genWithdrawn.get(g) === 1
    const view = releaseViewAt(at, r, g)
    const first = ix.releaseFirstRow.get(r)
    for (let index = 0; index < ix.releaseRowCount.get(r); index++) {
      const change = changeOfRow(ix, first + index, g)
      const entry = entryOf(at, view, index, withdrawn, change, scope, current)
      if (entry === undefined) continue
      if (!withdrawn && entry.claim !== undefined) {
        if (entry.change === 'retracted') current.delete(entry.claim)
        else if (entry.newValue !== undefined) current.set(entry.claim, entry.newValue)
      }
      if (scope.changes === undefined || scope.changes.has(entry.change)) entries.push(entry)
    }
  }
  return entries
}

export type { Release }
