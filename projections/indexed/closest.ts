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
  const out: string[] = []
  // One edit distance at a time (a walk within d edits is far cheaper than within the bound),
  // closest first, ties by text: `keep` is asked only until enough are kept.
  for (let d = 0; d <= maxEdits(q) && out.length < limit; d++) {
    const near = trie
      .within(q, d)
      .filter((h) => h.distance === d)
      .map((h) => ({ id: h.id, text: textOf(h.id) }))
      .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    for (const h of near) {
      if (out.length === limit) break
      if (keep(h.id)) out.push(h.text)
    }
  }
  return out
}
