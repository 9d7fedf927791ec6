import type { EntityId } from '../../src/domain/ids'
import type { Candidate, SearchHit } from '../reference/lookup'
import { closeEnough, editDistance, folded } from '../port/closest'
import type { At } from './at'
import type { EntityAt } from './entityFold'
import { entityAt, rootAt } from './entityFold'

/**
 * Finding entities by what a user types, with the reference's rules (reference/lookup.ts):
 * every candidate is an id, name or alias the cut admits, so nothing found or suggested can
 * name what the cut excludes.
 */
export type Found =
  | { readonly _tag: 'Found'; readonly entity: number; readonly matched: Candidate }
  | { readonly _tag: 'Ambiguous'; readonly candidates: ReadonlyArray<Candidate> }
  | { readonly _tag: 'Missing'; readonly suggestions: ReadonlyArray<string> }

/** An entity's candidates at the cut, in the reference's order: id, name, aliases. */
export const candidatesOfEntity = (at: At, s: EntityAt): Candidate[] => {
  const entity = at.a.ix.entities.text(s.e) as EntityId
  return [
    { entity, text: entity, by: 'id' },
    { entity, text: s.name, by: 'name' },
    ...s.aliases.map((alias): Candidate => ({ entity, text: alias, by: 'alias' })),
  ]
}

const byId = (at: At) => (x: number, y: number) => {
  const a = at.a.ix.entities.text(x)
  const b = at.a.ix.entities.text(y)
  return a < b ? -1 : a > b ? 1 : 0
}

/** Every entity the cut admits, ordered by id (the reference's candidate order). */
const entitiesAt = (at: At): EntityAt[] => {
  const out: EntityAt[] = []
  for (let e = 0; e < at.a.ix.entities.size; e++) {
    const s = entityAt(at, e)
    if (s !== undefined) out.push(s)
  }
  const order = byId(at)
  return out.sort((x, y) => order(x.e, y.e))
}

export const suggestAt = (at: At, query: string, limit = 5): ReadonlyArray<string> => {
  const q = folded(query)
  const best = new Map<number, { readonly text: string; readonly distance: number }>()
  for (const s of entitiesAt(at))
    for (const c of candidatesOfEntity(at, s)) {
      const distance = editDistance(q, folded(c.text))
      const previous = best.get(s.e)
      if (closeEnough(q, distance) && (previous === undefined || distance < previous.distance))
        best.set(s.e, { text: c.text, distance })
    }
  return [...best.values()]
    .sort((a, b) => a.distance - b.distance || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, limit)
    .map((s) => s.text)
}

/** Resolves what a user typed: an id first, else a name or alias that names one entity group. */
export const lookupAt = (at: At, query: string): Found => {
  const ix = at.a.ix
  const q = folded(query)
  // An id matches only its own entity (ids are unique, and fold to themselves): when the cut
  // admits it, it is found by id whatever else the text names.
  const byIdText = ix.entities.find(q)
  if (byIdText >= 0 && entityAt(at, byIdText) !== undefined) {
    const entity = ix.entities.text(byIdText) as EntityId
    return { _tag: 'Found', entity: byIdText, matched: { entity, text: entity, by: 'id' } }
  }
  const f = ix.folded.find(q)
  const named = f < 0 ? [] : [...new Set(ix.foldedEntities.items(f))].sort(byId(at))
  const matches: Array<Candidate & { readonly e: number }> = []
  for (const e of named) {
    const s = entityAt(at, e)
    if (s === undefined) continue
    for (const c of candidatesOfEntity(at, s)) if (folded(c.text) === q) matches.push({ ...c, e })
  }
  const id = matches.find((c) => c.by === 'id')
  if (id !== undefined) return { _tag: 'Found', entity: id.e, matched: candidate(id) }
  const first = matches[0]
  if (first === undefined) return { _tag: 'Missing', suggestions: suggestAt(at, query) }
  const roots = new Set(matches.map((c) => rootAt(at, c.e)))
  if (roots.size > 1) return { _tag: 'Ambiguous', candidates: matches.map(candidate) }
  const byName = matches.find((c) => c.by === 'name') ?? first
  return { _tag: 'Found', entity: byName.e, matched: candidate(byName) }
}

const candidate = (c: Candidate): Candidate => ({ entity: c.entity, text: c.text, by: c.by })

/** Entities whose id, name or alias matches a search text: exact, prefix, contained, or close. */
export const searchAt = (
  at: At,
  query: string,
  limit: number,
): ReadonlyArray<SearchHit & { readonly state: EntityAt }> => {
  const q = folded(query)
  const best = new Map<number, SearchHit & { readonly state: EntityAt }>()
  for (const s of entitiesAt(at))
    for (const c of candidatesOfEntity(at, s)) {
      const text = folded(c.text)
      const distance = editDistance(q, text)
      const rank =
        text === q
          ? 0
          : text.startsWith(q)
            ? 1
            : text.includes(q)
              ? 2
              : closeEnough(q, distance)
                ? 3
                : undefined
      if (rank === undefined) continue
      const previous = best.get(s.e)
      if (
        previous === undefined ||
        rank < previous.rank ||
        (rank === previous.rank && distance < previous.distance)
      )
        best.set(s.e, { entity: c.entity, matched: c, rank, distance, state: s })
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
