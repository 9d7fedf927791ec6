import * as TE from 'fp-ts/TaskEither'
import type { EventStore, NewEvent, RecordedEvent, StreamName } from '../port'
import { checkExpected } from '../expectedRevision'

/** The reference adapter: every contract the port states, in a few arrays. For unit tests. */
export const memoryStore = (): EventStore => {
  const all: RecordedEvent[] = []
  const streams = new Map<StreamName, RecordedEvent[]>()
  return {
    description: 'memory',
    appendToStream: (stream, expected, events: ReadonlyArray<NewEvent>) => () => {
      const existing = streams.get(stream) ?? []
      const last = existing.length === 0 ? undefined : BigInt(existing.length - 1)
      const refused = checkExpected(stream, expected, last)
      if (refused !== undefined) return Promise.resolve({ _tag: 'Left', left: refused } as const)
      const recorded = events.map((e, i): RecordedEvent => ({
        stream,
        eventId: e.eventId,
        revision: BigInt(existing.length + i),
        globalPosition: BigInt(all.length + i),
        type: e.type,
        data: structuredClone(e.data),
        metadata: structuredClone(e.metadata),
      }))
      streams.set(stream, [...existing, ...recorded])
      all.push(...recorded)
      const tail = streams.get(stream) ?? []
      // The stream's last event, not the store's: an append of zero events answers the stream.
      const lastEvent = tail[tail.length - 1]
      return Promise.resolve({
        _tag: 'Right',
        right: {
          nextExpectedRevision: BigInt(tail.length - 1),
          globalPosition: lastEvent?.globalPosition ?? -1n,
        },
      } as const)
    },
    readStream: (stream, options = {}) =>
      TE.right(
        (streams.get(stream) ?? [])
          .filter((e) => e.revision >= (options.fromRevision ?? 0n))
          .slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)
          .map((e) => structuredClone(e)),
      ),
    readAll: (options = {}) =>
      TE.right(
        all
          .filter((e) => options.after === undefined || e.globalPosition > options.after)
          .slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)
          .map((e) => structuredClone(e)),
      ),
    ping: () => TE.right(undefined),
    close: () => Promise.resolve(),
  }
}
