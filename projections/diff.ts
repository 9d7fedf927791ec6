import type { ClaimId, EntityId, Predicate } from '../src/domain/ids'
import type { Change, RevisionKind } from '../src/domain/change'
import type { Value } from '../src/domain/value'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import { tierOf } from '../src/domain/release'
import type { ReleaseView } from './ledgerView'
import type { CanonState, ClaimState } from './canon'
import { applyRelease, claimOrigins, emptyBuilder } from './canon'
import type { FactView } from './entityView'
import { canonicalEntity, factStatus } from './entityView'

/** A change's class in a diff. Revisions carry their stated kind. */
export type DiffClass =
  | { readonly _tag: 'asserted' }
  | { readonly _tag: 'confirmed' }
  | { readonly _tag: 'revised'; readonly kind: RevisionKind }
  | { readonly _tag: 'retracted' }
  | { readonly _tag: 'identified' }
  | { readonly _tag: 'introduced' }
  | { readonly _tag: 'aliased' }

export interface DiffChange {
  readonly release: ReleaseView
  readonly class: DiffClass
  /** The entity changed (for identifications, the one that keeps its id). */
  readonly entity: EntityId
  readonly predicate?: Predicate
  readonly claim?: ClaimId
  readonly before?: Value
  readonly after?: Value
  readonly other?: EntityId
  readonly name?: string
  readonly settles?: ReadonlyArray<ClaimId>
}

/** One fact touched between the cuts: its live claims at A and at B. */
export interface FactDiff {
  readonly entity: EntityId
  readonly predicate: Predicate
  readonly before: FactAt | undefined
  readonly after: FactAt | undefined
}

export interface FactAt {
  readonly status: FactView['status']
  readonly claims: ReadonlyArray<ClaimState>
}

export interface Diff {
  /** The releases in (A, B] under the policy, in release order. */
  readonly releases: ReadonlyArray<ReleaseView>
  readonly changes: ReadonlyArray<DiffChange>
  readonly facts: ReadonlyArray<FactDiff>
  readonly to: CanonState
}

const classOf = (change: Change): DiffClass => {
  switch (change._tag) {
    case 'Revised':
      return { _tag: 'revised', kind: change.kind }
    case 'Asserted':
      return { _tag: 'asserted' }
    case 'Confirmed':
      return { _tag: 'confirmed' }
    case 'Retracted':
      return { _tag: 'retracted' }
    case 'Identified':
      return { _tag: 'identified' }
    case 'Introduced':
      return { _tag: 'introduced' }
    case 'Aliased':
      return { _tag: 'aliased' }
    default: {
      const never: never = change
      return never
    }
  }
}

/**
 * Every entity of the state with its canonical entity, each walk done once. A walk is bounded
 * (canonicalEntity stops after a fixed number of hops), so this is linear in the entities.
 */
const rootsOf = (state: CanonState): ReadonlyMap<EntityId, EntityId> => {
  const roots = new Map<EntityId, EntityId>()
  for (const id of state.entities.keys()) roots.set(id, canonicalEntity(state, id))
  return roots
}

/** The entities of the state whose canonical entity is `root` (roots from `rootsOf`). */
const groupAt = (roots: ReadonlyMap<EntityId, EntityId>, root: EntityId): ReadonlySet<EntityId> => {
  const members = new Set<EntityId>()
  for (const [id, r] of roots) if (r === root) members.add(id)
  return members
}

/**
 * What changed between two cuts: every change of the releases that B admits and A does not,
 * applied one by one on top of canon at A, so each carries the value before and after it.
 * Changes about entities that B does not admit are left out (spoiler safety). `entity`
 * restricts to one entity and everything identified with it at B.
 */
