import type * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll, readLedger, streamOf } from './ledger'
import type { LedgerReader } from './readModel'
import { extendReader, readerOf } from './readModel'
import type {
  DiffAnswer,
  DiffQuery,
  EntityAnswer,
  EntityQuery,
  HistoryAnswer,
  HistoryQuery,
  ReleasesAnswer,
  ReleasesQuery,
  SearchAnswer,
  SearchQuery,
  TimelineAnswer,
  TimelineQuery,
} from './queryTypes'

export type * from './queryTypes'
export type { CutAnswer, ReleaseRef, ValueAnswer, ValueJson, ValidityAnswer } from './answers'
export type { LedgerReader } from './readModel'
export { extendReader, readerOf } from './readModel'

/**
 * The query use cases. Each reads the universe's stream once and answers from it; none
 * writes. To answer many queries from one read (the HTTP server), use `openReader`.
 */
const ask =
  <Q, A>(pick: (reader: LedgerReader) => (q: Q) => E.Either<AppError, A>) =>
  (deps: LedgerDeps, q: Q): TE.TaskEither<AppError, A> =>
    pipe(
      readLedger(deps),
      TE.flatMap((recorded) => TE.fromEither(pick(readerOf(recorded))(q))),
    )

/** An entity's canon at a cut: its facts, conflicts shown side by side, with provenance. */
export const entityAsOf: (
  deps: LedgerDeps,
  q: EntityQuery,
) => TE.TaskEither<AppError, EntityAnswer> = ask((r) => r.entityAsOf)

/** What changed between two cuts, each change classified, with a per-fact summary. */
export const diff: (deps: LedgerDeps, q: DiffQuery) => TE.TaskEither<AppError, DiffAnswer> = ask(
  (r) => r.diff,
)

/** The audit of an entity or one of its facts, with the corrections that touched it. */
export const history: (
  deps: LedgerDeps,
  q: HistoryQuery,
) => TE.TaskEither<AppError, HistoryAnswer> = ask((r) => r.history)

/** In-universe chronology of what is known at a cut. */
export const timeline: (
  deps: LedgerDeps,
  q: TimelineQuery,
) => TE.TaskEither<AppError, TimelineAnswer> = ask((r) => r.timeline)

/** Releases in release order, by series, at a cut (all of them when no cut is given). */
export const releases: (
  deps: LedgerDeps,
  q: ReleasesQuery,
) => TE.TaskEither<AppError, ReleasesAnswer> = ask((r) => r.releases)

/** Entities whose id, name or alias matches a text, among those the cut admits. */
export const searchEntities: (
  deps: LedgerDeps,
  q: SearchQuery,
) => TE.TaskEither<AppError, SearchAnswer> = ask((r) => r.searchEntities)

/** A reader over a snapshot of the ledger: one store read, then any number of queries. */
export const openReader = (deps: LedgerDeps): TE.TaskEither<AppError, LedgerReader> =>
  pipe(readLedger(deps), TE.map(readerOf))

/**
 * The reader brought up to date: reads only the events recorded after it (the stream is
 * append-only, so the older ones cannot have changed) and returns the same reader when
 * nothing is new, keeping its cached views; a new reader extends the old one's temporal index.
 */
export const refreshReader = (
  deps: LedgerDeps,
  reader: LedgerReader,
): TE.TaskEither<AppError, LedgerReader> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe), { fromRevision: reader.position + 1n }),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => TE.fromEither(decodeAll(events))),
    TE.map((fresh: ReadonlyArray<Recorded>) => extendReader(reader, fresh)),
  )
