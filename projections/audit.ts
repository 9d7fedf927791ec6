import type { ClaimId, CorrectionId, EntityId, Predicate, ReleaseId } from '../src/domain/ids'
import type { Change, RevisionKind, Validity } from '../src/domain/change'
import { claimOfChange } from '../src/domain/change'
import type { Value } from '../src/domain/value'
import type { SourceTier } from '../src/domain/release'
import { tierOf } from '../src/domain/release'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import type { EntryContent } from '../src/domain/applyCorrection'
import { applyCorrection } from '../src/domain/applyCorrection'
import type { LedgerView, RecordedCorrection, ReleaseView } from './ledgerView'
import { claimOrigins } from './canon'

/** What one change did, in the audit's words. */
export type AuditChangeKind =
  'introduced' | 'aliased' | 'identified' | 'asserted' | 'confirmed' | 'revised' | 'retracted'

export interface AuditEntry {
  readonly release: ReleaseView
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

export interface Audit {
  readonly entries: ReadonlyArray<AuditEntry>
  readonly corrections: ReadonlyArray<AuditCorrection>
}

export interface AuditScope {
  /** The entity and every entity identified with it. */
  readonly subjects: ReadonlySet<EntityId>
  /** One fact only: claim changes of this predicate, no introductions or aliases. */
  readonly predicate?: Predicate
}

const provenanceOf = (change: Change) =>
  change._tag === 'Introduced' || change._tag === 'Aliased'
    ? { ...(change.note === undefined ? {} : { note: change.note }) }
    : {
        ...(change.quote === undefined ? {} : { quote: change.quote }),
        ...(change.note === undefined ? {} : { note: change.note }),
        ...(change.exactReleaseUnknownWithin === undefined
          ? {}
          : { exactReleaseUnknownWithin: change.exactReleaseUnknownWithin }),
      }

/** Replays an entry's corrections in ledger order, recording each field's value before and after. */
const correctionsOf = (r: ReleaseView, claims: ReadonlySet<ClaimId>): AuditCorrection[] => {
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
 * The audit of an entity or of one of its facts: every change, in release order, with the
 * value before and after it, its release and its place on the ledger axis; and every
 * editorial correction that touched those entries. Withdrawn entries are listed, marked, and
 * never applied. Only the tiers the policy admits are read.
 */
export const audit = (view: LedgerView, policy: CanonPolicy, scope: AuditScope): Audit => {
  const releases = [...view.releases.map((r) => ({ r, withdrawn: false }))]
    .concat(view.withdrawn.map((r) => ({ r, withdrawn: true })))
    .filter(({ r }) => policy.admits.has(tierOf(r.release.kind)))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : 0))
  const origins = claimOrigins([...view.releases, ...view.withdrawn])
  const current = new Map<ClaimId, Value>()
  const entries: AuditEntry[] = []
  const touchedClaims = new Set<ClaimId>()
  const touchedReleases: ReleaseView[] = []
  for (const { r, withdrawn } of releases) {
    const before = entries.length
    for (const change of r.changes) {
      const entry = entryOf(r, withdrawn, change, scope, origins, current)
      if (entry === undefined) continue
      entries.push(entry)
      if (entry.claim !== undefined) touchedClaims.add(entry.claim)
      if (withdrawn || entry.claim === undefined) continue
      if (entry.change === 'retracted') current.delete(entry.claim)
      else if (entry.newValue !== undefined) current.set(entry.claim, entry.newValue)
    }
    if (entries.length > before) touchedReleases.push(r)
  }
  const corrections = touchedReleases
    .flatMap((r) => correctionsOf(r, touchedClaims))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
  return { entries, corrections }
}

const entryOf = (
  r: ReleaseView,
  withdrawn: boolean,
  change: Change,
  scope: AuditScope,
  origins: ReturnType<typeof claimOrigins>,
  current: ReadonlyMap<ClaimId, Value>,
): AuditEntry | undefined => {
  const base = { release: r, tier: tierOf(r.release.kind), withdrawn, ...provenanceOf(change) }
  const structural = scope.predicate === undefined
  switch (change._tag) {
    case 'Introduced':
      return structural && scope.subjects.has(change.entity)
        ? {
            ...base,
            change: 'introduced',
            subject: change.entity,
            name: change.name,
            aliases: change.aliases ?? [],
          }
        : undefined
    case 'Aliased':
      return structural && scope.subjects.has(change.entity)
        ? { ...base, change: 'aliased', subject: change.entity, name: change.alias }
        : undefined
    case 'Identified':
      if (!structural) return undefined
      if (scope.subjects.has(change.entity))
        return { ...base, change: 'identified', subject: change.entity, other: change.sameAs }
      if (scope.subjects.has(change.sameAs))
        return { ...base, change: 'identified', subject: change.sameAs, other: change.entity }
      return undefined
    case 'Asserted':
    case 'Confirmed':
    case 'Revised':
    case 'Retracted': {
      const origin =
        change._tag === 'Asserted'
          ? { subject: change.subject, predicate: change.predicate }
          : origins.get(change.claim)
      if (origin === undefined || !scope.subjects.has(origin.subject)) return undefined
      if (scope.predicate !== undefined && origin.predicate !== scope.predicate) return undefined
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
            ...(change.settles === undefined ? {} : { settles: change.settles }),
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
