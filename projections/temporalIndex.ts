import type { Recorded } from '../src/domain/events'
import type { Change } from '../src/domain/change'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import { releaseSortKey } from '../src/domain/release'
import type { EntryContent } from '../src/domain/applyCorrection'
import { applyCorrection } from '../src/domain/applyCorrection'
import type { ReleaseView } from './ledgerView'
import type { ClaimRecord, EntityRecord, ReleaseRecord, TemporalIndex } from './temporalIndexTypes'
import { claimHead, entityHead, factTable, packRef } from './temporalIndexSteps'
import { materializeAll } from './temporalIndexLazy'

/**
 * The temporal index: per entity, the versions of its claims with their validity on the
 * release axis (release sort keys), so that "entity as of a cut" is a search; earlier ledger
 * positions are answered from the records' steps as the releases stood then. It is built
 * incrementally, one recorded event at a time, in ledger order: an event links the changes it
 * records and marks the records it touches (a release's claims and entities; for a correction,
 * those of the entry before and after it), whose head versions are then folded again.
 */
export const emptyIndex = (): TemporalIndex => ({
  releases: new Map(),
  releaseList: [],
  claims: new Map(),
  entities: new Map(),
  corrections: [],
  position: -1,
  headHash: '',
})

const noSettleRefs: ClaimRecord['settleRefs'] = []

/** The claim's record, created empty if the index has none yet. */
export const claimRecordOf = (ix: TemporalIndex, id: ClaimId): ClaimRecord => {
  let r = ix.claims.get(id)
  if (r === undefined) {
    r = {
      id,
      refs: [],
      settleRefs: noSettleRefs,
      last: -1,
      head: undefined,
      owner: undefined,
      predicate: '',
    }
    ix.claims.set(id, r)
  }
  return r
}

const entityRecord = (ix: TemporalIndex, id: EntityId): EntityRecord => {
  let r = ix.entities.get(id)
  if (r === undefined) {
    r = {
      id,
      refs: [],
      claims: [],
      last: -1,
      head: undefined,
      tables: undefined,
    }
    ix.entities.set(id, r)
  }
  return r
}

/**
 * Keeps an entity's claims ordered by the predicate they were asserted with, so that a query
 * usually finds its facts already in order (it still checks, and sorts if a correction moved one).
 */
const insertByPredicate = (claims: ClaimRecord[], c: ClaimRecord, predicate: string): void => {
  c.predicate = predicate
  let i = claims.length
  while (i > 0 && (claims[i - 1] as ClaimRecord).predicate > predicate) i--
  if (i === claims.length) claims.push(c)
  else claims.splice(i, 0, c)
}

/** Entities besides its owner that list a claim (only after a correction moved its subject). */
const extraOwners = new WeakMap<ClaimRecord, EntityRecord[]>()

/** Whether the entity already lists the claim (as its owner, or besides it). */
const listsClaim = (e: EntityRecord, c: ClaimRecord): boolean =>
  c.owner === e || (extraOwners.get(c)?.includes(e) ?? false)

/** Records that an entity lists the claim, as its owner or besides it: its table follows the claim. */
export const addOwner = (c: ClaimRecord, e: EntityRecord, owner: boolean): void => {
  if (owner) c.owner = e
  else extraOwners.set(c, [...(extraOwners.get(c) ?? []), e])
}

/** The list with one more element, at exact capacity (see `ClaimRecord`): most lists hold one. */
const appended = <T>(list: ReadonlyArray<T>, x: T): ReadonlyArray<T> =>
  list.length === 0 ? [x] : list.concat([x])

const headOf = (r: ReleaseRecord) => r.gens[r.gens.length - 1]

/** What one event touched: records whose head versions must be folded again. */
interface Touched {
  readonly claims: Set<ClaimRecord>
  readonly entities: Set<EntityRecord>
}

/**
 * Marks every claim and entity a release's change touches (and the claims its revision
 * settles); `fresh` also records the change's reference on them (first recording only:
 * corrections keep change indexes, so the references stay valid).
 */
