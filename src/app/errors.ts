import type { DomainError } from '../domain/errors'
import { describeDomainError } from '../domain/errors'
import type { StoreError } from '../store/port'
import { describeStoreError } from '../store/port'
import type { InvalidQuery, NotFound } from '../../projections/port/errors'
import { describeReadError } from '../../projections/port/errors'
import { closestTexts } from '../../projections/port/closest'

/** Errors of the application layer: every refusal a use case can give, as values. */
export type AppError =
  | {
      readonly _tag: 'Domain'
      readonly error: DomainError
      readonly source?: string
      /** Where in the source: `at releases[0].changes[2] (line 14, column 9)`. */
      readonly where?: string
      /** Ids of the ledger close to one the command names but the ledger does not hold. */
      readonly suggestions?: ReadonlyArray<string>
    }
  | { readonly _tag: 'Store'; readonly error: StoreError }
  /** Input that does not decode: where (a file, a request body) and the paths inside it. */
  | {
      readonly _tag: 'InvalidInput'
      readonly source: string
      readonly problems: ReadonlyArray<string>
    }
  /** A stored event that does not decode: the ledger needs attention, nothing is guessed. */
  | { readonly _tag: 'CorruptEvent'; readonly position: bigint; readonly reason: string }
  /** A read's refusals (projections/port/errors): a missing thing, or a query field it cannot read. */
  | NotFound
  | InvalidQuery
  | { readonly _tag: 'Conflict'; readonly reason: string }
  /**
   * The ledger fails a check a reader makes before trusting it: its hash chain is broken at
   * `position`, or it does not hold the head an anchor (a checkpoint, an expected head, a
   * snapshot) says it held. Nothing is served from it.
   */
  | { readonly _tag: 'Untrusted'; readonly position: bigint; readonly reason: string }
  /** A universe the store holds no ledger of, when it holds others: those are named. */
  | {
      readonly _tag: 'UnknownUniverse'
      readonly universe: string
      readonly known: ReadonlyArray<string>
    }

const didYouMean = (suggestions: ReadonlyArray<string>): string =>
  suggestions.length === 0 ? '' : `; did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?`

export const describeAppError = (e: AppError): string => {
  switch (e._tag) {
    case 'Domain':
      return `${e.source === undefined ? '' : `${e.source}: `}${
        e.where === undefined ? '' : `${e.where}: `
      }${describeDomainError(e.error)}${didYouMean(e.suggestions ?? [])}`
    case 'Store':
      return e.error._tag === 'StoreMissing'
        ? `no ledger at ${e.error.location}: ${e.error.reason} (canon append FILE... creates it)`
        : describeStoreError(e.error)
    case 'InvalidInput':
      return `${e.source} is invalid:\n${e.problems.map((p) => `  - ${p}`).join('\n')}`
    case 'CorruptEvent':
      return `the stored event at position ${e.position} cannot be read (${e.reason}); run 'canon verify'`
    case 'NotFound':
    case 'InvalidQuery':
      return describeReadError(e)
    case 'Conflict':
      return e.reason
    case 'Untrusted':
      return `the ledger cannot be trusted: ${e.reason}`
    case 'UnknownUniverse': {
      const close = closestTexts(e.universe, e.known, 1)[0]
      return `universe '${e.universe}' has no ledger in this store; it holds ${e.known
        .map((u) => `'${u}'`)
        .join(', ')}${close === undefined ? '' : ` (did you mean '${close}'?)`}`
    }
    default: {
      const never: never = e
      return never
    }
  }
}
