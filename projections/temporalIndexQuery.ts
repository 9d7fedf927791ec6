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
  EntityGen,
  EntityRecord,
  EntityVersion,
  Step,
  TemporalIndex,
} from './temporalIndexTypes'
import { genAt, lastAtOrBefore } from './temporalIndexTypes'
import type { Admits } from './temporalIndexFold'
import { foldClaim, foldEntity } from './temporalIndexFold'

/**
 * How a query reads the index. A prefix cut (latest, a release, a date) under one of the two
 * precomputed policies is a binary search in precomputed versions; any other cut (a viewer's
 * progress, a custom tier set) folds the few steps of each claim the entity holds.
 */
interface Reading {
  readonly at: number
  readonly admits: Admits
  readonly search?: { readonly key: string; readonly policy: 'onScreen' | 'all' }
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
  const prefix = (key: string): Reading => ({
    at,
    admits: (s) => policy.admits.has(s.tier) && s.key <= key,
    ...(standard === undefined ? {} : { search: { key, policy: standard } }),
  })
  switch (cut._tag) {
    case 'Latest':
      return E.right(prefix(MAX))
    case 'AsOfRelease': {
      const view = liveKey(ix, cut.release, at)
      return view === undefined
        ? E.left({ _tag: 'UnknownCutRelease', release: cut.release })
        : E.right(prefix(view.key))
    }
    case 'AsOfDate':
      // Keys start with the date and a '|': every key of that date sorts below this one.
      return E.right(prefix(`${cut.date}|${MAX}`))
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

const entityAt = (
  r: Reading,
  gen: EntityGen,
): { state: EntityState | undefined; introduced: string } => {
  if (r.search !== undefined) {
    const v = lastAtOrBefore<EntityVersion, string>(
      gen[r.search.policy],
      r.search.key,
      (x) => x.key,
    )
    const intro = gen.steps.find((s) => s.change._tag === 'Introduced')
    return { state: v?.state, introduced: intro?.ord ?? '' }
  }
  return foldEntity(gen.steps, r.admits)
}

const claimAt = (r: Reading, c: ClaimRecord): { state: ClaimState; first: string } | undefined => {
  const gen = genAt(c.gens, r.at)
  if (gen === undefined) return undefined
  if (r.search !== undefined) {
    const v = lastAtOrBefore<ClaimVersion, string>(gen[r.search.policy], r.search.key, (x) => x.key)
    return v?.state === undefined ? undefined : { state: v.state, first: v.first }
  }
  const fold = foldClaim(c.id, gen, r.admits)
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
  const memberOf = new Map<EntityId, Member | undefined>([[start.record.id, start]])
  const resolve = (id: EntityId): Member | undefined => {
    if (memberOf.has(id)) return memberOf.get(id)
    const record = ix.entities.get(id)
    const gen = record === undefined ? undefined : genAt(record.gens, r.at)
    const at = gen === undefined ? undefined : entityAt(r, gen)
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
    const gen = genAt(m.record.gens, r.at)
    for (const edge of gen?.edges ?? []) {
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
  const record = ix.entities.get(id)
  const gen = record === undefined ? undefined : genAt(record.gens, position)
  const self = gen === undefined ? undefined : entityAt(r, gen)
  if (record === undefined || self?.state === undefined) return E.right(undefined)
  const { root, members } = groupOf(ix, r, {
    record,
    state: self.state,
    introduced: self.introduced,
  })
  return E.right(root === undefined ? undefined : assemble(r, root, members))
}

const assemble = (r: Reading, root: Member, members: ReadonlyArray<Member>): EntityView => {
  const ids = new Set<EntityId>(members.map((m) => m.record.id))
  const live: Array<{ state: ClaimState; first: string }> = []
  const seen = new Set<ClaimRecord>()
  for (const m of members)
    for (const c of m.record.claims) {
      if (seen.has(c)) continue
      seen.add(c)
      const at = claimAt(r, c)
      if (at !== undefined && at.state.status === 'live' && ids.has(at.state.subject)) live.push(at)
    }
  live.sort((a, b) =>
    a.state.predicate !== b.state.predicate
      ? a.state.predicate < b.state.predicate
        ? -1
        : 1
      : tierRank(a.state.tier) - tierRank(b.state.tier) || (a.first < b.first ? -1 : 1),
  )
  const facts: FactView[] = []
  for (let i = 0; i < live.length;) {
    const predicate = (live[i] as (typeof live)[number]).state.predicate
    const claims: ClaimState[] = []
    for (; i < live.length && (live[i] as (typeof live)[number]).state.predicate === predicate; i++)
      claims.push((live[i] as (typeof live)[number]).state)
    // One claim agrees with itself: skip factStatus's content comparison (same answer).
    facts.push({ predicate, status: claims.length === 1 ? 'settled' : factStatus(claims), claims })
  }
  const others = members.filter((m) => m.record.id !== root.record.id)
  const entity = root.state
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
    const record = ix.entities.get(id)
    const gen = record === undefined ? undefined : genAt(record.gens, position)
    const self = gen === undefined ? undefined : entityAt(r, gen)
    if (record === undefined || self?.state === undefined) continue
    const { root } = groupOf(ix, r, { record, state: self.state, introduced: self.introduced })
    named.set(id, { state: self.state, root: root?.state })
  }
  return E.right(named)
}
