import type { ClaimId, CorrectionId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type { Account, Change, RevisionKind, Validity } from '../../src/domain/change'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { claimOfChange } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import type { SourceTier } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
import type { EntryContent } from '../../src/domain/applyCorrection'
import { applyCorrection } from '../../src/domain/applyCorrection'
import { byReleaseKey } from '../../src/domain/release'
import type { AuditChangeKind } from '../port/answers'
import type { RecordedCorrection, ReleaseView } from './ledgerView'
import type { ClaimOrigins } from './canon'
import { provenanceFields } from './canon'
import type { Admitted } from './admission'

export interface AuditEntry {
  readonly release: ReleaseView
  /** The change's place among its release's changes: with the release, its place in the audit. */
  readonly index: number
  readonly tier: SourceTier
  readonly change: AuditChangeKind
  readonly kind?: RevisionKind
  readonly subject: EntityId
  readonly predicate?: Predicate
  readonly claim?: ClaimId
  /** Claim changes: the claim's value before and after this change (as corrected at the cut). */
  readonly oldValue?: Value
  readonly newValue?: Value
  readonly valid?: Validity
  /** Introductions and aliases: the name or alias given; identifications: the other entity. */
  readonly name?: string
  readonly aliases?: ReadonlyArray<string>
  readonly other?: EntityId
  readonly settles?: ReadonlyArray<ClaimId>
  /** A change in the story: whether the fact ends (else it takes `newValue`), from when. */
  readonly story?: {
    readonly ends: boolean
    readonly from?: InUniverseTime
    readonly when?: string
  }
  /** The change states a character's account, not what the story shows. */
  readonly account?: Account
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  /** Its release was withdrawn by a correction: shown, never applied. */
  readonly withdrawn: boolean
}

export interface FieldFix {
  readonly field: string
  readonly before: unknown
  readonly after: unknown
}

export interface AuditCorrection {
  readonly id: CorrectionId
  readonly release: ReleaseId
  readonly claim?: ClaimId
  readonly what: 'release-fixed' | 'release-withdrawn' | 'change-fixed'
  readonly position: bigint
  readonly recordedAt: string
  readonly reason: string
  readonly fields: ReadonlyArray<FieldFix>
}

export interface AuditScope {
  /** The entity and every entity identified with it; every entity when absent. */
  readonly subjects?: ReadonlySet<EntityId>
  /** One fact only: claim changes of this predicate, no introductions or aliases. */
  readonly predicate?: Predicate
  /** One claim only. */
  readonly claim?: ClaimId
  /** Only these kinds of change; every kind when absent. */
  readonly changes?: ReadonlySet<AuditChangeKind>
}

/** Replays an entry's corrections in ledger order, recording each field's value before and after. */
const correctionsOf = (r: ReleaseView, claims: ReadonlySet<ClaimId>): AuditCorrection[] => {
  // An entry never corrected has nothing to replay (and its recorded content is not read).
  if (r.corrections.length === 0) return []
  let content: EntryContent = {
    release: r.recorded.release,
    changes: r.recorded.changes,
    withdrawn: false,
  }
  const out: AuditCorrection[] = []
  for (const c of r.corrections) {
    const after = applyCorrection(content, c.correction)
    const fixed = describeFix(c, content, after, claims)
    if (fixed !== undefined) out.push(fixed)
    content = after
  }
  return out
}

const describeFix = (
  c: RecordedCorrection,
  before: EntryContent,
  after: EntryContent,
  claims: ReadonlySet<ClaimId>,
): AuditCorrection | undefined => {
  const target = c.correction.target
  const base = {
    id: c.correction.id,
    release: target.release,
    position: c.position,
    recordedAt: c.recordedAt,
    reason: c.correction.reason,
  }
  switch (target._tag) {
    case 'ReleaseEntryFixed':
      return {
        ...base,
        what: 'release-fixed',
        fields: Object.keys(target.set).map((field) => ({
          field,
          before: (before.release as Record<string, unknown>)[field],
          after: (after.release as Record<string, unknown>)[field],
        })),
      }
    case 'ReleaseEntryWithdrawn':
      return {
        ...base,
        what: 'release-withdrawn',
        fields: [{ field: 'withdrawn', before: before.withdrawn, after: after.withdrawn }],
      }
    case 'ChangeEntryFixed': {
      if (!claims.has(target.claim)) return undefined
      const was = before.changes.find((ch) => claimOfChange(ch) === target.claim)
      const is = after.changes.find((ch) => claimOfChange(ch) === target.claim)
      return {
        ...base,
        claim: target.claim,
        what: 'change-fixed',
        fields: Object.keys(target.set).map((field) => ({
          field,
          before: (was as Record<string, unknown> | undefined)?.[field],
          after: (is as Record<string, unknown> | undefined)?.[field],
        })),
      }
    }
    default: {
      const never: never = target
      return never
    }
  }
}

/**
 * The audit at a cut: every change of the releases the cut admits, in release order, with the
 * value before and after it, its release and its place on the ledger axis; and every editorial
 * correction of those entries. Withdrawn entries the cut would admit are listed, marked, and
 * never applied. The scope picks the entity (with everything identified with it), the fact,
 * the claim, and the kinds of change; values are followed through every change regardless.
 */
export const audit = (
  admitted: Admitted,
  origins: ClaimOrigins,
  scope: AuditScope,
): ReadonlyArray<AuditEntry> => {
  const releases = [
    ...admitted.releases.map((r) => ({ r, withdrawn: false })),
    ...admitted.withdrawn.map((r) => ({ r, withdrawn: true })),
  ].sort((a, b) => byReleaseKey(a.r, b.r))
  const current = new Map<ClaimId, Value>()
  // Claims the cut has given a value, whatever the scope: what a settlement may name.
  const known = new Set<ClaimId>()
  const entries: AuditEntry[] = []
  for (const { r, withdrawn } of releases)
    r.changes.forEach((change, index) => {
      const entry = entryOf(r, index, withdrawn, change, scope, origins, current, known)
      if (
        !withdrawn &&
        (change._tag === 'Asserted' || (change._tag === 'Revised' && origins.has(change.claim)))
      )
        known.add(change.claim)
      if (entry === undefined) return
      if (!withdrawn && entry.claim !== undefined) {
        if (entry.change === 'retracted') current.delete(entry.claim)
        else if (entry.newValue !== undefined) current.set(entry.claim, entry.newValue)
      }
      if (scope.changes === undefined || scope.changes.has(entry.change)) entries.push(entry)
    })
  return entries
}

/** The editorial corrections of the entries given (their releases, their claims), in ledger order. */
export const correctionsOfEntries = (
  entries: ReadonlyArray<AuditEntry>,
): ReadonlyArray<AuditCorrection> => {
  const claims = new Set(entries.flatMap((e) => (e.claim === undefined ? [] : [e.claim])))
  const releases = [...new Map(entries.map((e) => [e.release.release.id, e.release])).values()]
  return releases
    .flatMap((r) => correctionsOf(r, claims))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
}

/**
 * The claims a revision settles that the cut has given a value before it: a claim asserted
 * only by a release the cut leaves out is not named (spoiler safety).
 */
const settledOf = (
  settles: ReadonlyArray<ClaimId> | undefined,
  seen: ReadonlySet<ClaimId>,
): { readonly settles?: ReadonlyArray<ClaimId> } => {
  const named = (settles ?? []).filter((c) => seen.has(c))
  return named.length === 0 ? {} : { settles: named }
}

const inScope = (scope: AuditScope, entity: EntityId): boolean =>
  scope.subjects === undefined || scope.subjects.has(entity)

/**
 * One change of an admitted release as the audit of a scope lists it, or undefined when it is
 * not the scope's: `current` holds the values the scope's entries gave the claims before it,
 * `known` the claims the cut gave a value before it (what a settlement may name).
 */
export const entryOf = (
  r: ReleaseView,
  index: number,
  withdrawn: boolean,
  change: Change,
  scope: AuditScope,
  origins: ClaimOrigins,
  current: ReadonlyMap<ClaimId, Value>,
  known: ReadonlySet<ClaimId>,
): AuditEntry | undefined => {
  const base = {
    release: r,
    index,
    tier: tierOf(r.release.kind),
    withdrawn,
    ...provenanceFields(change),
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
    case 'StoryChanged':
    case 'Retracted': {
      const origin =
        change._tag === 'Asserted'
          ? { subject: change.subject, predicate: change.predicate }
          : origins.get(change.claim)
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
            ...settledOf(change.settles, known),
          }
        case 'StoryChanged':
          return {
            ...claimBase,
            change: 'changed-in-story',
            ...(change.value === undefined ? {} : { newValue: change.value }),
            story: {
              ends: change.value === undefined,
              ...(change.from === undefined ? {} : { from: change.from }),
              ...(change.when === undefined ? {} : { when: change.when }),
            },
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
