import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type * as T from 'fp-ts/Task'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import type { UniverseId } from '../domain/ids'
import type { Command } from '../domain/commands'
import type { Place } from '../domain/errors'
import { decide } from '../domain/decide'
import type { LedgerEvent, Recorded } from '../domain/events'
import { LedgerEvent as LedgerEventCodec, eventSchemaVersion } from '../domain/events'
import type { EventMetadata, Hasher } from '../domain/hashChain'
import { genesisHash, linkOf } from '../domain/hashChain'
import type { LedgerState } from '../domain/state'
import { copyState, evolve, foldState } from '../domain/state'
import type { EventStore, NewEvent, RecordedEvent } from '../store/port'
import { expectAfter } from '../store/port'
import type { Readers } from './readers'
import type { AppError } from './errors'
import { decodeProblems } from './decodeProblems'
import { refusal } from './refusal'

/**
 * A command with where it came from: the file (or request body) and, for a refusal, where in it
 * (the path to the entry, its change and field, with the line and column when it was a file).
 */
export interface Sourced {
  readonly command: Command
  readonly source: string
  readonly where?: (at: Place | undefined) => string
}

/** What every use case needs; built once, in the composition root. */
export interface LedgerDeps {
  readonly store: EventStore
  readonly universe: UniverseId
  readonly clock: () => Date
  readonly hash: Hasher
  /** How readers of canon are built: the composition root chooses the implementation. */
  readonly readers: Readers
}

const streamPrefix = 'canon-'

export const streamOf = (universe: UniverseId): string => `${streamPrefix}${universe}`

/** The universe a stream holds the ledger of, if it is a universe's stream. */
export const universeOfStream = (stream: string): string | undefined =>
  stream.startsWith(streamPrefix) ? stream.slice(streamPrefix.length) : undefined

/** A stored event as the domain reads it; a bad one is an error naming its position. */
export const decodeRecorded = (e: RecordedEvent): E.Either<AppError, Recorded> => {
  const metadata = e.metadata as Partial<EventMetadata> | null
  const corrupt = (reason: string): E.Either<AppError, Recorded> =>
    E.left({ _tag: 'CorruptEvent', position: e.revision, reason })
  if (
    metadata === null ||
    typeof metadata !== 'object' ||
    typeof metadata.hash !== 'string' ||
    typeof metadata.prevHash !== 'string' ||
    typeof metadata.recordedAt !== 'string'
  )
    return corrupt('its metadata lacks the hash chain')
  // The codecs only check (brands and shapes, nothing transformed), so data that passes the
  // guard is its own decoding; only data that fails is decoded again, for the reasons.
  const decoded: E.Either<t.Errors, LedgerEvent> = LedgerEventCodec.is(e.data)
    ? E.right(e.data)
    : LedgerEventCodec.decode(e.data)
  if (E.isLeft(decoded)) return corrupt(decodeProblems(decoded.left).join('; '))
  if (decoded.right._tag !== e.type) return corrupt(`its type '${e.type}' does not match its data`)
  return E.right({
    position: e.revision,
    recordedAt: metadata.recordedAt,
    hash: metadata.hash,
    prevHash: metadata.prevHash,
    event: decoded.right,
  })
}

export const decodeAll = (
  events: ReadonlyArray<RecordedEvent>,
): E.Either<AppError, ReadonlyArray<Recorded>> => {
  const out: Recorded[] = []
  for (const e of events) {
    const r = decodeRecorded(e)
    if (E.isLeft(r)) return r
    out.push(r.right)
  }
  return E.right(out)
}

/** The universe's recorded events in ledger order. */
export const readLedger = (deps: LedgerDeps): TE.TaskEither<AppError, ReadonlyArray<Recorded>> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe)),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => TE.fromEither(decodeAll(events))),
  )

export interface Loaded {
  readonly recorded: ReadonlyArray<Recorded>
  readonly state: LedgerState
}

export const loadLedger = (deps: LedgerDeps): TE.TaskEither<AppError, Loaded> =>
  pipe(
    readLedger(deps),
    TE.map((recorded) => ({ recorded, state: foldState(recorded) })),
  )

/** The event ids are derived from the chain link, so a retried append carries the same ids. */
const uuidOf = (hash: string): string =>
  `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`

export interface Outcome {
  readonly appended: ReadonlyArray<Recorded>
  /** The ledger's last position after this write (-1n: still empty). */
  readonly lastPosition: bigint
  /** Commands that changed nothing (the same release or correction again). */
  readonly unchanged: number
}

/**
 * Decides every command against the ledger, in order, then appends all resulting events in
 * one append that expects the revision the decisions were made on. Either all land or none:
 * one refused command refuses the batch, and a concurrent writer gets a WrongExpectedRevision.
 */
