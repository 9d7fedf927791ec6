import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { EventMetadata } from '../domain/hashChain'
import type { RecordedEvent } from '../store/port'
import type { IndexedReader } from '../../projections/indexed/reader'
import { indexBuilder, restoredReader } from '../../projections/indexed/reader'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll, decodeRecorded, streamOf } from './ledger'
import { readPages } from './exportImport'

/**
 * The indexed reader of the universe's ledger, built from the store as `canon replay` and a
 * server's start build it: the stream read page by page, each event filed into the index as
 * stored (checked as it is filed, not decoded first). An event the index cannot file is named
 * by position, with the codecs' reasons.
 */
export const buildIndexedReader = (
  deps: LedgerDeps,
  onRead: (events: number) => void = () => undefined,
): TE.TaskEither<AppError, IndexedReader> => {
  const builder = indexBuilder()
  let failure: AppError | undefined
  let read = 0
  const file = (e: RecordedEvent): AppError | undefined => {
    const metadata = e.metadata as Partial<EventMetadata> | null
    const filed =
      metadata !== null &&
      typeof metadata === 'object' &&
      typeof metadata.hash === 'string' &&
      typeof metadata.prevHash === 'string' &&
      typeof metadata.recordedAt === 'string' &&
      builder.add({
        position: e.revision,
        recordedAt: metadata.recordedAt,
        hash: metadata.hash,
        prevHash: metadata.prevHash,
        type: e.type,
        data: e.data,
      })
    if (filed) return undefined
    const decoded = decodeRecorded(e)
    return E.isLeft(decoded)
      ? decoded.left
      : { _tag: 'CorruptEvent', position: e.revision, reason: 'it is not a ledger event' }
  }
  return pipe(
    readPages(deps, (page) => {
      for (const e of page) if (failure === undefined) failure = file(e)
      read += page.length
      onRead(read)
    }),
    TE.flatMap(() => (failure === undefined ? TE.right(builder.reader()) : TE.left(failure))),
  )
}

/**
 * A reader restored from an index snapshot body, brought up to the ledger's head: refused when
 * the body is not a snapshot, or when it is of another ledger (the ledger's event at the
 * snapshot's head is not the one it ends with); extended with the events recorded since.
 */
export const readerFromSnapshot = (
  deps: LedgerDeps,
  body: Uint8Array,
): TE.TaskEither<AppError, IndexedReader> =>
  pipe(
    TE.fromEither(
      E.mapLeft((reason: string): AppError => ({
        _tag: 'InvalidInput',
        source: 'the index snapshot',
        problems: [reason],
      }))(restoredReader(body)),
    ),
    TE.flatMap((reader) => {
      const head = reader.head
      const stream = streamOf(deps.universe)
      return pipe(
        deps.store.readStream(stream, { fromRevision: head.position < 0n ? 0n : head.position }),
        TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        TE.flatMap((events) => TE.fromEither(decodeAll(events))),
        TE.flatMap((events) => {
          const at = head.position < 0n ? undefined : events[0]
          if (head.position >= 0n && at?.hash !== head.hash)
            return TE.left<AppError, IndexedReader>({
              _tag: 'Conflict',
              reason: `the index snapshot is of another ledger: it ends at position ${head.position} with an event this ledger ${at === undefined ? 'does not hold' : 'holds otherwise'}; take a new snapshot`,
            })
          return TE.right(reader.extend(events.filter((e) => e.position > head.position)))
        }),
      )
    }),
  )
