import * as E from 'fp-ts/Either'
import type { EntityId } from '../src/domain/ids'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import { allTiers, tierRank } from '../src/domain/release'
import type { ClaimState, EntityState } from './canon'
import type { CutError, ReleaseCut } from './cut'
import type { EntityView, FactView } from './entityView'
import { factStatus } from './entityView'
import type {
  ClaimRecord,
  ClaimVersion,
  EntityHead,
  EntityRecord,
  EntityVersion,
  Step,
  TemporalIndex,
} from './temporalIndexTypes'
import { dateCutMajor, genAt, keyMajor, lastAtOrBefore } from './temporalIndexTypes'
import type { Admits } from './temporalIndexFold'
import { foldClaim, foldEntity } from './temporalIndexFold'
import { entityRecordOf } from './temporalIndexLazy'
import { claimHead, claimStepsAt, entityHead, entityStepsAt, factTable } from './temporalIndexSteps'

/**
 * How a query reads the index. A prefix cut (latest, a release, a date) under one of the two
 * precomputed policies is a binary search in precomputed versions; any other cut (a viewer's
 * progress, a custom tier set) folds the few steps of each claim the entity holds.
 */
interface Reading {
  readonly ix: TemporalIndex
  readonly at: number
  readonly admits: Admits
  readonly search?: {
    readonly key: string
    /** `keyMajor` of the key (Infinity for the latest). */
    readonly major: number
    readonly policy: 'onScreen' | 'all'
  }
}

const MAX = '\uffff'

const standardOf = (policy: CanonPolicy): 'onScreen' | 'all' | undefined =>
  policy.admits.size === allTiers.length
    ? 'all'
    : policy.admits.size === 1 && policy.admits.has('on-screen')
      ? 'onScreen'
      : undefined

const liveKey = (ix: TemporalIndex, id: string, at: number) => {
  const record = ix.releases.get(id as never)
  const gen = record === undefined ? undefined : genAt(record.gens, at)
  return gen === undefined || gen.withdrawn ? undefined : gen.view
}

const readingOf = (
  ix: TemporalIndex,
  cut: ReleaseCut,
  policy: CanonPolicy,
  at: number,
): E.Either<CutError, Reading> => {
  const standard = standardOf(policy)
  const prefix = (key: string, major: number): Reading => ({
    ix,
    at,
    admits: (s) => policy.admits.has(s.tier) && s.key <= key,
    ...(standard === undefined ? {} : { search: { key, major, policy: standard } }),
  })
  switch (cut._tag) {
    case 'Latest':
      return E.right(prefix(MAX, Infinity))
    case 'AsOfRelease': {
      const view = liveKey(ix, cut.release, at)
      return view === undefined
        ? E.left({ _tag: 'UnknownCutRelease', release: cut.release })
        : E.right(prefix(view.key, keyMajor(view.key)))
    }
    case 'AsOfDate':
      // Keys start with the date and a '|': every key of that date sorts below this one.
      return E.right(prefix(`${cut.date}|${MAX}`, dateCutMajor(cut.date)))
    case 'Progress': {
      const limits = new Map<string, string>()
      for (const id of cut.watched) {
        const view = liveKey(ix, id, at)
        if (view === undefined) return E.left({ _tag: 'UnknownCutRelease', release: id })
        const previous = limits.get(view.release.series)
        if (previous === undefined || previous < view.key) limits.set(view.release.series, view.key)
      }
      const overall = [...limits.values()].reduce((a, b) => (a > b ? a : b), '')
      return E.right({
        ix,
        at,
        admits: (s: Step) => {
          if (!policy.admits.has(s.tier)) return false
          if (s.tier !== 'on-screen') return s.key <= overall
          const limit = limits.get(s.series)
          return limit !== undefined && s.key <= limit
        },
      })
    }
    default: {
      const never: never = cut
      return never
    }
  }
}

/**
 * A record's steps where the reading stands: its head, which an event at or before that position
 * last touched, or its steps as the ledger read at that earlier position.
 */
const entityStepsFor = (r: Reading, e: EntityRecord): Pick<EntityHead, 'steps' | 'edges'> =>
  r.at >= e.last ? entityHead(r.ix, e) : entityStepsAt(r.ix, e, r.at)

const entityAt = (
  r: Reading,
  e: EntityRecord,
): { state: EntityState | undefined; introduced: string } => {
  if (r.search !== undefined && r.at >= e.last) {
    const head = entityHead(r.ix, e)
    const v = lastAtOrBefore<EntityVersion, string>(
      head[r.search.policy],
      r.search.key,
      (x) => x.key,
    )
    const intro = head.steps.find((s) => s.change._tag === 'Introduced')
    return { state: v?.state, introduced: intro?.ord ?? '' }
  }
  return foldEntity(entityStepsFor(r, e).steps, r.admits)
}

