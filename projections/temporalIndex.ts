import type { Recorded } from '../src/domain/events'
import type { Change } from '../src/domain/change'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import { releaseSortKey, tierOf } from '../src/domain/release'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import type { EntryContent } from '../src/domain/applyCorrection'
import { applyCorrection } from '../src/domain/applyCorrection'
import type { ReleaseView } from './ledgerView'
import type {
  ChangeRef,
  ClaimRecord,
  EntityRecord,
  ReleaseRecord,
  SettleStep,
  Step,
  TemporalIndex,
} from './temporalIndexTypes'
import { allOnScreen, claimVersions, entityVersions } from './temporalIndexFold'

/**
 * The temporal index: per entity, the versions of its claims with their validity on the
 * release axis (release sort keys) and the ledger axis (positions), so that "entity as of a
 * cut" is a search. It is built incrementally, one recorded event at a time, in ledger order:
 * an event rebuilds only the records it touches (a release's claims and entities; for a
 * correction, those of the entry before and after it), pushing a new generation for each, so
 * earlier ledger positions keep answering as the ledger stood then.
 */
export const emptyIndex = (): TemporalIndex => ({
  releases: new Map(),
  claims: new Map(),
  entities: new Map(),
  corrections: [],
  position: -1,
})

const claimRecord = (ix: TemporalIndex, id: ClaimId): ClaimRecord => {
  let r = ix.claims.get(id)
  if (r === undefined) {
    r = { id, refs: [], settleRefs: [], gens: [] }
    ix.claims.set(id, r)
  }
  return r
}

const entityRecord = (ix: TemporalIndex, id: EntityId): EntityRecord => {
  let r = ix.entities.get(id)
  if (r === undefined) {
    r = { id, refs: [], claims: [], claimSet: new Set(), gens: [] }
    ix.entities.set(id, r)
  }
  return r
}

const headOf = (r: ReleaseRecord) => r.gens[r.gens.length - 1]

