/**
 * Closeness of texts, for suggestions: every reader suggests with these rules, so that a miss
 * gets the same suggestions whichever reader answers.
 */

/** Levenshtein distance (insert, delete, substitute), two rows of memory. */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * A suggestion is offered only when it is a plausible misspelling, not any text at all: at
 * most two edits for a short text, three for a longer one. The bound is small on purpose, so a
 * reader can find every close text through an index (lengths and shared letters) instead of
 * measuring the distance to every name it knows.
 */
export const maxEdits = (query: string): number => (query.length >= 8 ? 3 : 2)

export const closeEnough = (query: string, distance: number): boolean => distance <= maxEdits(query)

/** Texts for a case-insensitive comparison. */
export const folded = (s: string): string => s.trim().toLowerCase()

/** A prefix is taken as meant only once it is this long: "Ae" is not yet "Aegon". */
export const minPrefix = 3

/**
 * How close a candidate is to what was typed, or undefined if it is not a plausible meaning:
 * `rank` 0, the text begins with it ("Aegon" for "Aegon Targaryen"); 1, one of its words does
 * ("Targaryen"); 2, a misspelling within `maxEdits`. `distance` orders within a rank (the
 * letters left to type, or the edits). Both kinds are what an index answers without measuring
 * every text: a prefix of a text or of a word, and bounded edits.
 */
export interface Closeness {
  readonly rank: 0 | 1 | 2
  readonly distance: number
}

/** The words of a text, as a prefix of one is looked for: split at spaces and `/._-`. */
export const wordsOf = (text: string): ReadonlyArray<string> => text.split(/[\s/._-]+/)

export const closeness = (query: string, text: string): Closeness | undefined => {
  const q = folded(query)
  const t = folded(text)
  if (q.length >= minPrefix && t.startsWith(q)) return { rank: 0, distance: t.length - q.length }
  if (q.length >= minPrefix && wordsOf(t).some((word) => word.startsWith(q)))
    return { rank: 1, distance: t.length - q.length }
  const d = editDistance(q, t)
  return closeEnough(q, d) ? { rank: 2, distance: d } : undefined
}

/** Closer first: by rank, then by distance. */
export const compareCloseness = (a: Closeness, b: Closeness): number =>
  a.rank - b.rank || a.distance - b.distance

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The candidates closest to a query, closest first (ties by text), at most `limit`. */
export const closestTexts = (
  query: string,
  candidates: Iterable<string>,
  limit = 5,
): ReadonlyArray<string> => {
  const scored: Array<{ readonly text: string; readonly c: Closeness }> = []
  for (const text of new Set(candidates)) {
    const c = closeness(query, text)
    if (c !== undefined) scored.push({ text, c })
  }
  return scored
    .sort((a, b) => compareCloseness(a.c, b.c) || byText(a.text, b.text))
    .slice(0, limit)
    .map((s) => s.text)
}
