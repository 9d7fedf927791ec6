import type { EntityId } from '../../src/domain/ids'
import type { Closeness } from '../port/closest'
import { closeEnough, closeness, compareCloseness, editDistance, folded } from '../port/closest'
import type { CanonState } from './canon'
import { canonicalEntity } from './entityView'

/**
 * Finding an entity by what a user types: its id, its name or an alias, case-insensitively.
 * Every candidate is drawn from the canon state at the cut, so neither a match nor a
 * suggestion can name an entity, name or alias that the cut excludes (spoiler safety).
 */
export interface Candidate {
  readonly entity: EntityId
  readonly text: string
  readonly by: 'id' | 'name' | 'alias'
}

export type LookupResult =
  | { readonly _tag: 'Found'; readonly entity: EntityId; readonly matched: Candidate }
  | { readonly _tag: 'Ambiguous'; readonly candidates: ReadonlyArray<Candidate> }
  | { readonly _tag: 'Missing'; readonly suggestions: ReadonlyArray<string> }

export interface SearchHit {
  readonly entity: EntityId
  readonly matched: Candidate
  /** 0 exact, 1 prefix, 2 contains, 3 close spelling. */
  readonly rank: 0 | 1 | 2 | 3
  readonly distance: number
}

/** Every id, name and alias the state admits, in a stable order. */
export const candidatesOf = (state: CanonState): ReadonlyArray<Candidate> =>
  [...state.entities.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((e): Candidate[] => [
      { entity: e.id, text: e.id, by: 'id' },
      { entity: e.id, text: e.name, by: 'name' },
      ...e.aliases.map((alias): Candidate => ({ entity: e.id, text: alias, by: 'alias' })),
    ])

/**
 * How a suggestion names an entity: by its name at the cut, which a lookup finds; by its id
 * when another entity the cut admits has the same name (the name would be ambiguous).
 */
const suggestionName = (state: CanonState, entity: EntityId): string => {
  const name = state.entities.get(entity)?.name
  if (name === undefined) return entity
  const same = [...state.entities.values()].filter((e) => folded(e.name) === folded(name))
  return same.length > 1 ? entity : name
}

/**
 * Suggestions for a miss, one per entity, closest first (`closeness`: a prefix of a name,
 * alias or id, a prefix of one of its words, a plausible misspelling), each named by
 * `suggestionName`, at most `limit`.
 */
export const suggest = (state: CanonState, query: string, limit = 5): ReadonlyArray<string> => {
  const best = new Map<EntityId, Closeness>()
  for (const c of candidatesOf(state)) {
    const close = closeness(query, c.text)
    const previous = best.get(c.entity)
    if (close !== undefined && (previous === undefined || compareCloseness(close, previous) < 0))
      best.set(c.entity, close)
  }
  const named = [...best.entries()].map(([entity, close]) => ({
    text: suggestionName(state, entity),
    close,
  }))
  return [
    ...new Set(
      named
        .sort(
          (a, b) =>
            compareCloseness(a.close, b.close) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
        )
        .map((s) => s.text),
    ),
  ].slice(0, limit)
}

/**
 * Resolves a query: an exact id first, else a name or alias. Several matches that are one
 * entity (identified with each other) resolve to it; matches that are distinct entities are
 * ambiguous, never silently picked.
 */
export const lookupEntity = (state: CanonState, query: string): LookupResult => {
  const q = folded(query)
  const matches = candidatesOf(state).filter((c) => folded(c.text) === q)
  const byId = matches.find((c) => c.by === 'id')
  if (byId !== undefined) return { _tag: 'Found', entity: byId.entity, matched: byId }
  const first = matches[0]
  if (first === undefined) return { _tag: 'Missing', suggestions: suggest(state, query) }
  const roots = new Set(matches.map((c) => canonicalEntity(state, c.entity)))
  if (roots.size > 1) return { _tag: 'Ambiguous', candidates: matches }
  const byName = matches.find((c) => c.by === 'name') ?? first
  return { _tag: 'Found', entity: byName.entity, matched: byName }
}

/**
 * How a folded text matches a folded search text, best first: 0 the same, 1 a prefix, 2
 * contained, 3 close (`close`: within the edits the search's length allows); none otherwise.
 */
export const matchRank = (
  q: string,
  text: string,
  close: () => boolean,
): SearchHit['rank'] | undefined =>
  text === q ? 0 : text.startsWith(q) ? 1 : text.includes(q) ? 2 : close() ? 3 : undefined

/** Entities whose id, name or alias matches a search text: exact, prefix, contained, or close. */
export const searchEntities = (
  state: CanonState,
  query: string,
  limit = 20,
): ReadonlyArray<SearchHit> => {
  const q = folded(query)
  const best = new Map<EntityId, SearchHit>()
  for (const c of candidatesOf(state)) {
    const text = folded(c.text)
    const distance = editDistance(q, text)
    const rank = matchRank(q, text, () => closeEnough(q, distance))
    if (rank === undefined) continue
    const hit: SearchHit = { entity: c.entity, matched: c, rank, distance }
    const previous = best.get(c.entity)
    if (
      previous === undefined ||
      rank < previous.rank ||
      (rank === previous.rank && distance < previous.distance)
    )
      best.set(c.entity, hit)
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.distance - b.distance ||
        (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0),
    )
    .slice(0, limit)
}
