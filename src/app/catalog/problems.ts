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
  /** Skipped: another row already gives a release of this id, or this episode of the series. */
  | 'duplicate-id'
  /**
   * Skipped: a row of the regional-dates file that cannot be read (fields, series, episodes, a
   * date that does not exist) or that gives a release a second date for one region.
   */
  | 'bad-regional-row'
  /** Skipped: a row of the regional-dates file that no release of the list matches. */
  | 'unmatched-regional-row'
  /**
   * Kept as the ledger holds it: the release is already recorded as the list gives it, but with
   * other regional dates (a correction cannot set regional dates).
   */
  | 'regional-dates-differ'
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
  'bad-regional-row',
  'unmatched-regional-row',
  'regional-dates-differ',
  'refused',
]

/** What became of the row. */
export type ProblemAction = 'skipped' | 'merged' | 'taken' | 'flagged' | 'kept' | 'refused'

export interface CatalogProblem {
  readonly kind: CatalogProblemKind
  /** The file the row is in: the episode list, the regional-dates file or a correction file. */
  readonly file: string
  /** The row's line in the file (1-based, the header is line 1); 0 for a correction file. */
  readonly line: number
  readonly action: ProblemAction
  /** Starts with the file and line (`data/list.csv line 12: ...`), so it stands on its own. */
  readonly message: string
}

/** Where a problem is, as its message starts. */
export const rowAt = (file: string, line: number): string =>
  line > 0 ? `${file} line ${line}` : file

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
