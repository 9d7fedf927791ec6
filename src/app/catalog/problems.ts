/**
 * What the release-catalog import reports about a row it could not take or had to interpret.
 * The import never stops at one: every problem is reported, and every row that can be taken is.
 */
export type CatalogProblemKind =
  /** Skipped: not five fields, an unreadable episode number or date, a field the ledger refuses. */
  | 'malformed-row'
  /** Skipped: a series code the importer does not know. */
  | 'unknown-series'
  /** Skipped: the same release listed again (the TOS pilot as `0-0` and `1-3`). */
  | 'duplicate-row'
  /** Merged: one release listed as two rows with one title and one date (a two-part premiere). */
  | 'two-row-release'
  /** Taken without season and episode: listed as `0-0`. */
  | 'unnumbered-episode'
  /** Taken without an in-universe stardate. */
  | 'unknown-stardate'
  | 'missing-stardate'
  | 'unreadable-stardate'
  /** Taken: a title that looks like a number is a title (TNG "11001001"). */
  | 'numeric-title'
  /** Taken as listed and flagged: a row that cannot be a real release; a correction fixes it. */
  | 'bogus-row'
  /** Skipped: another row already gives a release of this id. */
  | 'duplicate-id'
  /** Not appended: the ledger refused the release or correction (the reason says why). */
  | 'refused'

export const catalogProblemKinds: ReadonlyArray<CatalogProblemKind> = [
  'malformed-row',
  'unknown-series',
  'duplicate-row',
  'two-row-release',
  'unnumbered-episode',
  'unknown-stardate',
  'missing-stardate',
  'unreadable-stardate',
  'numeric-title',
  'bogus-row',
  'duplicate-id',
  'refused',
]

/** What became of the row. */
export type ProblemAction = 'skipped' | 'merged' | 'taken' | 'flagged' | 'refused'

export interface CatalogProblem {
  readonly kind: CatalogProblemKind
  /** The row's line in the file (1-based, the header is line 1); 0 for a correction file. */
  readonly line: number
  readonly action: ProblemAction
  readonly message: string
}

/** Problems counted by kind, every kind present (zero when none). */
export const countByKind = (
  problems: ReadonlyArray<CatalogProblem>,
): Readonly<Record<CatalogProblemKind, number>> => {
  const counts = Object.fromEntries(catalogProblemKinds.map((k) => [k, 0])) as Record<
    CatalogProblemKind,
    number
  >
  for (const p of problems) counts[p.kind] += 1
  return counts
}
