import * as E from 'fp-ts/Either'
import type { Recorded } from '../domain/events'
import type { RecordedEvent } from '../store/port'
import type { CanonReader } from '../../projections/port/reader'
import type { AppError } from './errors'
import { decodeRecorded } from './ledger'

/**
 * Files a ledger's events, as the store holds them, into a reader, one page at a time, so a
 * replay never holds the whole ledger decoded beside the reader it builds.
 */
export interface ReaderBuilder<R extends CanonReader = CanonReader> {
  /** Files the next stored event; an event that cannot be filed is the error naming it. */
  readonly add: (event: RecordedEvent) => AppError | undefined
  /** The reader over every event filed so far. */
  readonly reader: () => R
}

/**
 * How the app builds readers of canon; the composition root chooses which. `open` reads
 * events already decoded (a test's, an import's); `builder` files them as stored.
 */
export interface Readers<R extends CanonReader = CanonReader> {
  readonly open: (events: ReadonlyArray<Recorded>) => R
  readonly builder: () => ReaderBuilder<R>
}

/** Readers whose every reader is `wrap`ped (a cache around it, say) as it is handed out. */
export const mappedReaders = <R extends CanonReader, S extends CanonReader>(
  readers: Readers<R>,
  wrap: (reader: R) => S,
): Readers<S> => ({
  open: (events) => wrap(readers.open(events)),
  builder: () => {
    const builder = readers.builder()
    return { add: builder.add, reader: () => wrap(builder.reader()) }
  },
})

/** Readers for an implementation that reads decoded events only: each is decoded as it is filed. */
export const decodingReaders = (
  open: (events: ReadonlyArray<Recorded>) => CanonReader,
): Readers => ({
  open,
  builder: () => {
    const events: Recorded[] = []
    return {
      add: (stored) =>
        E.match(
          (error: AppError) => error,
          (event: Recorded) => {
            events.push(event)
            return undefined
          },
        )(decodeRecorded(stored)),
      reader: () => open(events),
    }
  },
})
