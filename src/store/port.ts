import type * as TE from 'fp-ts/TaskEither'

/**
 * The one store port. Revisions are numbered HERE, for every adapter: a stream's first event
 * has revision 0n (as in EventStoreDB). Positions and revisions are bigint inside.
 */
export type StreamName = string

export type ExpectedRevision =
  | { readonly _tag: 'Any' }
  | { readonly _tag: 'NoStream' }
  | { readonly _tag: 'Exact'; readonly revision: bigint }

export const expectAny: ExpectedRevision = { _tag: 'Any' }
export const expectNoStream: ExpectedRevision = { _tag: 'NoStream' }
export const expectExact = (revision: bigint): ExpectedRevision => ({ _tag: 'Exact', revision })

/** The revision to expect after `count` events: no stream for an empty one. */
export const expectAfter = (count: bigint): ExpectedRevision =>
  count === 0n ? expectNoStream : expectExact(count - 1n)

export interface NewEvent {
  /** Deterministic (derived from content), so a retried append is recognised. */
  readonly eventId: string
  readonly type: string
  /** A JSON value (adapters store JSON text): it reads back equal, nested objects and all. */
  readonly data: unknown
  /** A JSON value, like `data`. */
  readonly metadata: unknown
}

export interface RecordedEvent {
  readonly stream: StreamName
  readonly eventId: string
  /** 0-based revision within the stream. */
  readonly revision: bigint
  /** Order across all streams of the store ("commit order"). */
  readonly globalPosition: bigint
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
  /**
   * EventStoreDB's prepare position where it differs from the commit position (`globalPosition`):
   * only events of legacy explicit transactions have one. Absent means "equal to globalPosition",
   * so memory and SQLite, which have a single position, never set it.
   */
  readonly preparePosition?: bigint
  /**
   * The data's JSON text exactly as stored, given only when the read asked for it
   * (`withText`) and only by a store that keeps events as text (SQLite). It parses to `data`.
   */
  readonly dataText?: string
}

export interface AppendResult {
  /**
   * The stream's revision after the append (the last appended event's revision); -1n when the
   * stream still has no events (an append of zero events to no stream), as EventStoreDB's client.
   */
  readonly nextExpectedRevision: bigint
  /** The global position of the stream's last event after the append (-1n when it has none). */
  readonly globalPosition: bigint
}

export type StoreError =
  | {
      readonly _tag: 'WrongExpectedRevision'
      readonly stream: StreamName
      readonly expected: ExpectedRevision
      readonly actual: bigint | 'no_stream'
    }
  | { readonly _tag: 'StreamDeleted'; readonly stream: StreamName }
  | {
      readonly _tag: 'AppendTooLarge'
      readonly stream: StreamName
      readonly bytes: number
      readonly limit: number
    }
  | { readonly _tag: 'Unavailable'; readonly store: string; readonly reason: string }
  | { readonly _tag: 'StoreFailure'; readonly store: string; readonly reason: string }
  /**
   * Stored data fails an integrity check (the store's own, or a stored event that cannot be
   * read back), at `revision` of `stream` when the place is known. Retrying does not help.
   */
  | {
      readonly _tag: 'Corrupt'
      readonly store: string
      readonly stream?: StreamName
      readonly revision?: bigint
      readonly reason: string
    }
  /**
   * There is no store at `location`, and this open was not allowed to create one (a reader's
   * open): nothing was created. `reason` says what was found there instead.
   */
  | {
      readonly _tag: 'StoreMissing'
      readonly store: string
      readonly location: string
      readonly reason: string
    }

export interface ReadOptions {
  /** First revision to read (inclusive); 0n by default. */
  readonly fromRevision?: bigint
  readonly maxCount?: number
  /** Asks a store that keeps events as text for each event's `dataText` (others ignore it). */
  readonly withText?: boolean
}

export interface ReadAllOptions {
  /** Read events with a global position strictly after this one. */
  readonly after?: bigint
  readonly maxCount?: number
}

