import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoreError,
  StreamName,
} from './port'
import { expectExact } from './port'
import { payloadBytes } from './payloadBytes'

/**
 * EventStoreDB refuses an append over its MaxAppendSize (1 MiB by default) as a whole. An
 * append under the limit stays one atomic append; this splits a long list of events (an
 * import of a whole ledger) into consecutive appends that each stay under `limitBytes`.
 *
 * ONLY for callers that accept losing atomicity across the parts: each part is checked against
 * the revision the previous part left (so a concurrent writer is still refused), but a failure
 * after the first part leaves the earlier parts written. With the port's deterministic event
 * ids, running the same call again re-sends identical parts, which the server recognises as
 * already written, and continues. Ordinary appends (one release, one correction) never split:
 * an event too large on its own gets AppendTooLarge from the server, a clear refusal.
 */
export const chunkBySize = (
  events: ReadonlyArray<NewEvent>,
  limitBytes: number,
): ReadonlyArray<ReadonlyArray<NewEvent>> => {
  const chunks: NewEvent[][] = []
  let current: NewEvent[] = []
  let size = 0
  for (const event of events) {
    const bytes = payloadBytes([event])
    if (current.length > 0 && size + bytes > limitBytes) {
      chunks.push(current)
      current = []
      size = 0
    }
    current.push(event)
    size += bytes
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/** Under the server's 1 MiB, leaving room for event ids, types and framing. */
export const defaultChunkBytes = 900 * 1024

export const appendInChunks = (
  store: EventStore,
  stream: StreamName,
  expected: ExpectedRevision,
  events: ReadonlyArray<NewEvent>,
  limitBytes: number = defaultChunkBytes,
): TE.TaskEither<StoreError, AppendResult & { readonly appends: number }> => {
  const chunks = chunkBySize(events, limitBytes)
  const step = (
    index: number,
    expectation: ExpectedRevision,
    last: AppendResult,
  ): TE.TaskEither<StoreError, AppendResult & { readonly appends: number }> => {
    const chunk = chunks[index]
    if (chunk === undefined) return TE.right({ ...last, appends: index })
    return pipe(
      store.appendToStream(stream, expectation, chunk),
      TE.flatMap((result) => step(index + 1, expectExact(result.nextExpectedRevision), result)),
    )
  }
  return chunks.length === 0
    ? pipe(
        store.appendToStream(stream, expected, []),
        TE.map((result) => ({ ...result, appends: 0 })),
      )
    : step(0, expected, { nextExpectedRevision: -1n, globalPosition: -1n })
}
