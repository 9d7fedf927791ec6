import type { Change } from '../src/domain/change'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import type { SourceTier } from '../src/domain/release'
import type { ClaimState, EntityState } from './canon'
import type { ReleaseView } from './ledgerView'

/**
 * The temporal index's records. Ledger positions are held as numbers (a stream revision stays
 * far below 2^53), so the per-record generation arrays are compact and compare fast; the
 * public boundary speaks bigint.
 *
 * Two axes:
 * - the LEDGER axis: every record keeps generations, each valid from the ledger position that
 *   produced it until the next one (`from` ascending). A query at ledger position L reads the
 *   last generation with `from <= L`.
 * - the RELEASE axis: inside a generation, versions are sorted by release sort key; a prefix cut
 *   (a release, a date, the latest) reads the last version with `key <= cut`.
 */

/** One release's content from a ledger position on (corrected as the ledger stood there). */
export interface ReleaseGen {
  readonly from: number
  readonly view: ReleaseView
  readonly withdrawn: boolean
}

export interface ReleaseRecord {
  readonly id: ReleaseId
  readonly gens: ReleaseGen[]
}

/**
 * One change of one release, frozen as a generation saw it. `ord` orders steps exactly as the
 * canon fold applies them: release key, then the change's index in its release.
 */
export interface Step {
  readonly ord: string
  readonly key: string
  readonly tier: SourceTier
  readonly series: string
  readonly view: ReleaseView
  readonly change: Change
}

/** A Revised change of `settler` that lists this claim in `settles`. */
export interface SettleStep extends Step {
  readonly settler: ClaimRecord
}

/** A claim's state after every admitted change with `key <= cut`. */
export interface ClaimVersion {
  readonly key: string
  readonly state: ClaimState | undefined
  /** Where the fold first put the claim in its map (its place among an entity's facts). */
  readonly first: string
}

export interface ClaimGen {
  readonly from: number
  readonly steps: ReadonlyArray<Step>
  readonly settles: ReadonlyArray<SettleStep>
  readonly onScreen: ReadonlyArray<ClaimVersion>
  readonly all: ReadonlyArray<ClaimVersion>
}

/** A reference to a change that stays valid across corrections (they keep change indexes). */
export interface ChangeRef {
  readonly release: ReleaseRecord
  readonly index: number
}

export interface ClaimRecord {
  readonly id: ClaimId
  readonly refs: ChangeRef[]
  /** Revisions of other claims that settle this one. */
  readonly settleRefs: Array<ChangeRef & { readonly settler: ClaimRecord }>
  readonly gens: ClaimGen[]
}

export interface EntityVersion {
  readonly key: string
  readonly state: EntityState | undefined
}

export interface EntityGen {
  readonly from: number
  /** Introduced and Aliased steps of this entity. */
  readonly steps: ReadonlyArray<Step>
  /** Identified steps naming this entity on either side. */
  readonly edges: ReadonlyArray<Step>
  readonly onScreen: ReadonlyArray<EntityVersion>
  readonly all: ReadonlyArray<EntityVersion>
}

export interface EntityRecord {
  readonly id: EntityId
  readonly refs: ChangeRef[]
  /** Every claim ever asserted about this entity, in the order the ledger first saw them. */
  readonly claims: ClaimRecord[]
  readonly claimSet: Set<ClaimRecord>
  readonly gens: EntityGen[]
}

/** The index: mutable records, advanced one recorded event at a time by `applyRecorded`. */
export interface TemporalIndex {
  readonly releases: Map<ReleaseId, ReleaseRecord>
  readonly claims: Map<ClaimId, ClaimRecord>
  readonly entities: Map<EntityId, EntityRecord>
  /** Every correction recorded, in ledger order, with its position. */
  readonly corrections: Array<{
    readonly correction: ReleaseView['corrections'][number]['correction']
    readonly position: number
    readonly recordedAt: string
  }>
  /** The last position applied (-1 for none). */
  position: number
}

/** Finds the last element with `at(e) <= x` in an array sorted by `at`. */
export const lastAtOrBefore = <T, K>(
  items: ReadonlyArray<T>,
  x: K,
  at: (item: T) => K,
): T | undefined => {
  let lo = 0
  let hi = items.length - 1
  let found: T | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const item = items[mid] as T
    if (at(item) <= x) {
      found = item
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export const genAt = <G extends { readonly from: number }>(
  gens: ReadonlyArray<G>,
  at: number,
): G | undefined =>
  gens.length > 0 && (gens[gens.length - 1] as G).from <= at
    ? gens[gens.length - 1]
    : lastAtOrBefore(gens, at, (g) => g.from)
