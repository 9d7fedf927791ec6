import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { canonicalJsonText } from '../../domain/json'
import type { NewEvent, RecordedEvent, StoreError } from '../port'

/** A NewEvent ready for its INSERT: data and metadata as JSON text (null for undefined). */
export interface EventRow {
  readonly eventId: string
  readonly type: string
  readonly data: string | null
  readonly metadata: string | null
}

/** A row as SELECTed with safe integers on (INTEGER columns read as bigint). */
export interface StoredRow {
  readonly position: bigint
  readonly stream: string
  readonly revision: bigint
  readonly event_id: string
  readonly type: string
  readonly data: string | null
  readonly metadata: string | null
}

/**
 * Canonical JSON text (undefined: stored as NULL). Canonical, so that the text of an event's
 * data is the very text its link in the hash chain was taken over: a walk of the chain hashes
 * the stored text instead of writing the parsed data out again (`ChainLink.dataText`).
 */
const jsonText = (value: unknown): string | null =>
  value === undefined ? null : canonicalJsonText(value)

/** Serialises before the write lock is taken: a value that is not JSON refuses the append. */
export const toEventRow =
  (store: string, stream: string) =>
  (e: NewEvent): E.Either<StoreError, EventRow> =>
    E.tryCatch(
      () => ({
        eventId: e.eventId,
        type: e.type,
        data: jsonText(e.data),
        metadata: jsonText(e.metadata),
      }),
      (error): StoreError => ({
        _tag: 'StoreFailure',
        store,
        reason: `event ${e.eventId} (${e.type}) for stream '${stream}' is not JSON: ${
          error instanceof Error ? error.message : String(error)
        }`,
      }),
    )

const parsed = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text))

/**
 * A row as the port's event; a row whose stored text is not JSON (the file was changed behind
 * the store's back) is Corrupt, naming its stream and revision. The reason names no file.
 * `withText`: the event also carries its data's text as stored (`RecordedEvent.dataText`).
 */
export const toRecorded =
  (store: string, withText = false) =>
  (row: StoredRow): E.Either<StoreError, RecordedEvent> => {
    const column = (name: 'data' | 'metadata'): E.Either<StoreError, unknown> =>
      E.tryCatch(
        () => parsed(row[name]),
        (e): StoreError => ({
          _tag: 'Corrupt',
          store,
          stream: row.stream,
          revision: row.revision,
          reason: `its stored ${name} is not JSON (${e instanceof Error ? e.message : String(e)})`,
        }),
      )
    return pipe(
      E.Do,
      E.bind('data', () => column('data')),
      E.bind('metadata', () => column('metadata')),
      E.map(({ data, metadata }) => ({
        stream: row.stream,
        eventId: row.event_id,
        revision: row.revision,
        globalPosition: row.position,
        type: row.type,
        data,
        metadata,
        ...(withText && row.data !== null ? { dataText: row.data } : {}),
      })),
    )
  }

/** Rows as events, or the first that cannot be read. */
export const toRecordedAll =
  (store: string, withText = false) =>
  (rows: ReadonlyArray<StoredRow>): E.Either<StoreError, ReadonlyArray<RecordedEvent>> => {
    const out: RecordedEvent[] = []
    const one = toRecorded(store, withText)
    for (const row of rows) {
      const r = one(row)
      if (E.isLeft(r)) return r
      out.push(r.right)
    }
    return E.right(out)
  }
