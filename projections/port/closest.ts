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

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The candidates closest to a query, closest first (ties by text), at most `limit`. */
export const closestTexts = (
  query: string,
  candidates: Iterable<string>,
  limit = 5,
): ReadonlyArray<string> => {
  const q = folded(query)
  const scored: Array<{ readonly text: string; readonly d: number }> = []
  for (const text of new Set(candidates)) {
    const d = editDistance(q, folded(text))
    if (closeEnough(q, d)) scored.push({ text, d })
  }
  return scored
    .sort((a, b) => a.d - b.d || byText(a.text, b.text))
    .slice(0, limit)
    .map((s) => s.text)
}
