import * as E from 'fp-ts/Either'
import type { EntityId } from '../domain/ids'
import type { Value } from '../domain/value'
import type { CanonState, EntityState } from '../../projections/canon'
import type { EntityView } from '../../projections/entityView'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'
import { entityAsOf, entityNamesAsOf } from '../../projections/temporalIndexQuery'
import { entityRecordOf, materializeAll } from '../../projections/temporalIndexLazy'
import type { CutKeys } from './cutKeys'
import { cutAnswerOf } from './cutKeys'
import type { AppError } from './errors'
import { entityAnswerOf } from './renderEntity'
import type { AtCut } from './cutResolution'
import { resolveEntity } from './cutResolution'
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
  ids: Iterable<EntityId>,
  q: EntityQuery,
  at: bigint,
): CanonState | undefined => {
  const named = entityNamesAsOf(ix, ids, q.cut, q.policy, at)
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
 * "Entity as of a cut" read from the temporal index: a search per entity, no fold. A query
 * naming an entity by its exact id that the cut admits costs a few searches; any other query (a
 * name, an alias, a miss with its spoiler-safe suggestions) first names every entity at the
 * cut from the index, then resolves the query there as the fold path does. It returns undefined
 * (the caller folds) only for an unknown cut release (refused before any fold) and on a cycle of
 * identifications. Its answer is the fold's answer, field for field.
 */
export const indexedEntityAsOf = (
  ix: TemporalIndex,
  keys: CutKeys,
  q: EntityQuery,
): E.Either<AppError, EntityAnswer> | undefined => {
  const at = cutAnswerOf(keys, q.cut, q.policy)
  if (at === undefined) return undefined
  const position = keys.view.position
  const render = (
    view: EntityView,
    matched: EntityAnswer['matched'],
    state: CanonState | undefined,
  ): E.Either<AppError, EntityAnswer> | undefined =>
    state === undefined
      ? undefined
      : E.right({ at, matched, ...entityAnswerOf(state, keys.refs, view) })
  const exact = q.entity as EntityId
  // A lazily restored index materializes the entity here, or says it has none by that id.
  if (entityRecordOf(ix, exact) !== undefined) {
    const found = entityAsOf(ix, exact, q.cut, q.policy, position)
    if (E.isLeft(found)) return undefined
    if (found.right !== undefined)
      return render(
        found.right,
        { query: q.entity, text: exact, by: 'id' },
        namingState(ix, referencedIds(found.right), q, position),
      )
  }
  // Naming every entity at the cut needs every record in memory.
  const everyone = namingState(ix, materializeAll(ix).entities.keys(), q, position)
  if (everyone === undefined) return undefined
  // `resolveEntity` reads only the state, the cut and the policy of what it is given.
  const atCut: AtCut = {
    view: keys.view,
    cut: q.cut,
    policy: q.policy,
    admitted: [],
    state: everyone,
  }
  const resolved = resolveEntity(atCut, q.entity)
  if (E.isLeft(resolved)) return resolved
  const { entity, matched } = resolved.right
  const found = entityAsOf(ix, entity, q.cut, q.policy, position)
  if (E.isLeft(found)) return undefined
  return found.right === undefined
    ? E.left({ _tag: 'NotFound', what: `entity '${q.entity}'`, suggestions: [] })
    : render(found.right, { query: q.entity, text: matched.text, by: matched.by }, everyone)
}
