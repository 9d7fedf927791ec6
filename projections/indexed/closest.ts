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
  const near = trie
    .within(q, maxEdits(q))
    .map((h) => ({ id: h.id, text: textOf(h.id), d: h.distance }))
    .sort((a, b) => a.d - b.d || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
  // Closest first: `keep` is asked only until enough are kept.
  const out: string[] = []
  for (const h of near) {
    if (out.length === limit) break
    if (keep(h.id)) out.push(h.text)
  }
  return out
}
