import type { ClaimId, CorrectionId, EntityId, Predicate, ReleaseId } from './ids'
import type { Change, ChangeTag } from './change'
import type { Correction } from './correction'
import type { Recorded, ReleaseRecorded } from './events'
import type { Release } from './release'
import { releaseSortKey, tierOf } from './release'
import type { EntryContent } from './applyCorrection'
import { applyCorrection } from './applyCorrection'

/** One release as the ledger holds it: the entry as recorded and as corrected. */
export interface ReleaseEntry extends EntryContent {
  readonly recorded: ReleaseRecorded
  readonly position: bigint
  readonly key: string
}

/**
 * One identification in force: the entity it keys (`sameAs`) is merged into `entity` by release
 * `by`. Keyed by `sameAs`, these are parent links: `decide` keeps every entity identified at most
 * once (a second identification of the same `sameAs` is refused, not "later wins") and refuses
 * any that would close a cycle, so the links form a forest whatever the releases' order.
 */
export interface Identification {
  readonly entity: EntityId
  readonly by: ReleaseId
}

export interface ClaimEntry {
  readonly assertedBy: ReleaseId
  readonly subject: EntityId
  readonly predicate: Predicate
  readonly touches: ReadonlyArray<{ readonly release: ReleaseId; readonly tag: ChangeTag }>
}

/**
 * The decider's state: what `decide` needs to check a command against the whole ledger,
 * whatever order its releases were entered in. Indexes are rebuilt from the effective
 * (corrected) entries, so they always agree with what projections read.
 */
export interface LedgerState {
  readonly releases: ReadonlyMap<ReleaseId, ReleaseEntry>
  readonly claims: ReadonlyMap<ClaimId, ClaimEntry>
  readonly entities: ReadonlyMap<EntityId, { readonly introducedBy: ReleaseId }>
  /** sameAs -> the entity it is merged into: the identification forest's parent links. */
  readonly identified: ReadonlyMap<EntityId, Identification>
  readonly corrections: ReadonlyMap<CorrectionId, Correction>
  readonly nextPosition: bigint
}

export const initialState: LedgerState = {
  releases: new Map(),
  claims: new Map(),
  entities: new Map(),
  identified: new Map(),
  corrections: new Map(),
  nextPosition: 0n,
}

interface MutableIndexes {
  readonly claims: Map<ClaimId, ClaimEntry>
  readonly entities: Map<EntityId, { readonly introducedBy: ReleaseId }>
  readonly identified: Map<EntityId, Identification>
}

const indexChange = (ix: MutableIndexes, release: ReleaseId, change: Change): void => {
  switch (change._tag) {
    case 'Introduced':
      ix.entities.set(change.entity, { introducedBy: release })
      return
    case 'Identified':
      ix.identified.set(change.sameAs, { entity: change.entity, by: release })
      return
    case 'Aliased':
      return
    case 'Asserted':
      ix.claims.set(change.claim, {
        assertedBy: release,
        subject: change.subject,
        predicate: change.predicate,
        touches: [{ release, tag: change._tag }],
      })
      return
    case 'Confirmed':
    case 'Revised':
    case 'Retracted': {
      const claim = ix.claims.get(change.claim)
      if (claim !== undefined)
        ix.claims.set(change.claim, {
          ...claim,
          touches: [...claim.touches, { release, tag: change._tag }],
        })
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

const indexEntries = (entries: Iterable<ReleaseEntry>): MutableIndexes => {
  const ix: MutableIndexes = { claims: new Map(), entities: new Map(), identified: new Map() }
  const live = [...entries].filter((e) => !e.withdrawn).sort((a, b) => (a.key < b.key ? -1 : 1))
  for (const entry of live)
    for (const change of entry.changes) indexChange(ix, entry.release.id, change)
  return ix
}

const entryOf = (
  recorded: ReleaseRecorded,
  position: bigint,
  corrections: Iterable<Correction>,
): ReleaseEntry => {
  let content: EntryContent = {
    release: recorded.release,
    changes: recorded.changes,
    withdrawn: false,
  }
  for (const c of corrections) content = applyCorrection(content, c)
  return { ...content, recorded, position, key: releaseSortKey(content.release) }
}

/**
 * Folds one recorded event into the state. It takes ownership of `state`: indexes are
 * updated in place so that folding a long ledger stays linear; callers keep only the result.
 */
export const evolve = (state: LedgerState, recorded: Recorded): LedgerState => {
  const event = recorded.event
  const nextPosition = recorded.position + 1n
  switch (event._tag) {
    case 'ReleaseRecorded': {
      const releases = state.releases as Map<ReleaseId, ReleaseEntry>
      const entry = entryOf(event, recorded.position, state.corrections.values())
      releases.set(event.release.id, entry)
      const ix: MutableIndexes = {
        claims: state.claims as Map<ClaimId, ClaimEntry>,
        entities: state.entities as Map<EntityId, { readonly introducedBy: ReleaseId }>,
        identified: state.identified as Map<EntityId, Identification>,
      }
      for (const change of entry.changes) indexChange(ix, event.release.id, change)
      return { ...state, nextPosition }
    }
    case 'EntryCorrected': {
      const corrections = new Map(state.corrections).set(event.correction.id, event.correction)
      const releases = new Map(state.releases)
      const target = releases.get(event.correction.target.release)
      if (target !== undefined)
        releases.set(
          target.release.id,
          entryOf(target.recorded, target.position, correctionsFor(corrections, target.release.id)),
        )
      return { ...state, ...indexEntries(releases.values()), releases, corrections, nextPosition }
    }
    default: {
      const never: never = event
      return never
    }
  }
}

const correctionsFor = (
  corrections: ReadonlyMap<CorrectionId, Correction>,
  release: ReleaseId,
): Correction[] => [...corrections.values()].filter((c) => c.target.release === release)

/** The state after `events`, in ledger order. */
export const foldState = (events: Iterable<Recorded>): LedgerState => {
  let state: LedgerState = {
    ...initialState,
    releases: new Map(),
    claims: new Map(),
    entities: new Map(),
    identified: new Map(),
    corrections: new Map(),
  }
  for (const e of events) state = evolve(state, e)
  return state
}

export const entryTier = (release: Release) => tierOf(release.kind)

/** A copy whose indexes can be evolved without touching `state` (for tentative decisions). */
export const copyState = (state: LedgerState): LedgerState => ({
  ...state,
  releases: new Map(state.releases),
  claims: new Map(state.claims),
  entities: new Map(state.entities),
  identified: new Map(state.identified),
  corrections: new Map(state.corrections),
})
