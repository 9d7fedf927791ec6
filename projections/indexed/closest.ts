import type { Closeness } from '../port/closest'
import { folded, maxEdits, minPrefix, wordsOf } from '../port/closest'
import { Interner } from './interner'
import { Postings } from './postings'
import { Trie } from './trie'

/** Texts by id, as an interner holds them. */
export interface TextSource {
  readonly size: number
  text: (id: number) => string
}

/**
 * The words of texts after their first (`wordsOf`), each with the texts that have it: a text's
 * first word is a prefix of the text (or empty), found through the texts' own trie. Filed when
 * first asked for, then as texts are added.
 */
export class WordIndex {
  private readonly trie = new Trie()
  private readonly words = new Interner()
  private readonly texts = new Postings()
  private filed = 0

  of(source: TextSource): WordIndex {
    for (; this.filed < source.size; this.filed++) {
      const later = wordsOf(source.text(this.filed)).slice(1)
      for (const word of new Set(later)) {
        if (word === '') continue
        const size = this.words.size
        const w = this.words.intern(word)
        if (w === size) this.trie.add(word, w)
        this.texts.add(w, this.filed)
      }
    }
    return this
  }

  /** Every text with a word (after its first) that begins with `prefix`. */
  withWord(prefix: string, visit: (text: number) => void): void {
    const visitWord = (w: number) => {
      for (const text of this.texts.items(w)) visit(text)
    }
    const exact = this.trie.find(prefix)
    if (exact >= 0) visitWord(exact)
    this.trie.extensions(prefix, (ids) => {
      ids.forEach(visitWord)
      return true
    })
  }
}

/**
 * The texts close to a query as `closeness` (port/closest.ts) ranks them, found through a trie
 * of the texts (folded) and their words, a class (a rank and a distance) at a time, closest
 * first: texts that begin with the query, shortest first; then texts with a word that does;
 * then texts within `maxEdits`, fewest edits first. Each text is given once, in its closest
 * class. `visit` says whether to go on to the next class; the walks stop when it does not.
 */
export const closeClasses = (
  trie: Trie,
  words: WordIndex,
  textOf: (id: number) => string,
  query: string,
  visit: (close: Closeness, ids: ReadonlyArray<number>) => boolean,
): void => {
  const q = folded(query)
  const seen = new Set<number>()
  const fresh = (ids: Iterable<number>): number[] => {
    const out: number[] = []
    for (const id of ids)
      if (!seen.has(id)) {
        seen.add(id)
        out.push(id)
      }
    return out
  }
  const give = (close: Closeness, ids: ReadonlyArray<number>): boolean =>
    ids.length === 0 || visit(close, ids)
  if (q.length >= minPrefix) {
    const exact = trie.find(q)
    if (!give({ rank: 0, distance: 0 }, fresh(exact < 0 ? [] : [exact]))) return
    let going = true
    trie.extensions(q, (ids) => {
      const found = fresh(ids)
      going = give({ rank: 0, distance: textOf(ids[0] as number).length - q.length }, found)
      return going
    })
    if (!going) return
    const byDistance = new Map<number, number[]>()
    words.withWord(q, (id) => {
      if (seen.has(id)) return
      seen.add(id)
      const distance = textOf(id).length - q.length
      const same = byDistance.get(distance)
      if (same === undefined) byDistance.set(distance, [id])
      else same.push(id)
    })
    for (const distance of [...byDistance.keys()].sort((a, b) => a - b))
      if (!give({ rank: 1, distance }, byDistance.get(distance) ?? [])) return
  }
  // One edit distance at a time: a walk within d edits is far cheaper than within the bound.
  for (let d = 0; d <= maxEdits(q); d++) {
    const near = fresh(
      trie
        .within(q, d)
        .filter((h) => h.distance === d)
        .map((h) => h.id),
    )
    if (!give({ rank: 2, distance: d }, near)) return
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `closestTexts` (port/closest.ts) over the texts of a trie that `keep` admits: closest first
 * (ties by text), at most `limit`. The texts are ids, which fold to themselves.
 */
export const closestIn = (
  words: WordIndex,
  trie: Trie,
  source: TextSource,
  query: string,
  keep: (id: number) => boolean,
  limit = 5,
): ReadonlyArray<string> => {
  const out: string[] = []
  closeClasses(
    trie,
    words.of(source),
    (id) => source.text(id),
    query,
    (_, ids) => {
      out.push(
        ...ids
          .filter(keep)
          .map((id) => source.text(id))
          .sort(byText),
      )
      return out.length < limit
    },
  )
  return out.slice(0, limit)
}