interface Live {
  readonly state: ClaimState
  readonly first: string
}

const claimAt = (r: Reading, c: ClaimRecord): Live | undefined => {
  if (r.search !== undefined && r.at >= c.last) {
    const v = lastAtOrBefore<ClaimVersion, string>(
      claimHead(r.ix, c)[r.search.policy],
      r.search.key,
      (x) => x.key,
    )
    return v?.state === undefined ? undefined : (v as Live)
  }
  const fold = foldClaim(c.id, claimStepsAt(r.ix, c, r.at), r.admits)
  return fold.state === undefined ? undefined : { state: fold.state, first: fold.first }
}

interface Member {
  readonly record: EntityRecord
  readonly state: EntityState
  readonly introduced: string
}

/** Follows identifications as `canonicalEntity` does (same hop bound, same result on cycles). */
const canonicalOf = (links: ReadonlyMap<EntityId, EntityId>, id: EntityId): EntityId => {
  let current = id
  for (let hops = 0; hops < 64; hops++) {
    const next = links.get(current)
    if (next === undefined) return current
    current = next
  }
  return current
}

/**
 * The identification group of `start` at the cut: walks the identifications in effect (admitted,
 * both entities already introduced) and keeps the entities that lead to the same root.
 */
const groupOf = (
  ix: TemporalIndex,
  r: Reading,
  start: Member,
): { root: Member | undefined; members: ReadonlyArray<Member> } => {
  // Most entities were never identified with another: nothing to walk.
  if (entityStepsFor(r, start.record).edges.length === 0) return { root: start, members: [start] }
  const memberOf = new Map<EntityId, Member | undefined>([[start.record.id, start]])
  const resolve = (id: EntityId): Member | undefined => {
    if (memberOf.has(id)) return memberOf.get(id)
    const record = entityRecordOf(ix, id)
    const at = record === undefined ? undefined : entityAt(r, record)
    const m =
      record === undefined || at?.state === undefined
        ? undefined
        : { record, state: at.state, introduced: at.introduced }
    memberOf.set(id, m)
    return m
  }
  const edges = new Map<string, Step>()
  const queue: Member[] = [start]
  const seen = new Set<EntityId>([start.record.id])
  for (let m = queue.pop(); m !== undefined; m = queue.pop()) {
    for (const edge of entityStepsFor(r, m.record).edges) {
      if (edge.change._tag !== 'Identified' || !r.admits(edge)) continue
      const a = resolve(edge.change.entity)
      const b = resolve(edge.change.sameAs)
      if (a === undefined || b === undefined) continue
      if (!(a.introduced < edge.ord && b.introduced < edge.ord)) continue
      edges.set(edge.ord, edge)
      for (const next of [a, b])
        if (!seen.has(next.record.id)) {
          seen.add(next.record.id)
          queue.push(next)
        }
    }
  }
  if (edges.size === 0) return { root: start, members: [start] }
  const links = new Map<EntityId, EntityId>()
  for (const edge of [...edges.values()].sort((x, y) => (x.ord < y.ord ? -1 : 1)))
    if (edge.change._tag === 'Identified') links.set(edge.change.sameAs, edge.change.entity)
  const root = canonicalOf(links, start.record.id)
  const members = [...seen]
    .map((id) => memberOf.get(id))
    .filter((m): m is Member => m !== undefined && canonicalOf(links, m.record.id) === root)
    .sort((x, y) => (x.introduced < y.introduced ? -1 : 1))
  // On a cycle of identifications the root need not lead to itself: it is then not in its group.
  return { root: memberOf.get(root), members }
}

/**
 * The entity's canon at a ledger position, a release cut and a policy: exactly what
 * `entityView(foldCanon(...))` answers there, read from the index.
 */
export const entityAsOf = (
  ix: TemporalIndex,
  id: EntityId,
  cut: ReleaseCut,
  policy: CanonPolicy,
  at?: bigint,
): E.Either<CutError, EntityView | undefined> => {
  const position = at === undefined ? ix.position : Number(at)
  const reading = readingOf(ix, cut, policy, position)
  if (E.isLeft(reading)) return reading
  const r = reading.right
  const record = entityRecordOf(ix, id)
  const self = record === undefined ? undefined : entityAt(r, record)
  if (record === undefined || self?.state === undefined) return E.right(undefined)
  const { root, members } = groupOf(ix, r, {
    record,
    state: self.state,
    introduced: self.introduced,
  })
  return E.right(root === undefined ? undefined : assemble(r, root, members))
}

