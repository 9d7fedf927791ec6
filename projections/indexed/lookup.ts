import type { EntityId } from '../../src/domain/ids'
import type { Candidate, SearchHit } from '../reference/lookup'
import { matchRank } from '../reference/lookup'
import { closeEnough, folded, maxEdits } from '../port/closest'
import { closeClasses } from './closest'
import type { At } from './at'
import type { EntityAt } from './entityFold'
import { entityAt, rootAt } from './entityFold'
import { distanceWithin } from './trie'

/**
 * Finding entities by what a user types, with the reference's rules (reference/lookup.ts),
 * through indexes of every name, alias and id the ledger holds (folded): an exact text is a
 * lookup, a prefix a walk of the trie below it, a contained text a scan of the texts of each
 * length (shortest first, stopping once enough entities are found), a close spelling a
 * Levenshtein walk of the trie within the suggestion bound. Every candidate is then checked
 * against the cut: an entity the cut admits, under a name or alias it has there. So nothing
 * found or suggested can name what the cut excludes, and no read measures every text.
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

/** The folded ids of an entity's candidates at the cut, in the same order. */
const foldedCandidates = (at: At, s: EntityAt): number[] => {
  const ix = at.a.ix
  return [
    ix.entityFolded.get(s.e),
    ix.textFolded.get(s.nameId),
    ...s.aliasIds.map((a) => ix.textFolded.get(a)),
  ]
}

const byIdText = (at: At) => (x: number, y: number) => {
  const a = at.a.ix.entities.text(x)
  const b = at.a.ix.entities.text(y)
  return a < b ? -1 : a > b ? 1 : 0
}

/** The entities the cut admits that have the folded text `f` among their candidates. */
const entitiesWith = (at: At, f: number): EntityAt[] => {
  const out: EntityAt[] = []
  for (const e of new Set(at.a.ix.foldedEntities.items(f))) {
    const s = entityAt(at, e)
    if (s !== undefined && foldedCandidates(at, s).includes(f)) out.push(s)
  }
  return out
}

/**
 * How a suggestion names an entity (reference/lookup.ts `suggestionName`): by its name at the
 * cut, by its id when another entity the cut admits has the same name.
 */
const suggestionName = (at: At, s: EntityAt): string => {
  const ix = at.a.ix
  const f = ix.textFolded.get(s.nameId)
  for (const e of new Set(ix.foldedEntities.items(f))) {
    if (e === s.e) continue
    const other = entityAt(at, e)
    if (other !== undefined && ix.textFolded.get(other.nameId) === f) return ix.entities.text(s.e)
  }
  return s.name
}

/**
 * Suggestions for a miss, as the reference suggests (reference/lookup.ts `suggest`): one per
 * entity the cut admits, by its closest text there, closest first, then by the name suggested.
 * The texts are met a class of closeness at a time (closest.ts): an entity is weighed when one
 * of its own texts at the cut is met (that is its closest), and the walk stops once a class
 * completes `limit` suggestions, since no farther text can place another before them.
 */
export const suggestAt = (at: At, query: string, limit = 5): ReadonlyArray<string> => {
  const ix = at.a.ix
  const weighed = new Set<number>()
  const names = new Set<string>()
  closeClasses(
    ix.foldedTrie.of(ix.folded),
    ix.foldedWords.of(ix.folded),
    (f) => ix.folded.text(f),
    query,
    (_, ids) => {
      const found: string[] = []
      for (const f of ids)
        for (const e of ix.foldedEntities.items(f)) {
          if (weighed.has(e)) continue
          const s = entityAt(at, e)
          if (s === undefined) weighed.add(e)
          else if (foldedCandidates(at, s).includes(f)) {
            weighed.add(e)
            found.push(suggestionName(at, s))
          }
        }
      for (const name of found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) names.add(name)
      return names.size < limit
    },
  )
  return [...names].slice(0, limit)
}

