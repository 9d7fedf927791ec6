/**
 * Why a read refuses, as values. Every message names what was wrong and where, and never
 * names anything the read's cut does not admit (spoiler safety): suggestions are drawn from
 * what the cut admits only.
 */
export type ReadError = NotFound | InvalidQuery

/** What was not found: an entity at the cut, a release of the ledger, a fact, a claim. */
export interface NotFound {
  readonly _tag: 'NotFound'
  readonly kind: 'entity' | 'release' | 'fact' | 'claim'
  /** Names the thing asked for and where it was looked for, e.g. `entity 'Oh' as of ...`. */
  readonly what: string
  readonly suggestions: ReadonlyArray<string>
  /** The query field that named it, when one did (a release named by `watched`, by `from`). */
  readonly field?: QueryField
}

/**
 * A query field that cannot be read as given: a shell names the field its way (`watched=`
 * over HTTP, `--watched` on the command line).
 */
export interface InvalidQuery {
  readonly _tag: 'InvalidQuery'
  readonly field: QueryField
  readonly problem: string
}

export type QueryField =
  | 'release'
  | 'date'
  | 'region'
  | 'watched'
  | 'ledgerPosition'
  | 'from'
  | 'to'
  | 'entity'
  | 'predicate'
  | 'claim'
  | 'limit'
  | 'cursor'
  | 'query'

export const notFound = (
  kind: NotFound['kind'],
  what: string,
  suggestions: ReadonlyArray<string> = [],
  field?: QueryField,
): ReadError => ({
  _tag: 'NotFound',
  kind,
  what,
  suggestions,
  ...(field === undefined ? {} : { field }),
})

export const invalidQuery = (field: QueryField, problem: string): ReadError => ({
  _tag: 'InvalidQuery',
  field,
  problem,
})

export const describeReadError = (e: ReadError): string => {
  switch (e._tag) {
    case 'NotFound':
      return `${e.what} not found${e.suggestions.length === 0 ? '' : `; did you mean ${e.suggestions.map((s) => `'${s}'`).join(', ')}?`}`
    case 'InvalidQuery':
      return `${e.field}: ${e.problem}`
    default: {
      const never: never = e
      return never
    }
  }
}