/** Facts order: predicate, then tier, then where the fold first put the claim. */
const byFactOrder = (a: Live, b: Live): number =>
  a.state.predicate !== b.state.predicate
    ? a.state.predicate < b.state.predicate
      ? -1
      : 1
    : tierRank(a.state.tier) - tierRank(b.state.tier) || (a.first < b.first ? -1 : 1)

/** The live claims of the group's members at the reading, in facts order. */
/** Pushes the live claims the entity states at the reading (each claim is listed under every entity it was ever asserted about). */
const pushLive = (r: Reading, e: EntityRecord, live: Live[]): void => {
  const table = r.search === undefined ? undefined : factTable(r.ix, e, r.search.policy)
  if (table !== undefined && r.search !== undefined && r.at >= table.last) {
    // At the head: a search per claim in the entity's flat table.
    const { majors, keys, ends, versions, live: isLive } = table
    const { key, major } = r.search
    let start = 0
    for (let j = 0; j < ends.length; j++) {
      const end = ends[j] as number
      let lo = start
      let hi = end - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const m = majors[mid] as number
        if (m < major || (!(m > major) && (keys[mid] as string) <= key)) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
      if (found >= 0 && isLive[found] === 1) live.push(versions[found] as Live)
      start = end
    }
    return
  }
  for (const c of e.claims) {
    const at = claimAt(r, c)
    if (at !== undefined && at.state.status === 'live' && at.state.subject === e.id) live.push(at)
  }
}

/**
 * The live claims of the group's members at the reading, in facts order. A claim counts for
 * the member it is about: it is listed under that member (and, after a correction moved its
 * subject, under the other too, where its subject does not match), so none counts twice.
 */
const liveClaims = (r: Reading, members: ReadonlyArray<Member>): Live[] => {
  const live: Live[] = []
  for (const m of members) pushLive(r, m.record, live)
  // An entity keeps its claims by predicate, so one member's list is usually in order already.
  for (let i = 1; i < live.length; i++)
    if (byFactOrder(live[i - 1] as Live, live[i] as Live) > 0) return live.sort(byFactOrder)
  return live
}

const assemble = (r: Reading, root: Member, members: ReadonlyArray<Member>): EntityView => {
  const live = liveClaims(r, members)
  const facts: FactView[] = []
  for (let i = 0; i < live.length;) {
    const predicate = (live[i] as Live).state.predicate
    const claims: ClaimState[] = []
    for (; i < live.length && (live[i] as Live).state.predicate === predicate; i++)
      claims.push((live[i] as Live).state)
    // One claim agrees with itself: skip factStatus's content comparison (same answer).
    facts.push({ predicate, status: claims.length === 1 ? 'settled' : factStatus(claims), claims })
  }
  const entity = root.state
  if (members.length === 1 && members[0] === root)
    return {
      id: root.record.id,
      name: entity.name,
      aliases: [...new Set(entity.aliases)].filter((a) => a !== entity.name),
      identifiedWith: [],
      introducedBy: entity.introducedBy,
      facts,
    }
  const others = members.filter((m) => m.record.id !== root.record.id)
  const aliases = [
    ...new Set([...entity.aliases, ...others.flatMap((m) => [m.state.name, ...m.state.aliases])]),
  ].filter((a) => a !== entity.name)
  return {
    id: root.record.id,
    name: entity.name,
    aliases,
    identifiedWith: others.map((m) => m.record.id),
    introducedBy: entity.introducedBy,
    facts,
  }
}

/** How an entity is named at a cut: its own state, and the root of its identification group. */
export interface EntityNaming {
  readonly state: EntityState
  readonly root: EntityState | undefined
}

/**
 * Each entity's own state at the cut (absent when the cut does not admit it) and the root its
 * identifications lead to there, as `canonicalEntity` would follow them: what an answer needs
 * to name the entities it references, without assembling their facts.
 */
export const entityNamesAsOf = (
  ix: TemporalIndex,
  ids: Iterable<EntityId>,
  cut: ReleaseCut,
  policy: CanonPolicy,
  at?: bigint,
): E.Either<CutError, ReadonlyMap<EntityId, EntityNaming>> => {
  const position = at === undefined ? ix.position : Number(at)
  const reading = readingOf(ix, cut, policy, position)
  if (E.isLeft(reading)) return reading
  const r = reading.right
  const named = new Map<EntityId, EntityNaming>()
  for (const id of ids) {
    const record = entityRecordOf(ix, id)
    const self = record === undefined ? undefined : entityAt(r, record)
    if (record === undefined || self?.state === undefined) continue
    const { root } = groupOf(ix, r, { record, state: self.state, introduced: self.introduced })
    named.set(id, { state: self.state, root: root?.state })
  }
  return E.right(named)
}
