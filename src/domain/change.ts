import * as t from 'io-ts'
import { ClaimId, EntityId, NonEmptyText, Predicate } from './ids'
import { Value } from './value'
import { InUniverseTime } from './inUniverseTime'

/**
 * What one release does to the facts. A release event carries a list of these, applied in
 * order. Revision kinds are stated by the author, never inferred.
 */
export const RevisionKind = t.keyof({
  revelation: null,
  retcon: null,
  refinement: null,
  expansion: null,
  reattribution: null,
})
export type RevisionKind = t.TypeOf<typeof RevisionKind>

/** In-universe validity: when the fact holds in the story. */
export const Validity = t.readonly(
  t.partial({ from: InUniverseTime, until: InUniverseTime, note: NonEmptyText }),
)
export type Validity = t.TypeOf<typeof Validity>

/** Provenance shared by every change that states something. */
const Provenance = t.partial({
  quote: NonEmptyText,
  note: NonEmptyText,
  /** Set when the sources name only a span ("Picard season 1"), not the exact release. */
  exactReleaseUnknownWithin: NonEmptyText,
})

export const Introduced = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Introduced'), entity: EntityId, name: NonEmptyText }),
    t.partial({ aliases: t.readonlyArray(NonEmptyText), note: NonEmptyText }),
  ]),
)
export type Introduced = t.TypeOf<typeof Introduced>

/**
 * The release shows an entity the ledger already knows, under the name (and aliases) it is
 * shown by there: a viewer who watched this release and not the one that introduced it knows
 * the entity by this name. A prequel showing a character a film introduced is the case.
 */
export const Appeared = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Appeared'), entity: EntityId, name: NonEmptyText }),
    t.partial({ aliases: t.readonlyArray(NonEmptyText), note: NonEmptyText }),
  ]),
)
export type Appeared = t.TypeOf<typeof Appeared>

export const Aliased = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Aliased'), entity: EntityId, alias: NonEmptyText }),
    t.partial({ note: NonEmptyText }),
  ]),
)
export type Aliased = t.TypeOf<typeof Aliased>

export const Asserted = t.readonly(
  t.intersection([
    t.type({
      _tag: t.literal('Asserted'),
      claim: ClaimId,
      subject: EntityId,
      predicate: Predicate,
      value: Value,
    }),
    t.partial({ valid: Validity }),
    Provenance,
  ]),
)
export type Asserted = t.TypeOf<typeof Asserted>

export const Confirmed = t.readonly(
  t.intersection([t.type({ _tag: t.literal('Confirmed'), claim: ClaimId }), Provenance]),
)
export type Confirmed = t.TypeOf<typeof Confirmed>

export const Revised = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Revised'), claim: ClaimId, kind: RevisionKind, value: Value }),
    t.partial({ valid: Validity, settles: t.readonlyArray(ClaimId) }),
    Provenance,
  ]),
)
export type Revised = t.TypeOf<typeof Revised>

export const Retracted = t.readonly(
  t.intersection([t.type({ _tag: t.literal('Retracted'), claim: ClaimId }), Provenance]),
)
export type Retracted = t.TypeOf<typeof Retracted>

/** `sameAs` is one entity with `entity` from this release on; `entity` keeps its id. */
export const Identified = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Identified'), entity: EntityId, sameAs: EntityId }),
    Provenance,
  ]),
)
export type Identified = t.TypeOf<typeof Identified>

export const Change = t.union([
  Introduced,
  Appeared,
  Aliased,
  Asserted,
  Confirmed,
  Revised,
  Retracted,
  Identified,
])
export type Change = t.TypeOf<typeof Change>

export type ChangeTag = Change['_tag']

/** The claim a change acts on, if any. */
export const claimOfChange = (change: Change): ClaimId | undefined => {
  switch (change._tag) {
    case 'Asserted':
    case 'Confirmed':
    case 'Revised':
    case 'Retracted':
      return change.claim
    case 'Introduced':
    case 'Appeared':
    case 'Aliased':
    case 'Identified':
      return undefined
    default: {
      const never: never = change
      return never
    }
  }
}

/** The changes that act on a claim. */
export type ClaimChange = Asserted | Confirmed | Revised | Retracted
