import type { ClaimId, CorrectionId, EntityId, Predicate, ReleaseId } from './ids'
import type { Change, ChangeTag } from './change'
import type { Correction } from './correction'
import type { Recorded, ReleaseRecorded } from './events'
import type { Release } from './release'
import { byReleaseKey, releaseSortKey, tierOf } from './release'
import type { EntryContent } from './applyCorrection'
import { correctedEntry } from './applyCorrection'
import type { CalendarDeclaration, CalendarId } from './calendar'

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

/** What the ledger knows of an entity: the release that introduced it, and those it appears in. */
export interface EntityEntry {
  readonly introducedBy: ReleaseId
  readonly appearances: ReadonlyArray<ReleaseId>
}

/**
 * The decider's state: what `decide` needs to check a command against the whole ledger,
 * whatever order its releases were entered in. Indexes are rebuilt from the effective
 * (corrected) entries, so they always agree with what projections read.
 *
 * Ownership: `evolve` updates the state it is given in place and returns it, so that folding a
 * long ledger stays linear; its maps are typed as the mutable maps they are. A caller that
 * needs the state before an event as well (a tentative decision) folds into `copyState`.
 */
export interface LedgerState {
  readonly releases: Map<ReleaseId, ReleaseEntry>
  readonly claims: Map<ClaimId, ClaimEntry>
  readonly entities: Map<EntityId, EntityEntry>
  /** sameAs -> the entity it is merged into: the identification forest's parent links. */
  readonly identified: Map<EntityId, Identification>
  readonly corrections: Map<CorrectionId, Correction>
  /** The calendars the universe declares (a new time must be in one of them, once any is). */
  readonly calendars: Map<CalendarId, CalendarDeclaration>
  nextPosition: bigint
}

export const emptyState = (): LedgerState => ({
  releases: new Map(),
  claims: new Map(),
  entities: new Map(),
  identified: new Map(),
  corrections: new Map(),
  calendars: new Map(),
  nextPosition: 0n,
})

type Indexes = Pick<LedgerState, 'claims' | 'entities' | 'identified'>

const indexChange = (ix: Indexes, release: ReleaseId, change: Change): void => {
  switch (change._tag) {
    case 'Introduced': {
      const known = ix.entities.get(change.entity)
      ix.entities.set(change.entity, {
        introducedBy: release,
        appearances: known?.appearances ?? [],
      })
      return
    }
    case 'Appeared': {
      const known = ix.entities.get(change.entity)
      if (known !== undefined)
        ix.entities.set(change.entity, {
          ...known,
          appearances: [...known.appearances, release],
        })
      return
    }
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
    case 'StoryChanged':
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

/** Live entries in release order; introductions before appearances, whatever the append order. */
const reindex = (state: LedgerState): void => {
  state.claims.clear()
  state.entities.clear()
  state.identified.clear()
  const live = [...state.releases.values()].filter((e) => !e.withdrawn).sort(byReleaseKey)
  for (const entry of live)
    for (const change of entry.changes) indexChange(state, entry.release.id, change)
}

const entryOf = (
  recorded: ReleaseRecorded,
  position: bigint,
  corrections: Iterable<Correction>,
): ReleaseEntry => {
  const content = correctedEntry(recorded, corrections)
  return { ...content, recorded, position, key: releaseSortKey(content.release) }
}

/** Folds one recorded event into the state, in place (see `LedgerState`), and returns it. */
export const evolve = (state: LedgerState, recorded: Recorded): LedgerState => {
  const event = recorded.event
  state.nextPosition = recorded.position + 1n
  switch (event._tag) {
    case 'ReleaseRecorded': {
      const entry = entryOf(event, recorded.position, correctionsFor(state, event.release.id))
      state.releases.set(event.release.id, entry)
      // `decide` admits an appearance only of an entity already introduced, so indexing in
      // append order finds the introduction first.
      for (const change of entry.changes) indexChange(state, event.release.id, change)
      return state
    }
    case 'EntryCorrected': {
      state.corrections.set(event.correction.id, event.correction)
      const target = state.releases.get(event.correction.target.release)
      if (target !== undefined)
        state.releases.set(
          target.release.id,
          entryOf(target.recorded, target.position, correctionsFor(state, target.release.id)),
        )
      reindex(state)
      return state
    }
    case 'CalendarDeclared':
      state.calendars.set(event.calendar.id, event.calendar)
      return state
    default: {
      const never: never = event
      return never
    }
  }
}

const correctionsFor = (state: LedgerState, release: ReleaseId): Correction[] =>
  [...state.corrections.values()].filter((c) => c.target.release === release)

/** The state after `events`, in ledger order. */
export const foldState = (events: Iterable<Recorded>): LedgerState => {
  let state = emptyState()
  for (const e of events) state = evolve(state, e)
  return state
}

export const entryTier = (release: Release) => tierOf(release.kind)

/** A copy that can be evolved without touching `state` (for tentative decisions). */
export const copyState = (state: LedgerState): LedgerState => ({
  releases: new Map(state.releases),
  claims: new Map(state.claims),
  entities: new Map(state.entities),
  identified: new Map(state.identified),
  corrections: new Map(state.corrections),
  calendars: new Map(state.calendars),
  nextPosition: state.nextPosition,
})
