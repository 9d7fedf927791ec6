import type { EntityId, Predicate } from '../../src/domain/ids'
import type { CanonState, ClaimState } from './canon'
import { canonicalEntity, factStatus } from './entityView'
import type { DiffChange, FactAt, FactDiff } from './diff'

/**
 * Every entity of the state with its canonical entity, each walk done once. A walk is bounded
 * (canonicalEntity stops after a fixed number of hops), so this is linear in the entities.
 */
export const rootsOf = (state: CanonState): ReadonlyMap<EntityId, EntityId> => {
  const roots = new Map<EntityId, EntityId>()
  for (const id of state.entities.keys()) roots.set(id, canonicalEntity(state, id))
  return roots
}

/** The entities of the state whose canonical entity is `root` (roots from `rootsOf`). */
export const groupAt = (
  roots: ReadonlyMap<EntityId, EntityId>,
  root: EntityId,
): ReadonlySet<EntityId> => {
  const members = new Set<EntityId>()
  for (const [id, r] of roots) if (r === root) members.add(id)
  return members
}

/** Live claims of one fact touched, at A and at B, each in its state's claim order. */
interface FactSlot {
  readonly a: ClaimState[]
  readonly b: ClaimState[]
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0)

const factAt = (claims: ReadonlyArray<ClaimState>): FactAt | undefined =>
  claims.length === 0 ? undefined : { status: factStatus(claims), claims }

/**
 * Per fact touched by the changes, ordered by (canonical entity at B, predicate): its live
 * claims at A (the entity's group at B, restricted to the entities A admits) and at B (that
 * group at B). One pass over each state's claims fills every fact touched, so the claims keep
 * the order of the state's claim map, as a filter over that map would give. Linear in the
 * claims of both states plus the changes (and a sort of the facts touched).
 */
export const factsOf = (
  changes: ReadonlyArray<DiffChange>,
  stateA: CanonState,
  stateB: CanonState,
  rootsB: ReadonlyMap<EntityId, EntityId>,
): ReadonlyArray<FactDiff> => {
  // Facts touched, keyed by entity then predicate (ids hold no spaces, so this is the same
  // identity as the "entity predicate" text key the quadratic version used).
  const slots = new Map<EntityId, Map<Predicate, FactSlot>>()
  for (const c of changes)
    if (c.predicate !== undefined) {
      const entity = rootsB.get(c.entity) ?? canonicalEntity(stateB, c.entity)
      let byPredicate = slots.get(entity)
      if (byPredicate === undefined)
        slots.set(entity, (byPredicate = new Map<Predicate, FactSlot>()))
      if (!byPredicate.has(c.predicate)) byPredicate.set(c.predicate, { a: [], b: [] })
    }
  // Each entity of B in a touched group, straight to its group's facts. Entities never leave a
  // fold, so every entity A admits is one B admits and its group is the one at B; a claim whose
  // subject B does not admit belongs to no group.
  const bySubject = new Map<EntityId, ReadonlyMap<Predicate, FactSlot>>()
  for (const [id, root] of rootsB) {
    const byPredicate = slots.get(root)
    if (byPredicate !== undefined) bySubject.set(id, byPredicate)
  }
  for (const claim of stateA.claims.values())
    if (claim.status === 'live' && stateA.entities.has(claim.subject))
      bySubject.get(claim.subject)?.get(claim.predicate)?.a.push(claim)
  for (const claim of stateB.claims.values())
    if (claim.status === 'live') bySubject.get(claim.subject)?.get(claim.predicate)?.b.push(claim)
  const facts: FactDiff[] = []
  for (const entity of [...slots.keys()].sort(byCodeUnits)) {
    const byPredicate = slots.get(entity) ?? new Map<Predicate, FactSlot>()
    for (const predicate of [...byPredicate.keys()].sort(byCodeUnits)) {
      const slot = byPredicate.get(predicate)
      facts.push({ entity, predicate, before: factAt(slot?.a ?? []), after: factAt(slot?.b ?? []) })
    }
  }
  return facts
}
