import type * as E from 'fp-ts/Either'
import type { Recorded } from '../../src/domain/events'
import type { ReadError } from './errors'
import type {
  DiffAnswer,
  EntityAnswer,
  HistoryAnswer,
  ReleasesAnswer,
  SearchAnswer,
  TimelineAnswer,
} from './answers'
import type {
  DiffQuery,
  EntityQuery,
  HistoryQuery,
  ReleasesQuery,
  SearchQuery,
  TimelineQuery,
} from './queries'

/** The last event a reader holds: its ledger position (-1n: empty ledger) and chain hash. */
export interface ReaderHead {
  readonly position: bigint
  readonly hash: string
}

/**
 * THE read port: every read the shells make of canon. Two readers implement it: the reference
 * reader (`projections/reference`: plain folds over the recorded events, the definition of
 * canon) and the indexed reader (`projections/indexed`: the same answers, fast). One contract
 * suite (tests/contract/readerContract.ts) holds them equal on generated ledgers for every
 * read and every cut.
 *
 * A reader is a value: it answers as the ledger stood at its head, whatever is appended later.
 * `extend` gives the reader of a longer ledger (events after the head, in ledger order).
 */
export interface CanonReader {
  readonly head: ReaderHead
  readonly entity: (q: EntityQuery) => E.Either<ReadError, EntityAnswer>
  readonly search: (q: SearchQuery) => E.Either<ReadError, SearchAnswer>
  readonly history: (q: HistoryQuery) => E.Either<ReadError, HistoryAnswer>
  readonly diff: (q: DiffQuery) => E.Either<ReadError, DiffAnswer>
  readonly timeline: (q: TimelineQuery) => E.Either<ReadError, TimelineAnswer>
  readonly releases: (q: ReleasesQuery) => E.Either<ReadError, ReleasesAnswer>
  readonly extend: (events: ReadonlyArray<Recorded>) => CanonReader
}