export const decideAll = (
  deps: LedgerDeps,
  loaded: Loaded,
  commands: ReadonlyArray<Sourced>,
): E.Either<AppError, { readonly events: ReadonlyArray<Recorded>; readonly unchanged: number }> => {
  // `loaded.state` is never changed here: a later command is decided on a copy that has
  // seen the earlier ones (copied once, and only when a batch has more than one command).
  let state = loaded.state
  let copied = false
  let position = BigInt(loaded.recorded.length)
  const last = loaded.recorded[loaded.recorded.length - 1]
  let prevHash = last?.hash ?? genesisHash(deps.universe, deps.hash)
  const recordedAt = deps.clock().toISOString()
  const events: Recorded[] = []
  let unchanged = 0
  for (const [index, { command, source }] of commands.entries()) {
    const decided = decide(command, state)
    if (E.isLeft(decided))
      return E.left(refusal(decided.left, commands[index] ?? { command, source }, state))
    if (decided.right.length === 0) unchanged += 1
    for (const event of decided.right) {
      const link = linkOf(event, recordedAt, prevHash, deps.hash)
      const recorded: Recorded = { position, recordedAt, ...link, event }
      if (index < commands.length - 1) {
        if (!copied) state = copyState(state)
        copied = true
        state = evolve(state, recorded)
      }
      events.push(recorded)
      prevHash = link.hash
      position += 1n
    }
  }
  return E.right({ events, unchanged })
}

export const toNewEvent = (r: Recorded): NewEvent => ({
  eventId: uuidOf(r.hash),
  type: r.event._tag,
  data: r.event,
  metadata: {
    schema: eventSchemaVersion,
    recordedAt: r.recordedAt,
    prevHash: r.prevHash,
    hash: r.hash,
  } satisfies EventMetadata,
})

export const appendRecorded = (
  deps: LedgerDeps,
  loadedCount: bigint,
  events: ReadonlyArray<Recorded>,
): TE.TaskEither<AppError, void> =>
  events.length === 0
    ? TE.right(undefined)
    : pipe(
        deps.store.appendToStream(
          streamOf(deps.universe),
          expectAfter(loadedCount),
          events.map(toNewEvent),
        ),
        TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        TE.map(() => undefined),
      )

export interface ExecuteOptions {
  /**
   * How many times to decide again when another writer appended between our read and our
   * append (the store's expected-revision check refused it). Deciding again is safe: the same
   * release or correction is a no-op the second time. Ignored when a position is expected.
   */
  readonly retries?: number
  /**
   * The ledger's last position the caller saw (HTTP If-Match): the write is decided on that
   * ledger or refused as WrongExpectedRevision, never retried on a newer one.
   */
  readonly expectedPosition?: bigint
}

const defaultRetries = 20

/** A short random pause that grows with each try, so contending writers spread out. */
const backoff =
  (tried: number): T.Task<void> =>
  () =>
    new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * (tried + 1))))

const isRevisionConflict = (e: AppError): boolean =>
  e._tag === 'Store' && e.error._tag === 'WrongExpectedRevision'

/** Brings a loaded ledger up to date with what other writers appended since (it owns `loaded`). */
export const catchUp = (deps: LedgerDeps, loaded: Loaded): TE.TaskEither<AppError, Loaded> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe), {
      fromRevision: BigInt(loaded.recorded.length),
    }),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => TE.fromEither(decodeAll(events))),
    TE.map((fresh) => {
      let state = loaded.state
      for (const r of fresh) state = evolve(state, r)
      return { recorded: [...loaded.recorded, ...fresh], state }
    }),
  )

const decideAndAppend = (
  deps: LedgerDeps,
  loaded: Loaded,
  commands: ReadonlyArray<Sourced>,
): TE.TaskEither<AppError, Outcome> =>
  pipe(
    TE.fromEither(decideAll(deps, loaded, commands)),
    TE.flatMap(({ events, unchanged }) =>
      pipe(
        appendRecorded(deps, BigInt(loaded.recorded.length), events),
        TE.map((): Outcome => ({
          appended: events,
          unchanged,
          lastPosition: BigInt(loaded.recorded.length + events.length) - 1n,
        })),
      ),
    ),
  )

/**
 * Load, decide, append: the write use case behind `canon append`, `correct` and HTTP writes.
 * When another writer got in first, it reads only what they appended and decides again.
 */
export const execute = (
  deps: LedgerDeps,
  commands: ReadonlyArray<Sourced>,
  options: ExecuteOptions = {},
): TE.TaskEither<AppError, Outcome> => {
  const retries = options.retries ?? defaultRetries
  const attempt = (loaded: Loaded, left: number): TE.TaskEither<AppError, Outcome> =>
    pipe(
      decideAndAppend(deps, loaded, commands),
      TE.orElse((e) =>
        left > 0 && isRevisionConflict(e)
          ? pipe(
              TE.fromTask(backoff(retries - left)),
              TE.flatMap(() => catchUp(deps, loaded)),
              TE.flatMap((fresh) => attempt(fresh, left - 1)),
            )
          : TE.left(e),
      ),
    )
  const expected = options.expectedPosition
  return pipe(
    loadLedger(deps),
    TE.flatMap((loaded) => {
      const last = BigInt(loaded.recorded.length) - 1n
      if (expected === undefined) return attempt(loaded, retries)
      return expected === last
        ? decideAndAppend(deps, loaded, commands)
        : TE.left<AppError, Outcome>({
            _tag: 'Store',
            error: {
              _tag: 'WrongExpectedRevision',
              stream: streamOf(deps.universe),
              expected: expectAfter(expected + 1n),
              actual: last < 0n ? 'no_stream' : last,
            },
          })
    }),
  )
}

export type { LedgerEvent }
