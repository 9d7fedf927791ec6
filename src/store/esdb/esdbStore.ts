import type { AppendExpectedRevision, ResolvedEvent } from '@eventstore/db-client'
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadOptions,
  RecordedEvent,
  StoreError,
  StreamName,
} from '../port'
import { emptyAppend } from '../expectedRevision'
import { describeConnection } from './connection'
import { fromResolved, isSystem, payloadBytes, toEventData } from './eventData'
import type { BackoffPolicy } from './subscribe'
import { catchUpSubscription, defaultBackoff } from './subscribe'
import { translateError } from './translateError'
import { defaultChunkBytes } from '../appendInChunks'

export interface EsdbStoreOptions {
  /** How a dropped subscription waits before it resubscribes. */
  readonly backoff?: BackoffPolicy
  /** Events per page when reading `$all` (system events are skipped page by page). */
  readonly allPageSize?: number
  /** The largest append a long import makes (the server's MaxAppendSize less framing). */
  readonly maxAppendBytes?: number
}

const toClientExpected = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected._tag) {
    case 'Any':
      return ANY
    case 'NoStream':
      return NO_STREAM
    case 'Exact':
      return expected.revision
    default: {
      const never: never = expected
      return never
    }
  }
}

/** Drains a client read; a stream that does not exist reads as empty. */
const collect = async (read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = []
  try {
    for await (const resolved of read) out.push(resolved)
  } catch (e) {
    if (e instanceof StreamNotFoundError) return []
    throw e
  }
  return out
}

/**
 * The EventStore port on EventStoreDB (`@eventstore/db-client` 6.x, gRPC): one stream per
 * universe, appends with the expected revision checked by the server, the port's deterministic
 * event ids (so a retried append is recognised by the server's idempotency check), and vendor
 * errors translated at this edge. `globalPosition` is the `$all` commit position.
 */
export const esdbStore = (
  connectionString: string,
  options: EsdbStoreOptions = {},
): EventStore & { readonly client: EventStoreDBClient } => {
  const client = EventStoreDBClient.connectionString(connectionString)
  const description = describeConnection(connectionString)
  const pageSize = Math.max(2, options.allPageSize ?? 500)
  const subscriptions = new Set<{ readonly stop: () => Promise<void> }>()

  const attempt = <A>(
    run: () => Promise<A>,
    onError: (e: unknown) => StoreError,
  ): TE.TaskEither<StoreError, A> => TE.tryCatch(run, onError)

  /** The stream's last event, or undefined when it has none. */
  const lastOf = async (stream: StreamName): Promise<RecordedEvent | undefined> => {
    const read = await collect(
      client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    )
    const first = read[0]
    return first === undefined ? undefined : fromResolved(first)
  }

  /**
   * An append of zero events writes nothing, so the server is not asked to write: the expected
   * revision is checked against the stream's last event, as the port requires.
   */
  const appendNothing = (
    stream: StreamName,
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult> =>
    pipe(
      attempt(() => lastOf(stream), translateError({ store: description, stream, expected })),
      TE.flatMap((last) =>
        TE.fromEither(
          emptyAppend(
            stream,
            expected,
            last === undefined
              ? undefined
              : { revision: last.revision, position: last.globalPosition },
          ),
        ),
      ),
    )

  const appendToStream = (
    stream: StreamName,
    expected: ExpectedRevision,
    events: ReadonlyArray<NewEvent>,
  ): TE.TaskEither<StoreError, AppendResult> =>
    events.length === 0
      ? appendNothing(stream, expected)
      : attempt(
          async () => {
            const result = await client.appendToStream(stream, events.map(toEventData), {
              expectedRevision: toClientExpected(expected),
            })
            return {
              nextExpectedRevision: result.nextExpectedRevision,
              globalPosition: result.position?.commit ?? -1n,
            }
          },
          (e) =>
            translateError({
              store: description,
              stream,
              expected,
              bytes: payloadBytes(events),
            })(e),
        )

  const readStream = (
    stream: StreamName,
    readOptions: ReadOptions = {},
  ): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
    attempt(
      async () => {
        if (readOptions.maxCount === 0) return []
        const read = await collect(
          client.readStream(stream, {
            fromRevision: readOptions.fromRevision ?? START,
            ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
          }),
        )
        return read.flatMap((r) => fromResolved(r) ?? [])
      },
      translateError({ store: description, stream }),
    )

  /**
   * `$all` in commit order without system events, page by page: a page may be all statistics
   * events, so a short answer is only given at the end of `$all`. A position names the event
   * at it, and reads from it are inclusive, so events at or before `after` are dropped.
   */
  const readAll = (
    readOptions: ReadAllOptions = {},
  ): TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>> =>
    attempt(
      async () => {
        const wanted = readOptions.maxCount ?? Number.POSITIVE_INFINITY
        const out: RecordedEvent[] = []
        let after = readOptions.after ?? -1n
        while (out.length < wanted) {
          const page = await collect(
            client.readAll({
              fromPosition: after < 0n ? START : { commit: after, prepare: after },
              maxCount: pageSize,
            }),
          )
          const fresh = page.filter((r) => (r.event?.position?.commit ?? -1n) > after)
          for (const resolved of fresh) {
            if (out.length >= wanted) break
            if (isSystem(resolved)) continue
            const recorded = fromResolved(resolved)
            if (recorded !== undefined) out.push(recorded)
          }
          const last = fresh[fresh.length - 1]?.event?.position?.commit
          if (page.length < pageSize || last === undefined) break
          after = last
        }
        return out
      },
      translateError({ store: description }),
    )

  const ping = (): TE.TaskEither<StoreError, void> =>
    attempt(
      async () => {
        // Any stream read answers; a stream that does not exist reads as empty.
        await collect(client.readStream('canon-ping', { maxCount: 1 }))
      },
      translateError({ store: description }),
    )

  return {
    description,
    client,
    maxAppendBytes: options.maxAppendBytes ?? defaultChunkBytes,
    appendToStream,
    readStream,
    readAll,
    ping,
    subscribeToStream: (stream, afterRevision, handlers) => {
      const subscription = catchUpSubscription(client, {
        stream,
        afterRevision,
        handlers,
        backoff: options.backoff ?? defaultBackoff,
        translate: translateError({ store: description, stream }),
        lastRevision: async () => (await lastOf(stream))?.revision,
      })
      subscriptions.add(subscription)
      return {
        stop: async () => {
          subscriptions.delete(subscription)
          await subscription.stop()
        },
      }
    },
    close: async () => {
      await Promise.all([...subscriptions].map((s) => s.stop()))
      subscriptions.clear()
      await client.dispose()
    },
  }
}

/**
 * For the composition root: opens the adapter without contacting the server (the client
 * connects on first use, so a server that is still starting is no reason to refuse), and turns
 * a connection string the client cannot parse into a StoreFailure instead of a throw.
 */
export const openEsdbStore = (
  connectionString: string,
  options: EsdbStoreOptions = {},
): TE.TaskEither<StoreError, EventStore> =>
  TE.fromEither(
    E.tryCatch(
      (): EventStore => esdbStore(connectionString, options),
      (e): StoreError => ({
        _tag: 'StoreFailure',
        store: describeConnection(connectionString),
        reason: `invalid EventStoreDB connection string: ${e instanceof Error ? e.message : String(e)}`,
      }),
    ),
  )
