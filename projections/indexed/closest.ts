import { folded, maxEdits } from '../port/closest'
import type { Trie } from './trie'

/**
 * `closestTexts` (port/closest.ts) over the texts of a trie that `keep` admits, found through
 * the trie: every text within the suggestion bound, closest first (ties by text), at most
 * `limit`. The trie holds texts that fold to themselves (ids), so distances are the same.
 */
export const closestIn = (
  trie: Trie,
  query: string,
  textOf: (id: number) => string,
  keep: (id: number) => boolean,
  limit = 5,
): ReadonlyArray<string> => {
  const q = folded(query)
  return trie
    .within(q, maxEdits(q))
    .filter((h) => keep(h.id))
    .map((h) => ({ text: textOf(h.id), d: h.distance }))
    .sort((a, b) => a.d - b.d || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, limit)
    .map((s) => s.text)
}