export const diff = (
  allReleases: ReadonlyArray<ReleaseView>,
  admittedA: ReadonlyArray<ReleaseView>,
  admittedB: ReadonlyArray<ReleaseView>,
  policy: CanonPolicy,
  entity?: EntityId,
): Diff => {
  const origins = claimOrigins(allReleases)
  const inA = new Set(admittedA.map((r) => r.release.id))
  const b = emptyBuilder()
  for (const r of admittedA) applyRelease(b, r, policy, origins)
  const stateA: CanonState = { releases: admittedA, ...cloneBuilder(b) }
  const between = admittedB.filter(
    (r) => !inA.has(r.release.id) && policy.admits.has(tierOf(r.release.kind)),
  )
  const raw: Array<Omit<DiffChange, 'entity'> & { readonly subject: EntityId }> = []
  for (const r of between)
    for (const change of r.changes) {
      const claim = 'claim' in change ? change.claim : undefined
      const before = claim === undefined ? undefined : b.claims.get(claim)
      applyRelease(b, { ...r, changes: [change] }, policy, origins)
      const after = claim === undefined ? undefined : b.claims.get(claim)
      const subject =
        change._tag === 'Identified' || change._tag === 'Introduced' || change._tag === 'Aliased'
          ? change.entity
          : (after ?? before)?.subject
      if (subject === undefined) continue
      // An identification of entities this cut does not both admit takes no effect here.
      if (change._tag === 'Identified' && b.identifiedWith.get(change.sameAs) !== change.entity)
        continue
      raw.push({
        release: r,
        class: classOf(change),
        subject,
        ...(after === undefined ? {} : { predicate: after.predicate }),
        ...(claim === undefined ? {} : { claim }),
        ...(before === undefined || before.status !== 'live' ? {} : { before: before.value }),
        ...(after === undefined || after.status !== 'live' ? {} : { after: after.value }),
        ...(change._tag === 'Identified' ? { other: change.sameAs } : {}),
        ...(change._tag === 'Introduced' ? { name: change.name } : {}),
        ...(change._tag === 'Aliased' ? { name: change.alias } : {}),
        ...(change._tag === 'Revised' && change.settles !== undefined
          ? { settles: change.settles }
          : {}),
      })
    }
  const stateB: CanonState = {
    releases: admittedB.filter((r) => policy.admits.has(tierOf(r.release.kind))),
    ...b,
  }
  const rootsB = rootsOf(stateB)
  const root = entity === undefined ? undefined : canonicalEntity(stateB, entity)
  const members = root === undefined ? undefined : groupAt(rootsB, root)
  const changes: DiffChange[] = raw
    .filter((c) => stateB.entities.has(c.subject))
    .filter(
      (c) =>
        members === undefined ||
        members.has(c.subject) ||
        (c.other !== undefined && members.has(c.other)),
    )
    .map(({ subject, ...rest }) => ({ ...rest, entity: subject }))
  return { releases: between, changes, facts: factsOf(changes, stateA, stateB, rootsB), to: stateB }
}

const cloneBuilder = (b: ReturnType<typeof emptyBuilder>) => ({
  entities: new Map(b.entities),
  identifiedWith: new Map(b.identifiedWith),
  claims: new Map(b.claims),
})

/** Live claims of one fact touched, at A and at B, in each state's claim order. */
interface FactSlot {
  readonly a: ClaimState[]
  readonly b: ClaimState[]
}

/**
 * Per fact touched: its live claims at A (the entity's group at B, restricted to the entities A
 * admits) and at B (the group at B). One pass over each state's claims fills every fact touched,
 * so claims keep the order of the state's claim map, as a filter over it would give.
 */
const factsOf = (
  changes: ReadonlyArray<DiffChange>,
  stateA: CanonState,
  stateB: CanonState,
  rootsB: ReadonlyMap<EntityId, EntityId>,
): ReadonlyArray<FactDiff> => {
  const seen = new Map<string, { readonly entity: EntityId; readonly predicate: Predicate }>()
  for (const c of changes)
    if (c.predicate !== undefined) {
      const entity = rootsB.get(c.entity) ?? canonicalEntity(stateB, c.entity)
      seen.set(`${entity} ${c.predicate}`, { entity, predicate: c.predicate })
    }
  const touched = [...seen.values()].sort((x, y) =>
    x.entity < y.entity
      ? -1
      : x.entity > y.entity
        ? 1
        : x.predicate < y.predicate
          ? -1
          : x.predicate > y.predicate
            ? 1
            : 0,
  )
  const slots = new Map<EntityId, Map<Predicate, FactSlot>>()
  for (const { entity, predicate } of touched) {
    const byPredicate = slots.get(entity) ?? new Map<Predicate, FactSlot>()
    if (!byPredicate.has(predicate)) byPredicate.set(predicate, { a: [], b: [] })
    slots.set(entity, byPredicate)
  }
  // Entities never leave a fold, so every entity A admits is one B admits: its group is the
  // one at B, and a claim's subject outside B's entities belongs to no group.
  const slotOf = (entities: ReadonlyMap<EntityId, unknown>, claim: ClaimState) => {
    if (claim.status !== 'live' || !entities.has(claim.subject)) return undefined
    const root = rootsB.get(claim.subject)
    return root === undefined ? undefined : slots.get(root)?.get(claim.predicate)
  }
  for (const claim of stateA.claims.values()) slotOf(stateA.entities, claim)?.a.push(claim)
  for (const claim of stateB.claims.values()) slotOf(stateB.entities, claim)?.b.push(claim)
  const factAt = (claims: ReadonlyArray<ClaimState>): FactAt | undefined =>
    claims.length === 0 ? undefined : { status: factStatus(claims), claims }
  return touched.map(({ entity, predicate }) => {
    const slot = slots.get(entity)?.get(predicate)
    return {
      entity,
      predicate,
      before: factAt(slot?.a ?? []),
      after: factAt(slot?.b ?? []),
    }
  })
}