/** Resolves what a user typed: an id first, else a name or alias that names one entity group. */
export const lookupAt = (at: At, query: string): Found => {
  const ix = at.a.ix
  const q = folded(query)
  // An id matches only its own entity (ids are unique, and fold to themselves): when the cut
  // admits it, it is found by id whatever else the text names.
  const byId = ix.entities.find(q)
  if (byId >= 0 && entityAt(at, byId) !== undefined) {
    const entity = ix.entities.text(byId) as EntityId
    return { _tag: 'Found', entity: byId, matched: { entity, text: entity, by: 'id' } }
  }
  const f = ix.folded.find(q)
  const named = f < 0 ? [] : entitiesWith(at, f).sort((x, y) => byIdText(at)(x.e, y.e))
  const matches: Array<Candidate & { readonly e: number }> = []
  for (const s of named)
    candidatesOfEntity(at, s).forEach((c, i) => {
      if (foldedCandidates(at, s)[i] === f) matches.push({ ...c, e: s.e })
    })
  const first = matches[0]
  if (first === undefined) return { _tag: 'Missing', suggestions: suggestAt(at, query) }
  const roots = new Set(matches.map((c) => rootAt(at, c.e)))
  if (roots.size > 1) return { _tag: 'Ambiguous', candidates: matches.map(candidate) }
  const byName = matches.find((c) => c.by === 'name') ?? first
  return { _tag: 'Found', entity: byName.e, matched: candidate(byName) }
}

const candidate = (c: Candidate): Candidate => ({ entity: c.entity, text: c.text, by: c.by })

type Hit = SearchHit & { readonly state: EntityAt }

/** The reference's best hit of one entity for a search text (reference/lookup.ts). */
const bestHit = (at: At, s: EntityAt, q: string): Hit | undefined => {
  let best: Hit | undefined
  for (const c of candidatesOfEntity(at, s)) {
    const text = folded(c.text)
    const rank = matchRank(q, text, () => closeEnough(q, distanceWithin(q, text, maxEdits(q))))
    if (rank === undefined) continue
    const distance = rank < 3 ? text.length - q.length : distanceWithin(q, text, maxEdits(q))
    if (best === undefined || rank < best.rank || (rank === best.rank && distance < best.distance))
      best = { entity: c.entity, matched: c, rank, distance, state: s }
  }
  return best
}

/**
 * Entities whose id, name or alias matches a search text: exact, prefix, contained, or close,
 * best first (then by distance, then by id), at most `limit`. The matching texts are met in
 * that order, a class (a rank and a distance) at a time; a class is completed before the
 * search stops, so ties are ordered by id as the reference orders them.
 */
export const searchAt = (at: At, query: string, limit: number): ReadonlyArray<Hit> => {
  const ix = at.a.ix
  const q = folded(query)
  const hits: Hit[] = []
  const seen = new Set<number>()
  const order = byIdText(at)
  /** One class of texts: the entities they newly find, by id. */
  const take = (texts: Iterable<number>): boolean => {
    const found: Hit[] = []
    for (const f of texts)
      for (const s of entitiesWith(at, f)) {
        if (seen.has(s.e)) continue
        seen.add(s.e)
        const hit = bestHit(at, s, q)
        if (hit !== undefined) found.push(hit)
      }
    hits.push(...found.sort((x, y) => order(x.state.e, y.state.e)))
    return hits.length < limit
  }
  const exact = ix.folded.find(q)
  let more = take(exact < 0 ? [] : [exact])
  if (more) ix.foldedTrie.of(ix.folded).extensions(q, (ids) => (more = take(ids)))
  if (more) {
    const lengths = [...ix.foldedTrie.byLength(ix.folded).keys()]
      .filter((n) => n > q.length)
      .sort((x, y) => x - y)
    for (const n of lengths) {
      const bucket = ix.foldedTrie.byLength(ix.folded).get(n) ?? []
      const contains: number[] = []
      for (const f of bucket) {
        const text = ix.folded.text(f)
        if (!text.startsWith(q) && text.includes(q)) contains.push(f)
      }
      if (contains.length > 0 && !(more = take(contains))) break
    }
  }
  if (more) {
    const close = ix.foldedTrie
      .of(ix.folded)
      .within(q, maxEdits(q))
      .filter((h) => {
        const text = ix.folded.text(h.id)
        return h.distance > 0 && !text.includes(q)
      })
      .sort((x, y) => x.distance - y.distance)
    for (let i = 0; i < close.length && more;) {
      const d = (close[i] as { readonly distance: number }).distance
      const ids: number[] = []
      for (; i < close.length && (close[i] as { readonly distance: number }).distance === d; i++)
        ids.push((close[i] as { readonly id: number }).id)
      more = take(ids)
    }
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.distance - b.distance || order(a.state.e, b.state.e))
    .slice(0, limit)
}
