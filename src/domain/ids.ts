import * as t from 'io-ts'

/**
 * Identifiers are branded strings: a `ReleaseId` cannot be passed where an `EntityId` is
 * expected. Each is defined once as a codec; its static type is derived from it.
 */
const slug = /^[a-z0-9][a-z0-9._-]*$/

interface UniverseIdBrand {
  readonly UniverseId: unique symbol
}
export const UniverseId = t.brand(
  t.string,
  (s): s is t.Branded<string, UniverseIdBrand> => slug.test(s) && s.length <= 64,
  'UniverseId',
)
export type UniverseId = t.TypeOf<typeof UniverseId>

/** `kind/slug`, e.g. `event/mars-attack`, `person/commodore-oh`. */
interface EntityIdBrand {
  readonly EntityId: unique symbol
}
export const EntityId = t.brand(
  t.string,
  (s): s is t.Branded<string, EntityIdBrand> =>
    /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9.-]*$/.test(s) && s.length <= 128,
  'EntityId',
)
export type EntityId = t.TypeOf<typeof EntityId>

interface ReleaseIdBrand {
  readonly ReleaseId: unique symbol
}
export const ReleaseId = t.brand(
  t.string,
  (s): s is t.Branded<string, ReleaseIdBrand> => slug.test(s) && s.length <= 128,
  'ReleaseId',
)
export type ReleaseId = t.TypeOf<typeof ReleaseId>

/** A claim's stable id: revisions, confirmations and retractions point at it. */
interface ClaimIdBrand {
  readonly ClaimId: unique symbol
}
export const ClaimId = t.brand(
  t.string,
  (s): s is t.Branded<string, ClaimIdBrand> => /^[a-z0-9][a-z0-9._/-]*$/.test(s) && s.length <= 160,
  'ClaimId',
)
export type ClaimId = t.TypeOf<typeof ClaimId>

interface CorrectionIdBrand {
  readonly CorrectionId: unique symbol
}
export const CorrectionId = t.brand(
  t.string,
  (s): s is t.Branded<string, CorrectionIdBrand> => slug.test(s) && s.length <= 128,
  'CorrectionId',
)
export type CorrectionId = t.TypeOf<typeof CorrectionId>

/** A predicate names one functional fact of an entity: `casualties`, `perpetrator`. */
interface PredicateBrand {
  readonly Predicate: unique symbol
}
export const Predicate = t.brand(
  t.string,
  (s): s is t.Branded<string, PredicateBrand> => /^[a-z][a-z0-9-]*$/.test(s) && s.length <= 64,
  'Predicate',
)
export type Predicate = t.TypeOf<typeof Predicate>

interface NonEmptyTextBrand {
  readonly NonEmptyText: unique symbol
}
/** Trimmed, non-empty human text of bounded length. */
export const NonEmptyText = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyTextBrand> =>
    s.trim().length > 0 && s.trim() === s && s.length <= 4000,
  'NonEmptyText',
)
export type NonEmptyText = t.TypeOf<typeof NonEmptyText>

/** Unsafe constructors for literals in code and tests, where the literal is known valid. */
export const entityId = (s: string): EntityId => s as EntityId
export const releaseId = (s: string): ReleaseId => s as ReleaseId
export const claimId = (s: string): ClaimId => s as ClaimId
export const predicate = (s: string): Predicate => s as Predicate
export const universeId = (s: string): UniverseId => s as UniverseId
export const correctionId = (s: string): CorrectionId => s as CorrectionId
export const text = (s: string): NonEmptyText => s as NonEmptyText
