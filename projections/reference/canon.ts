import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type { Change, ClaimChange, Revised, RevisionKind, Validity } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import type { SourceTier } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
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
  /** The first admitted release that showed it: its introduction, or an appearance. */
  readonly introducedBy: ReleaseId
}

/** Canon after a set of admitted releases: everything a viewer there could know, nothing more. */
export interface CanonState {
  readonly entities: ReadonlyMap<EntityId, EntityState>
  /** Identified entities: `sameAs` -> the entity it is one with. */
  readonly identifiedWith: ReadonlyMap<EntityId, EntityId>
  readonly claims: ReadonlyMap<ClaimId, ClaimState>
}

/** Where each claim was asserted (its subject and predicate), across every release read. */
export type ClaimOrigins = ReadonlyMap<
  ClaimId,
  { readonly subject: EntityId; readonly predicate: Predicate }
>

export const claimOrigins = (releases: ReadonlyArray<ReleaseView>): ClaimOrigins =>
  new Map(
    releases.flatMap((r) =>
      r.changes.flatMap((c) =>
        c._tag === 'Asserted'
          ? [[c.claim, { subject: c.subject, predicate: c.predicate }] as const]
          : [],
      ),
    ),
  )

/** A provenance step; a revision first seen here (`as` Asserted) is where the claim starts. */
const stepOf = (
  release: ReleaseId,
  change: ClaimChange,
  as: ProvenanceStep['change'] = change._tag,
): ProvenanceStep => ({
  release,
  change: as,
  ...(change._tag === 'Revised' && as === 'Revised' ? { kind: change.kind } : {}),
  ...(change.quote === undefined ? {} : { quote: change.quote }),
  ...(change.note === undefined ? {} : { note: change.note }),
  ...(change.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: change.exactReleaseUnknownWithin }),
})

/**
 * A fold's accumulator. It is local to one fold (`foldCanon` and the diff's walk make one and
 * hand it out only as the read-only `CanonState`): applying a change updates it in place, so a
 * fold is linear in the changes.
 */
export interface Canon {
  readonly entities: Map<EntityId, EntityState>
  readonly identifiedWith: Map<EntityId, EntityId>
  readonly claims: Map<ClaimId, ClaimState>
}

/** A name shown for an entity already known here: kept as an alias. */
const withNames = (entity: EntityState, names: ReadonlyArray<string>): EntityState => {
  const added = names.filter((n) => n !== entity.name && !entity.aliases.includes(n))
  return added.length === 0 ? entity : { ...entity, aliases: [...entity.aliases, ...added] }
}

const showEntity = (
  canon: Canon,
  id: EntityId,
  name: string,
  aliases: ReadonlyArray<string>,
  release: ReleaseId,
): void => {
  const known = canon.entities.get(id)
  canon.entities.set(
    id,
    known === undefined
      ? {
          id,
          name,
          aliases: [...new Set(aliases)].filter((a) => a !== name),
          introducedBy: release,
        }
      : withNames(known, [name, ...aliases]),
  )
}

const settle = (canon: Canon, change: Revised): void => {
  for (const settled of change.settles ?? []) {
    const other = canon.claims.get(settled)
    if (other !== undefined && other.status === 'live')
      canon.claims.set(settled, { ...other, status: 'settled', settledBy: change.claim })
  }
}

/**
 * One change of one admitted release. A revision of a claim this fold has not seen (its
 * asserting release is not admitted: a narrower policy, a watched set that skips it) is where
 * this viewer first learns the fact: it asserts it, with the subject and predicate it was
 * asserted with.
 */
export const applyChange = (
  canon: Canon,
  release: ReleaseView,
  change: Change,
  origins: ClaimOrigins,
): void => {
  const id = release.release.id
  const tier = tierOf(release.release.kind)
  switch (change._tag) {
    case 'Introduced':
    case 'Appeared':
      return showEntity(canon, change.entity, change.name, change.aliases ?? [], id)
    case 'Aliased': {
      const entity = canon.entities.get(change.entity)
      if (entity !== undefined) canon.entities.set(change.entity, withNames(entity, [change.alias]))
      return
    }
    case 'Identified':
      if (canon.entities.has(change.entity) && canon.entities.has(change.sameAs))
        canon.identifiedWith.set(change.sameAs, change.entity)
      return
    case 'Asserted':
      canon.claims.set(change.claim, {
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
      const claim = canon.claims.get(change.claim)
      if (claim !== undefined)
        canon.claims.set(change.claim, {
          ...claim,
          provenance: [...claim.provenance, stepOf(id, change)],
        })
      return
    }
    case 'Revised': {
      const claim = canon.claims.get(change.claim)
      const origin = origins.get(change.claim)
      const base = claim ?? (origin === undefined ? undefined : { id: change.claim, ...origin })
      if (base !== undefined)
        canon.claims.set(change.claim, {
          id: base.id,
          subject: base.subject,
          predicate: base.predicate,
          value: change.value,
          ...(change.valid === undefined
            ? claim?.valid === undefined
              ? {}
              : { valid: claim.valid }
            : { valid: change.valid }),
          tier,
          status: 'live',
          provenance:
            claim === undefined
              ? [stepOf(id, change, 'Asserted')]
              : [...claim.provenance, stepOf(id, change)],
        })
      settle(canon, change)
      return
    }
    case 'Retracted': {
      const claim = canon.claims.get(change.claim)
      if (claim !== undefined)
        canon.claims.set(change.claim, {
          ...claim,
          status: 'retracted',
          provenance: [...claim.provenance, stepOf(id, change)],
        })
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

/**
 * THE fold: canon after the admitted releases (already cut and filtered by the policy, in
 * release order), their changes applied one by one. Claim origins come from every release
 * read, so a revision of an unadmitted assertion still knows what it revises.
 */
export const emptyCanon = (): Canon => ({
  entities: new Map(),
  identifiedWith: new Map(),
  claims: new Map(),
})

export const foldCanon = (
  admitted: ReadonlyArray<ReleaseView>,
  origins: ClaimOrigins,
): CanonState => {
  const canon = emptyCanon()
  for (const release of admitted)
    for (const change of release.changes) applyChange(canon, release, change, origins)
  return canon
}
