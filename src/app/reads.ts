import * as TE from 'fp-ts/TaskEither'
import type * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { CanonReader } from '../../projections/port/reader'
import type { ReadError } from '../../projections/port/errors'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll, streamOf, universeOfStream } from './ledger'
import { readPages } from './exportImport'

/**
 * The read use cases. Every read of canon goes through the read port (`CanonReader`): the app
 * reads the universe's stream once and files its events into the reader the composition root
 * chose (`deps.readers`).
 */

/** The universes the store holds a ledger of, in name order. */
export const universesIn = (deps: LedgerDeps): TE.TaskEither<AppError, ReadonlyArray<string>> =>
  pipe(
    deps.store.readAll(),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.map((events) =>
      [...new Set(events.flatMap((e) => universeOfStream(e.stream) ?? []))].sort(),
    ),
  )

/**
 * The reader the composition root chose, built from the universe's stream read page by page
 * and filed as stored; `onRead` hears how many events are read so far. An event the reader
 * cannot file is named by position.
 */
export const buildReader = (
  deps: LedgerDeps,
  onRead: (events: number) => void = () => undefined,
): TE.TaskEither<AppError, CanonReader> => {
  const builder = deps.readers.builder()
  let failure: AppError | undefined
  let read = 0
  return pipe(
    readPages(deps, (page) => {
      for (const e of page) if (failure === undefined) failure = builder.add(e)
      read += page.length
      onRead(read)
    }),
    TE.flatMap(() => (failure === undefined ? TE.right(builder.reader()) : TE.left(failure))),
  )
}

/**
 * A reader over the ledger as it stands: one store read, then any number of reads. An empty
 * ledger in a store that holds other universes is a universe asked for by mistake (a
 * mistyped name), refused with the universes the store holds, instead of reading as a ledger
 * where nothing is found.
 */
export const openReader = (deps: LedgerDeps): TE.TaskEither<AppError, CanonReader> =>
  pipe(
    buildReader(deps),
    TE.flatMap((reader) =>
      reader.head.position >= 0n
        ? TE.right(reader)
        : pipe(
            universesIn(deps),
            TE.flatMap((known) =>
              known.length === 0
                ? TE.right(reader)
                : TE.left<AppError, CanonReader>({
                    _tag: 'UnknownUniverse',
                    universe: deps.universe,
                    known,
                  }),
            ),
          ),
    ),
  )

/** One read of the ledger as it stands (a CLI command's question). */
export const readOnce = <A>(
  deps: LedgerDeps,
  read: (reader: CanonReader) => E.Either<ReadError, A>,
): TE.TaskEither<AppError, A> =>
  pipe(
    openReader(deps),
    TE.flatMap((reader) => TE.fromEither(read(reader))),
  )

/**
 * The reader brought up to date: reads only the events recorded after its head (the stream is
 * append-only, so older ones cannot have changed) and extends it; the same reader when nothing
 * is new.
 */
export const refreshReader = (
  deps: LedgerDeps,
  reader: CanonReader,
): TE.TaskEither<AppError, CanonReader> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe), { fromRevision: reader.head.position + 1n }),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => TE.fromEither(decodeAll(events))),
    TE.map((fresh: ReadonlyArray<Recorded>) =>
      fresh.length === 0 ? reader : reader.extend(fresh),
    ),
  )