const linkChange = (
  ix: TemporalIndex,
  release: ReleaseRecord,
  index: number,
  change: Change,
  touched: Touched,
  fresh: boolean,
): void => {
  const ref = packRef(release.no, index)
  const touchEntity = (id: EntityId) => {
    const e = entityRecord(ix, id)
    if (fresh) e.refs = appended(e.refs, ref)
    touched.entities.add(e)
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
      const c = claimRecordOf(ix, change.claim)
      if (fresh) c.refs = appended(c.refs, ref)
      touched.claims.add(c)
      if (change._tag === 'Asserted') {
        const e = entityRecord(ix, change.subject)
        if (!listsClaim(e, c)) {
          addOwner(c, e, c.owner === undefined)
          insertByPredicate(e.claims, c, change.predicate)
        }
      }
      if (change._tag === 'Revised')
        for (const settled of change.settles ?? []) {
          const target = claimRecordOf(ix, settled)
          if (fresh) target.settleRefs = appended(target.settleRefs, { ref, settler: c })
          touched.claims.add(target)
        }
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

const linkAll = (
  ix: TemporalIndex,
  record: ReleaseRecord,
  changes: ReadonlyArray<Change>,
  touched: Touched,
  fresh: boolean,
): void => {
  for (let i = 0; i < changes.length; i++)
    linkChange(ix, record, i, changes[i] as Change, touched, fresh)
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

/**
 * Links one event and marks what it touched as stale at its position: the index answers
 * correctly at once (a stale record is folded when first read); `refoldStale` folds them all.
 */
export const linkRecorded = (ix: TemporalIndex, recorded: Recorded): Touched => {
  materializeAll(ix)
  return link(ix, recorded)
}

const link = (ix: TemporalIndex, recorded: Recorded): Touched => {
  const position = Number(recorded.position)
  const event = recorded.event
  const touched: Touched = { claims: new Set(), entities: new Set() }
  switch (event._tag) {
    case 'ReleaseRecorded': {
      let record = ix.releases.get(event.release.id)
      if (record === undefined) {
        record = { id: event.release.id, no: ix.releaseList.length, gens: [] }
        ix.releases.set(record.id, record)
        ix.releaseList.push(record)
      }
      // A release recorded again replaces its content: what the old content touched changes too.
      const previous = headOf(record)
      if (previous !== undefined) linkAll(ix, record, previous.view.changes, touched, false)
      const { view, withdrawn } = viewOf(
        ix,
        { release: event.release, changes: event.changes },
        position,
        recorded.recordedAt,
      )
      record.gens.push({ from: position, view, withdrawn })
      linkAll(ix, record, view.changes, touched, true)
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
        linkAll(ix, record, head.view.changes, touched, false)
        const { view, withdrawn } = viewOf(
          ix,
          head.view.recorded,
          Number(head.view.position),
          head.view.recordedAt,
        )
        record.gens.push({ from: position, view, withdrawn })
        linkAll(ix, record, view.changes, touched, false)
      }
      break
    }
    default: {
      const never: never = event
      return never
    }
  }
  for (const c of touched.claims) {
    c.last = position
    c.head = undefined
    if (c.owner !== undefined) c.owner.tables = undefined
    for (const e of extraOwners.get(c) ?? []) e.tables = undefined
  }
  for (const e of touched.entities) {
    e.last = position
    e.head = undefined
    e.tables = undefined
  }
  ix.position = position
  ix.headHash = recorded.hash
  return touched
}

/** Advances the index by one recorded event and refolds what it touched. Events come in ledger order. */
export const applyRecorded = (ix: TemporalIndex, recorded: Recorded): TemporalIndex =>
  refold(ix, linkRecorded(ix, recorded))

/** Folds again the head versions of what events touched (tables follow on their next query). */
const refold = (ix: TemporalIndex, touched: Touched): TemporalIndex => {
  for (const c of touched.claims) claimHead(ix, c)
  for (const e of touched.entities) entityHead(ix, e)
  return ix
}

/** Folds the head versions of every record still stale: after a bulk link, each once. */
export const refoldStale = (ix: TemporalIndex): TemporalIndex => {
  for (const c of ix.claims.values()) if (c.head === undefined) claimHead(ix, c)
  for (const e of ix.entities.values()) {
    if (e.head === undefined) entityHead(ix, e)
    // The default policy's table is built now; another policy's on its first query.
    if (e.tables === undefined) factTable(ix, e, 'onScreen')
  }
  return ix
}

/** Builds the index from a ledger, in ledger order: links every event, then folds each record once. */
export const buildIndex = (events: Iterable<Recorded>): TemporalIndex => {
  const ix = emptyIndex()
  for (const e of events) link(ix, e)
  return refoldStale(ix)
}

/** Extends an index with the events after its position, in bulk: each record they touch is folded once. */
export const extendIndex = (ix: TemporalIndex, events: Iterable<Recorded>): TemporalIndex => {
  const later: Recorded[] = []
  for (const e of events) if (Number(e.position) > ix.position) later.push(e)
  // A lazily restored index stays lazy until an event must be linked into it.
  if (later.length === 0) return ix
  materializeAll(ix)
  const all: Touched = { claims: new Set(), entities: new Set() }
  for (const e of later) {
    if (Number(e.position) <= ix.position) continue
    const touched = link(ix, e)
    for (const c of touched.claims) all.claims.add(c)
    for (const x of touched.entities) all.entities.add(x)
  }
  return refold(ix, all)
}
