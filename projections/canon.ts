import type { ClaimId, EntityId, Predicate, ReleaseId } from '../src/domain/ids'
import type { Change, ClaimChange, Revised, RevisionKind, Validity } from '../src/domain/change'
import type { Value } from '../src/domain/value'
import type { SourceTier } from '../src/domain/release'
import { tierOf } from '../src/domain/release'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import type { ReleaseView } from './ledgerView'

/** One step in a claim's provenance: which release did what to it. */
export interface ProvenanceStep {
  readonly release: ReleaseId
  readonly change: 'Asserted' | 'Confirmed' | 'Revised' | 'Retracted'
  readonly kind?: RevisionKind
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
}

export interface ClaimState {
  readonly id: ClaimId
  readonly subject: EntityId
  readonly predicate: Predicate
  readonly value: Value
  readonly valid?: Validity
  /** The tier of the release that gave the current value. */
  readonly tier: SourceTier
  readonly status: 'live' | 'retracted' | 'settled'
  readonly settledBy?: ClaimId
  readonly provenance: ReadonlyArray<ProvenanceStep>
}

export interface EntityState {
  readonly id: EntityId
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly introducedBy: ReleaseId
}

/** Canon at a cut under a policy: everything a viewer there could know, and nothing more. */
export interface CanonState {
  readonly releases: ReadonlyArray<ReleaseView>
  readonly entities: ReadonlyMap<EntityId, EntityState>
  /** Identified entities: `sameAs` -> the entity it is one with. */
  readonly identifiedWith: ReadonlyMap<EntityId, EntityId>
  readonly claims: ReadonlyMap<ClaimId, ClaimState>
}

const stepOf = (release: ReleaseId, change: ClaimChange): ProvenanceStep => ({
  release,
  change: change._tag,
  ...(change._tag === 'Revised' ? { kind: change.kind } : {}),
  ...(change.quote === undefined ? {} : { quote: change.quote }),
  ...(change.note === undefined ? {} : { note: change.note }),
  ...(change.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: change.exactReleaseUnknownWithin }),
})

/** Mutable builder for one fold; the fold's result is exposed read-only. */
interface Builder {
  readonly entities: Map<EntityId, EntityState>
  readonly identifiedWith: Map<EntityId, EntityId>
  readonly claims: Map<ClaimId, ClaimState>
}

/** Applies one change of one admitted release. */
export const applyChange = (b: Builder, release: ReleaseView, change: Change): void => {
  const id = release.release.id
  const tier = tierOf(release.release.kind)
  switch (change._tag) {
    case 'Introduced':
      b.entities.set(change.entity, {
        id: change.entity,
        name: change.name,
        aliases: change.aliases ?? [],
        introducedBy: id,
      })
      return
    case 'Aliased': {
      const entity = b.entities.get(change.entity)
      if (entity !== undefined && !entity.aliases.includes(change.alias))
        b.entities.set(change.entity, { ...entity, aliases: [...entity.aliases, change.alias] })
      return
    }
    case 'Identified':
      if (b.entities.has(change.entity) && b.entities.has(change.sameAs))
        b.identifiedWith.set(change.sameAs, change.entity)
      return
    case 'Asserted':
      b.claims.set(change.claim, {
        id: change.claim,
        subject: change.subject,
        predicate: change.predicate,
        value: change.value,
        ...(change.valid === undefined ? {} : { valid: change.valid }),
        tier,
        status: 'live',
        provenance: [stepOf(id, change)],
      })
      return
    case 'Confirmed': {
      const claim = b.claims.get(change.claim)
      if (claim !== undefined)
        b.claims.set(change.claim, {
          ...claim,
          provenance: claim.provenance.concat([stepOf(id, change)]),
        })
      return
    }
    case 'Revised': {
      const claim = b.claims.get(change.claim)
      // Under a narrower policy the asserting release may not be admitted: the revision is
      // then where this viewer first learns the fact.
      if (claim !== undefined)
        b.claims.set(change.claim, {
          ...claim,
          value: change.value,
          ...(change.valid === undefined ? {} : { valid: change.valid }),
          tier,
          status: 'live',
          provenance: claim.provenance.concat([stepOf(id, change)]),
        })
      for (const settled of change.settles ?? []) {
        const other = b.claims.get(settled)
        if (other !== undefined && other.status === 'live')
          b.claims.set(settled, { ...other, status: 'settled', settledBy: change.claim })
      }
      return
    }
    case 'Retracted': {
      const claim = b.claims.get(change.claim)
      if (claim !== undefined)
        b.claims.set(change.claim, {
          ...claim,
          status: 'retracted',
          provenance: claim.provenance.concat([stepOf(id, change)]),
        })
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

/** A revision whose claim this fold has not seen (its asserting source is not admitted) asserts it here. */
export const assertUnseen = (change: Change, lookup: ClaimOrigins): Change => {
  if (change._tag !== 'Revised') return change
  const origin = lookup.get(change.claim)
  return origin === undefined
    ? change
    : {
        _tag: 'Asserted',
        claim: change.claim,
        subject: origin.subject,
        predicate: origin.predicate,
        value: change.value,
        ...(change.valid === undefined ? {} : { valid: change.valid }),
        ...(change.quote === undefined ? {} : { quote: change.quote }),
        ...(change.note === undefined ? {} : { note: change.note }),
      }
}

/** Where each claim was first asserted, across every release of the view (all tiers). */
type ClaimOrigins = ReadonlyMap<
  ClaimId,
  { readonly subject: EntityId; readonly predicate: Predicate }
>

export const claimOrigins = (releases: ReadonlyArray<ReleaseView>): ClaimOrigins => {
  const origins = new Map<ClaimId, { readonly subject: EntityId; readonly predicate: Predicate }>()
  for (const r of releases)
    for (const c of r.changes)
      if (c._tag === 'Asserted')
        origins.set(c.claim, { subject: c.subject, predicate: c.predicate })
  return origins
}

export const emptyBuilder = (): Builder => ({
  entities: new Map(),
  identifiedWith: new Map(),
  claims: new Map(),
})

/** Applies one admitted release (under the policy) to a builder. */
export const applyRelease = (
  b: Builder,
  release: ReleaseView,
  policy: CanonPolicy,
  origins: ClaimOrigins,
): void => {
  if (!policy.admits.has(tierOf(release.release.kind))) return
  for (const change of release.changes) {
    const effective =
      change._tag === 'Revised' && !b.claims.has(change.claim)
        ? assertUnseen(change, origins)
        : change
    applyChange(b, release, effective)
    // A revision's settlement holds even where this viewer first learns the revised claim.
    if (effective !== change && change._tag === 'Revised') settle(b, change)
  }
}

const settle = (b: Builder, change: Revised): void => {
  for (const settled of change.settles ?? []) {
    const other = b.claims.get(settled)
    if (other !== undefined && other.status === 'live')
      b.claims.set(settled, { ...other, status: 'settled', settledBy: change.claim })
  }
}

/**
 * THE fold: canon after `admitted` (releases in release order, already cut), under a policy.
 * Every faster path must give the same answer as this.
 */
export const foldCanon = (
  admitted: ReadonlyArray<ReleaseView>,
  policy: CanonPolicy,
  origins: ClaimOrigins,
  /** Told how many releases are applied so far, after each (a long fold's progress). */
  onApplied?: (done: number) => void,
): CanonState => {
  const b = emptyBuilder()
  admitted.forEach((release, i) => {
    applyRelease(b, release, policy, origins)
    onApplied?.(i + 1)
  })
  return { releases: admitted.filter((r) => policy.admits.has(tierOf(r.release.kind))), ...b }
}
