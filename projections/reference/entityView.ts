import type { EntityId, Predicate } from '../../src/domain/ids'
import type { ClaimState, CanonState, EntityState } from './canon'
import { tierRank } from '../../src/domain/release'
import { sameContent } from '../../src/domain/json'

/** One fact (subject, predicate) at a cut: its live claims, and whether they agree. */
export interface FactView {
  readonly predicate: Predicate
  /** `conflict` when the best-ranked claims disagree: all of them are shown, none silently wins. */
  readonly status: 'settled' | 'conflict'
  /** Live claims, canon before secondary, then in order of their first source. */
  readonly claims: ReadonlyArray<ClaimState>
}

export interface EntityView {
  readonly id: EntityId
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  /** Entities identified with this one at the cut (their names are among the aliases). */
  readonly identifiedWith: ReadonlyArray<EntityId>
  readonly introducedBy: string
  readonly facts: ReadonlyArray<FactView>
}

/**
 * Follows identifications to the entity that stands for a merged group. `decide` keeps the
 * links a forest; the hop bound only ends a walk on a cycle recorded before that check.
 */
export const canonicalEntity = (state: CanonState, id: EntityId): EntityId => {
  let current = id
  for (let hops = 0; hops < 64; hops++) {
    const next = state.identifiedWith.get(current)
    if (next === undefined) return current
    current = next
  }
  return current
}

/** The entities of the state identified into `root` (with it), in the state's order. */
export const groupOf = (state: CanonState, root: EntityId): ReadonlyArray<EntityState> =>
  [...state.entities.values()].filter((e) => canonicalEntity(state, e.id) === root)

export const factStatus = (claims: ReadonlyArray<ClaimState>): FactView['status'] => {
  const best = Math.min(...claims.map((c) => tierRank(c.tier)))
  const top = claims.filter((c) => tierRank(c.tier) === best)
  return top.every((c) => sameContent(c.value, top[0]?.value)) ? 'settled' : 'conflict'
}

/** The entity's canon at the state's cut, or undefined if the cut does not admit it. */
export const entityView = (state: CanonState, id: EntityId): EntityView | undefined => {
  if (!state.entities.has(id)) return undefined
  const root = canonicalEntity(state, id)
  const entity = state.entities.get(root)
  if (entity === undefined) return undefined
  const group = groupOf(state, root)
  const members = new Set(group.map((e) => e.id))
  const byPredicate = new Map<Predicate, ClaimState[]>()
  for (const claim of state.claims.values()) {
    if (claim.status !== 'live' || !members.has(claim.subject)) continue
    const list = byPredicate.get(claim.predicate) ?? []
    list.push(claim)
    byPredicate.set(claim.predicate, list)
  }
  const facts = [...byPredicate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([predicate, claims]): FactView => {
      const ordered = [...claims].sort((a, b) => tierRank(a.tier) - tierRank(b.tier))
      return { predicate, status: factStatus(ordered), claims: ordered }
    })
  const aliases = [
    ...new Set([
      ...entity.aliases,
      ...group.filter((e) => e.id !== root).flatMap((e) => [e.name, ...e.aliases]),
    ]),
  ].filter((a) => a !== entity.name)
  return {
    id: root,
    name: entity.name,
    aliases,
    identifiedWith: group.filter((e) => e.id !== root).map((e) => e.id),
    introducedBy: entity.introducedBy,
    facts,
  }
}
