import * as E from 'fp-ts/Either'
import type { EventMetadata } from '../domain/hashChain'
import type { RecordedEvent } from '../store/port'
import type { IndexedReader } from '../../projections/indexed/reader'
import { indexBuilder, indexedReader } from '../../projections/indexed/reader'
import type { AppError } from './errors'
import { decodeRecorded } from './ledger'
import type { ReaderBuilder, Readers } from './readers'

/** A builder of the indexed reader, whose reader can also write its snapshot. */
export type IndexedBuilder = ReaderBuilder<IndexedReader>

const metadataOf = (e: RecordedEvent): Partial<EventMetadata> | undefined =>
  e.metadata !== null && typeof e.metadata === 'object' ? e.metadata : undefined

/**
 * The indexed reader built from events as stored: each is filed into the index directly
 * (checked as it is filed, not decoded first). An event the index cannot file is named by
 * position, with the codecs' reasons.
 */
export const indexedBuilder = (): IndexedBuilder => {
  const builder = indexBuilder()
  return {
    add: (e: RecordedEvent): AppError | undefined => {
      const m = metadataOf(e)
      const filed =
        typeof m?.hash === 'string' &&
        typeof m.prevHash === 'string' &&
        typeof m.recordedAt === 'string' &&
        builder.add({
          position: e.revision,
          recordedAt: m.recordedAt,
          hash: m.hash,
          prevHash: m.prevHash,
          type: e.type,
          data: e.data,
        })
      if (filed) return undefined
      const decoded = decodeRecorded(e)
      return E.isLeft(decoded)
        ? decoded.left
        : { _tag: 'CorruptEvent', position: e.revision, reason: 'it is not a ledger event' }
    },
    reader: builder.reader,
  }
}

/** The indexed reader, for the composition root. */
export const indexedReaders: Readers<IndexedReader> = {
  open: indexedReader,
  builder: indexedBuilder,
}
