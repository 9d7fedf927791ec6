import * as E from 'fp-ts/Either'
import type { EntityId } from '../domain/ids'
import type { Value } from '../domain/value'
import type { CanonState, EntityState } from '../../projections/canon'
import type { EntityView } from '../../projections/entityView'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'
import { entityAsOf, entityNamesAsOf } from '../../projections/temporalIndexQuery'
import type { CutKeys } from './cutKeys'
import { cutAnswerOf } from './cutKeys'
import type { AppError } from './errors'
import { entityAnswerOf } from './renderEntity'
import type { EntityAnswer, EntityQuery } from './queryTypes'

/** Every entity an answer about `view` names: its identified members, claim subjects, values. */
const referencedIds = (view: EntityView): ReadonlySet<EntityId> => {
  const ids = new Set<EntityId>(view.identifiedWith)
  const visit = (value: Value): void => {
    if (value._tag === 'EntityRef') ids.add(value.entity)
    else if (value._tag === 'List') value.items.forEach(visit)
  }
  for (const fact of view.facts)
    for (const claim of fact.claims) {
      ids.add(claim.subject)
      visit(claim.value)
    }
  return ids
}

/**
 * The slice of canon at the cut that naming needs: the referenced entities (and their roots)
 * with one identification link each, straight to the root, so `nameAt` and `canonicalEntity`
 * read it as they read the full fold. Undefined when a root is itself linked further (only on
 * a cycle of identifications): one hop would then not say what the fold's walk says.
 */
const namingState = (
  ix: TemporalIndex,
  view: EntityView,
  q: EntityQuery,
  at: bigint,
): CanonState | undefined => {
  const named = entityNamesAsOf(ix, referencedIds(view), q.cut, q.policy, at)
  if (E.isLeft(named)) return undefined
  const entities = new Map<EntityId, EntityState>()
  const identifiedWith = new Map<EntityId, EntityId>()
  for (const [id, n] of named.right) {
    entities.set(id, n.state)
    if (n.root === undefined) return undefined
    entities.set(n.root.id, n.root)
    if (n.root.id !== id) identifiedWith.set(id, n.root.id)
  }
  for (const root of identifiedWith.values()) if (identifiedWith.has(root)) return undefined
  return { releases: [], entities, identifiedWith, claims: new Map() }
}

/**
 * "Entity as of a cut" read from the temporal index: a search per entity, no fold. It answers
 * only a query naming an entity by its exact id that the cut admits; for anything else (a name,
 * an alias, a miss with its spoiler-safe suggestions, an unknown cut release) it returns
 * undefined and the caller folds. Its answer is the fold's answer, field for field.
 */
export const indexedEntityAsOf = (
  ix: TemporalIndex,
  keys: CutKeys,
  q: EntityQuery,
): E.Either<AppError, EntityAnswer> | undefined => {
  const id = q.entity as EntityId
  if (!ix.entities.has(id)) return undefined
  const at = cutAnswerOf(keys, q.cut, q.policy)
  if (at === undefined) return undefined
  const found = entityAsOf(ix, id, q.cut, q.policy, keys.view.position)
  if (E.isLeft(found) || found.right === undefined) return undefined
  const view = found.right
  const state = namingState(ix, view, q, keys.view.position)
  if (state === undefined) return undefined
  return E.right({
    at,
    matched: { query: q.entity, text: id, by: 'id' },
    ...entityAnswerOf(state, keys.refs, view),
  })
}