/** Records every claim and entity a release's change touches; returns the touched records. */
const linkChange = (
  ix: TemporalIndex,
  release: ReleaseRecord,
  index: number,
  change: Change,
  claims: Set<ClaimRecord>,
  entities: Set<EntityRecord>,
  fresh: boolean,
): void => {
  const ref: ChangeRef = { release, index }
  const touchEntity = (id: EntityId) => {
    const e = entityRecord(ix, id)
    if (fresh) e.refs.push(ref)
    entities.add(e)
  }
  switch (change._tag) {
    case 'Introduced':
    case 'Aliased':
      touchEntity(change.entity)
      return
    case 'Identified':
      touchEntity(change.entity)
      touchEntity(change.sameAs)
      return
    case 'Asserted':
    case 'Confirmed':
    case 'Revised':
    case 'Retracted': {
      const c = claimRecord(ix, change.claim)
      if (fresh) c.refs.push(ref)
      claims.add(c)
      if (change._tag === 'Asserted') {
        const e = entityRecord(ix, change.subject)
        if (!e.claimSet.has(c)) {
          e.claimSet.add(c)
          e.claims.push(c)
        }
      }
      if (change._tag === 'Revised')
        for (const settled of change.settles ?? []) {
          const target = claimRecord(ix, settled)
          if (fresh) target.settleRefs.push({ ...ref, settler: c })
          claims.add(target)
        }
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

const ordOf = (key: string, index: number): string =>
  `${key}\u0000${String(index).padStart(6, '0')}`

/** The step a reference names, as the release reads at its head generation (none if withdrawn). */
const stepOf = (ref: ChangeRef): Step | undefined => {
  const head = headOf(ref.release)
  if (head === undefined || head.withdrawn) return undefined
  const change = head.view.changes[ref.index]
  if (change === undefined) return undefined
  return {
    ord: ordOf(head.view.key, ref.index),
    key: head.view.key,
    tier: tierOf(head.view.release.kind),
    series: head.view.release.series,
    view: head.view,
    change,
  }
}

const byOrd = (a: Step, b: Step): number => (a.ord < b.ord ? -1 : a.ord > b.ord ? 1 : 0)

const stepsOf = (refs: ReadonlyArray<ChangeRef>): Step[] => {
  const steps: Step[] = []
  for (const ref of refs) {
    const s = stepOf(ref)
    if (s !== undefined) steps.push(s)
  }
  return steps.sort(byOrd)
}

/** Pushes a generation, or replaces one the same position already pushed. */
const pushGen = <G extends { readonly from: number }>(gens: G[], gen: G): void => {
  if (gens[gens.length - 1]?.from === gen.from) gens[gens.length - 1] = gen
  else gens.push(gen)
}

/** Rebuilds the touched records at `position`: their steps as the ledger now reads, then versions. */
const rebuild = (
  position: number,
  claims: ReadonlySet<ClaimRecord>,
  entities: ReadonlySet<EntityRecord>,
): void => {
  const stepsByClaim = new Map<ClaimRecord, { steps: Step[]; settles: SettleStep[] }>()
  for (const c of claims) {
    const steps = stepsOf(c.refs)
    const settles: SettleStep[] = []
    for (const ref of c.settleRefs) {
      const s = stepOf(ref)
      if (s !== undefined) settles.push({ ...s, settler: ref.settler })
    }
    stepsByClaim.set(c, { steps, settles: settles.sort(byOrd) })
  }
  for (const [c, { steps, settles }] of stepsByClaim) {
    const gen = { steps, settles }
    const all = claimVersions(c.id, gen, allSources)
    const onScreen =
      allOnScreen(steps) && allOnScreen(settles) ? all : claimVersions(c.id, gen, onScreenOnly)
    pushGen(c.gens, { from: position, steps, settles, onScreen, all })
  }
  for (const e of entities) {
    const touching = stepsOf(e.refs)
    const steps = touching.filter((s) => s.change._tag !== 'Identified')
    const edges = touching.filter((s) => s.change._tag === 'Identified')
    const all = entityVersions(steps, allSources)
    const onScreen = allOnScreen(steps) ? all : entityVersions(steps, onScreenOnly)
    pushGen(e.gens, { from: position, steps, edges, onScreen, all })
  }
}

/** Collects the records a release's content touches, and the claims their revisions settle. */
const touched = (
  ix: TemporalIndex,
  record: ReleaseRecord,
  changes: ReadonlyArray<Change>,
  fresh: boolean,
  claims: Set<ClaimRecord>,
  entities: Set<EntityRecord>,
): void => {
  changes.forEach((change, i) => linkChange(ix, record, i, change, claims, entities, fresh))
}

const correctionsOf = (ix: TemporalIndex, release: ReleaseId) =>
  ix.corrections.filter((c) => c.correction.target.release === release)

const viewOf = (
  ix: TemporalIndex,
  recorded: { readonly release: ReleaseView['release']; readonly changes: ReadonlyArray<Change> },
  position: number,
  recordedAt: string,
): { view: ReleaseView; withdrawn: boolean } => {
  const own = correctionsOf(ix, recorded.release.id)
  let content: EntryContent = {
    release: recorded.release,
    changes: recorded.changes,
    withdrawn: false,
  }
  for (const c of own) content = applyCorrection(content, c.correction)
  return {
    withdrawn: content.withdrawn,
    view: {
      release: content.release,
      changes: content.changes,
      position: BigInt(position),
      recordedAt,
      key: releaseSortKey(content.release),
      recorded,
      corrections: own.map((c) => ({ ...c, position: BigInt(c.position) })),
    },
  }
}

/** Advances the index by one recorded event. Events must come in ledger order. */
export const applyRecorded = (ix: TemporalIndex, recorded: Recorded): TemporalIndex => {
  const position = Number(recorded.position)
  const event = recorded.event
  const claims = new Set<ClaimRecord>()
  const entities = new Set<EntityRecord>()
  switch (event._tag) {
    case 'ReleaseRecorded': {
      const existing = ix.releases.get(event.release.id)
      const record: ReleaseRecord = existing ?? { id: event.release.id, gens: [] }
      ix.releases.set(record.id, record)
      const { view, withdrawn } = viewOf(
        ix,
        { release: event.release, changes: event.changes },
        position,
        recorded.recordedAt,
      )
      record.gens.push({ from: position, view, withdrawn })
      touched(ix, record, view.changes, true, claims, entities)
      break
    }
    case 'EntryCorrected': {
      ix.corrections.push({
        correction: event.correction,
        position,
        recordedAt: recorded.recordedAt,
      })
      const record = ix.releases.get(event.correction.target.release)
      const head = record === undefined ? undefined : headOf(record)
      if (record !== undefined && head !== undefined) {
        touched(ix, record, head.view.changes, false, claims, entities)
        const { view, withdrawn } = viewOf(
          ix,
          head.view.recorded,
          Number(head.view.position),
          head.view.recordedAt,
        )
        record.gens.push({ from: position, view, withdrawn })
        touched(ix, record, view.changes, false, claims, entities)
      }
      break
    }
    default: {
      const never: never = event
      return never
    }
  }
  rebuild(position, claims, entities)
  ix.position = position
  return ix
}

/** Builds the index from a ledger, in ledger order. */
export const buildIndex = (events: Iterable<Recorded>): TemporalIndex => {
  const ix = emptyIndex()
  for (const e of events) applyRecorded(ix, e)
  return ix
}
