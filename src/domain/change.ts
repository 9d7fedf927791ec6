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

/** `said`: what the speakers told someone; `believed`: what they held to be true. */
export const AccountKind = t.keyof({ said: null, believed: null })
export type AccountKind = t.TypeOf<typeof AccountKind>

/**
 * An attribution: the statement is an in-universe account, what these characters said or
 * believed, not what the story shows to be true (Obi-Wan telling Luke that Vader killed his
 * father). The speakers are entities of the ledger, named at a cut as the cut knows them.
 */
export const Account = t.readonly(
  t.type({
    by: t.refinement(t.readonlyArray(EntityId), (a) => a.length > 0, 'OneOrMoreEntities'),
    as: AccountKind,
  }),
)
export type Account = t.TypeOf<typeof Account>

/** The attribution a stating change may carry. */
const Attributed = t.partial({ account: Account })

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
    Attributed,
  ]),
)
export type Asserted = t.TypeOf<typeof Asserted>

export const Confirmed = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Confirmed'), claim: ClaimId }),
    Provenance,
    Attributed,
  ]),
)
export type Confirmed = t.TypeOf<typeof Confirmed>

export const Revised = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Revised'), claim: ClaimId, kind: RevisionKind, value: Value }),
    t.partial({ valid: Validity, settles: t.readonlyArray(ClaimId) }),
    Provenance,
    Attributed,
  ]),
)
export type Revised = t.TypeOf<typeof Revised>

/**
 * A change INSIDE the story, not of what viewers know: from in-universe time `from` (or, when
 * absent, from this release's events; `when` says it in words) the fact takes `value` instead
 * (a return, a ban lifted, an estimate corrected by later reports), or, with no value, no
 * longer holds (a death, a membership ended). The earlier value stays true for the story's
 * earlier times: nothing known is revised.
 */
export const StoryChanged = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('StoryChanged'), claim: ClaimId }),
    t.partial({ value: Value, from: InUniverseTime, when: NonEmptyText }),
    Provenance,
    Attributed,
  ]),
)
export type StoryChanged = t.TypeOf<typeof StoryChanged>

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
  StoryChanged,
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
    case 'StoryChanged':
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
export type ClaimChange = Asserted | Confirmed | Revised | StoryChanged | Retracted

/** The speakers of a change's account, if it carries one. */
export const speakersOf = (change: Change): ReadonlyArray<EntityId> =>
  'account' in change && change.account !== undefined ? change.account.by : []
