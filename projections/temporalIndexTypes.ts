import type { Change } from '../src/domain/change'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import type { SourceTier } from '../src/domain/release'
import type { ClaimState, EntityState } from './canon'
import type { ReleaseView } from './ledgerView'

/**
 * The temporal index's records. Ledger positions are held as numbers (a stream revision stays
 * far below 2^53); the public boundary speaks bigint.
 *
 * Two axes:
 * - the RELEASE axis: a record keeps its versions at the ledger head, sorted by release sort
 *   key; a prefix cut (a release, a date, the latest) reads the last version with `key <= cut`.
 * - the LEDGER axis: a record remembers the last position that touched it (`last`). At any
 *   position from there on its head versions answer; before it, the record's few steps are
 *   read as the ledger stood then (each release keeps its generations) and folded.
 *
 * So the index holds one set of versions per record, not one per ledger position, and a bulk
 * build links every event first and folds each record once at the end.
 */

/** One release's content from a ledger position on (corrected as the ledger stood there). */
export interface ReleaseGen {
  readonly from: number
  readonly view: ReleaseView
  readonly withdrawn: boolean
}

export interface ReleaseRecord {
  readonly id: ReleaseId
  /** Its number in the index (order of first recording): what a packed reference names. */
  readonly no: number
  readonly gens: ReleaseGen[]
}

/**
 * A reference to a change that stays valid across corrections (they keep change indexes),
 * packed in one number: release number * 2^21 + change index.
 */
export type ChangeRef = number
export const refStride = 2 ** 21

/**
 * One change of one release, as a generation of it reads. `ord` orders steps exactly as the
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

/** What a claim's fold reads: its own steps and the revisions settling it, in `ord` order. */
export interface ClaimSteps {
  readonly steps: ReadonlyArray<Step>
  readonly settles: ReadonlyArray<SettleStep>
}

/** A claim's release-axis versions at the ledger head, under the two standard policies. */
export interface ClaimHead {
  readonly onScreen: ReadonlyArray<ClaimVersion>
  readonly all: ReadonlyArray<ClaimVersion>
}

/**
 * Records grow their lists by `concat`, which allocates exactly: a pushed-to or spread array
 * literal keeps spare capacity (17 slots for one element), which over a million records is
 * most of the index.
 */
export interface ClaimRecord {
  readonly id: ClaimId
  refs: ReadonlyArray<ChangeRef>
  /** Revisions of other claims that settle this one (shared empty list until there is one). */
  settleRefs: ReadonlyArray<{ readonly ref: ChangeRef; readonly settler: ClaimRecord }>
  /** The last ledger position that touched this claim. */
  last: number
  /** Its versions at the head; undefined while stale (rebuilt before any query reads it). */
  head: ClaimHead | undefined
  /** The entity whose facts it states (set when its assertion is linked): its table goes stale with it. */
  owner: EntityRecord | undefined
  /** The predicate it was asserted with (what its owner's claims are ordered by). */
  predicate: string
}

export interface EntityVersion {
  readonly key: string
  readonly state: EntityState | undefined
}

/** An entity's steps as the ledger reads at some position, and its versions there. */
export interface EntityHead {
  /** Introduced and Aliased steps of this entity. */
  readonly steps: ReadonlyArray<Step>
  /** Identified steps naming this entity on either side. */
  readonly edges: ReadonlyArray<Step>
  readonly onScreen: ReadonlyArray<EntityVersion>
  readonly all: ReadonlyArray<EntityVersion>
}

/**
 * An entity's claim versions at the head under one policy, laid out flat for the query loop:
 * claim j's versions are `keys[ends[j-1] .. ends[j])` with their versions alongside, and
 * `live` marks the versions whose claim is live about this very entity. Built on the first
 * query after anything touched the entity or one of its claims.
 */
export interface FactTable {
  /** The last position that touched the entity or any of its claims when it was built. */
  readonly last: number
  /** `keyMajor` of each key: most comparisons stay in this one contiguous array. */
  readonly majors: ReadonlyArray<number>
  readonly keys: ReadonlyArray<string>
  readonly ends: ReadonlyArray<number>
  readonly versions: ReadonlyArray<ClaimVersion>
  readonly live: ReadonlyArray<number>
}

export interface EntityRecord {
  readonly id: EntityId
  refs: ReadonlyArray<ChangeRef>
  /** Every claim ever asserted about this entity, kept ordered by asserted predicate. */
  readonly claims: ClaimRecord[]
  last: number
  head: EntityHead | undefined
  tables: { onScreen?: FactTable; all?: FactTable } | undefined
}

/** The index: mutable records, advanced one recorded event at a time by `applyRecorded`. */
export interface TemporalIndex {
  readonly releases: Map<ReleaseId, ReleaseRecord>
  /** Releases by number: what a packed `ChangeRef` resolves through. */
  readonly releaseList: ReleaseRecord[]
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
  /** The hash of the event at `position` ('' for none): what ties a snapshot to its ledger. */
  headHash: string
}

/**
 * A number that orders release sort keys (`date|sequence|id`) as the strings do, up to ties:
 * date and sequence (clamped) as yyyymmdd * 1e6 + sequence. Two keys whose majors differ
 * compare as their majors; equal (or NaN, for a key of another shape) majors compare as strings.
 */
export const keyMajor = (key: string): number => {
  if (key.length < 24 || key.charCodeAt(10) !== 124 || key.charCodeAt(23) !== 124) return NaN
  const date = Number(key.slice(0, 4) + key.slice(5, 7) + key.slice(8, 10))
  const sequence = Number(key.slice(11, 23))
  return Number.isInteger(date) && Number.isInteger(sequence)
    ? date * 1e6 + Math.min(sequence, 999_999)
    : NaN
}

/** The major of a date cut's key (`date|\uffff`): above every key of that date. */
export const dateCutMajor = (date: string): number => {
  const d = Number(date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10))
  return Number.isInteger(d) && date.length === 10 ? d * 1e6 + 999_999.5 : NaN
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