export interface EventStore {
  /** Names the store for /health and logs: `memory`, `sqlite:/path`, `esdb://host`. */
  readonly description: string
  /**
   * Appends atomically: all events or none, after checking `expected` against the stream's last
   * revision (WrongExpectedRevision otherwise, with nothing written). An append of ZERO events
   * writes nothing but is checked the same way: it is refused on a wrong expected revision and
   * otherwise answers the stream as it stands (its last revision and that event's position).
   */
  readonly appendToStream: (
    stream: StreamName,
    expected: ExpectedRevision,
    events: ReadonlyArray<NewEvent>,
  ) => TE.TaskEither<StoreError, AppendResult>
  /** Events of one stream in revision order; a missing stream reads as empty. */
  readonly readStream: (
    stream: StreamName,
    options?: ReadOptions,
  ) => TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>>
  /** Events of every stream in commit order. */
  readonly readAll: (
    options?: ReadAllOptions,
  ) => TE.TaskEither<StoreError, ReadonlyArray<RecordedEvent>>
  /** Answers whether the store can be reached now. */
  readonly ping: () => TE.TaskEither<StoreError, void>
  readonly close: () => Promise<void>
  /** Present only in stores that push events; others are followed by polling `readStream`. */
  readonly subscribeToStream?: SubscribeToStream
  /**
   * Present only in stores with a check of their own files (SQLite's integrity_check): the
   * problems it finds, none when the files are sound. Reads only.
   */
  readonly checkIntegrity?: () => TE.TaskEither<StoreError, ReadonlyArray<string>>
  /**
   * Present only in stores that refuse an append over a size (EventStoreDB's MaxAppendSize,
   * less room for framing): a long import is then written in appends under it.
   */
  readonly maxAppendBytes?: number
}

/** What a live subscription reports; the store calls `onEvent` in revision order, one at a time. */
export interface SubscriptionHandlers {
  /** The next event; the subscription waits for the returned promise before the next one. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>
  /** The stream's last revision (undefined: no stream) as the subscription (re)starts. */
  readonly onHead?: (lastRevision: bigint | undefined) => void
  /** Every event that existed when the subscription (re)started has been delivered. */
  readonly onCaughtUp?: () => void
  /** The connection dropped; the store resubscribes after the last delivered event in `retryInMs`. */
  readonly onRetry?: (error: StoreError, attempt: number, retryInMs: number) => void
}

export interface Subscription {
  /** Stops delivery; no `onEvent` starts after the returned promise resolves. */
  readonly stop: () => Promise<void>
}

/**
 * Optional capability of a store that can push new events (EventStoreDB's catch-up
 * subscription): delivers the stream's events after `afterRevision` (from its start when
 * undefined), then new ones as they are appended, resubscribing after a dropped connection.
 */
export type SubscribeToStream = (
  stream: StreamName,
  afterRevision: bigint | undefined,
  handlers: SubscriptionHandlers,
) => Subscription

export const describeStoreError = (e: StoreError): string => {
  switch (e._tag) {
    case 'WrongExpectedRevision':
      return `stream '${e.stream}' moved on: expected ${
        e.expected._tag === 'Exact'
          ? `revision ${e.expected.revision}`
          : e.expected._tag === 'NoStream'
            ? 'no stream'
            : 'any'
      }, found ${e.actual === 'no_stream' ? 'no stream' : `revision ${e.actual}`}`
    case 'StreamDeleted':
      return `stream '${e.stream}' was deleted`
    case 'AppendTooLarge':
      return `append to '${e.stream}' is ${e.bytes} bytes, over the store's limit of ${e.limit}`
    case 'Unavailable':
      return `store ${e.store} is unavailable: ${e.reason}`
    case 'StoreFailure':
      return `store ${e.store} failed: ${e.reason}`
    case 'Corrupt':
      return `store ${e.store} holds corrupt data${
        e.revision === undefined
          ? ''
          : ` at position ${e.revision}${e.stream === undefined ? '' : ` of '${e.stream}'`}`
      }: ${e.reason}`
    case 'StoreMissing':
      return `no store at ${e.location}: ${e.reason}`
    default: {
      const never: never = e
      return never
    }
  }
}
