import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { AppError } from '../app/errors'
import type { FollowStatus, Follower } from '../app/follow'
import { follow, lagHeaderValue } from '../app/follow'
import type { LedgerDeps } from '../app/ledger'
import { decodeRecorded, streamOf } from '../app/ledger'
import type { CanonReader } from '../../projections/port/reader'
import { refreshReader } from '../app/reads'
import { describeAppError } from '../app/errors'

/**
 * The query reader over the ledger as last read, the ledger position it reaches (-1n: empty),
 * and the `Canon-Lag` header value saying how current that is. Shared by every request.
 */
export interface Snapshot {
  readonly position: bigint
  readonly reader: CanonReader
  readonly lag: string
}

export interface SnapshotSource {
  /**
   * The ledger as the follower holds it, without waiting on the store. Until the follower has
   * first caught up, a read catches up itself (so a store failure is that read's problem).
   */
  readonly current: () => TE.TaskEither<AppError, Snapshot>
  /**
   * What `current` answers once the follower has been current, without a promise; undefined
   * before (a read must then catch up, which only `current` does).
   */
  readonly ready: () => Snapshot | undefined
  /**
   * After this server wrote: a catch-up that starts after the write (never one already in
   * flight, which may have read before it), so the next request sees the write.
   */
  readonly refresh: () => TE.TaskEither<AppError, Snapshot>
  /** Stops following the store (the server is closing). */
  readonly stop: () => Promise<void>
}

export interface SnapshotOptions {
  /** A catch-up older than this is presumed stuck: the next request starts a fresh one. */
  readonly stuckAfterMs?: number
  /** Polling stores (SQLite, memory): the pause between polls at the head. */
  readonly pollIntervalMs?: number
  /** The reader to start from (one restored from an index snapshot); absent: the empty ledger. */
  readonly initial?: CanonReader
}

/**
 * Two writers feed one snapshot: the follower (in the background, event by event, buffered
 * in `pending` and folded in when a request asks) and a direct catch-up (`refreshReader`,
 * before the follower first was current and after this server wrote). Invariant: `pending`
 * continues the snapshot without gaps, and an event at or before what is held is dropped,
 * so whichever writer gets there first, each position is held once and the snapshot never
 * moves back.
 */
export const snapshotSource = (deps: LedgerDeps, options: SnapshotOptions = {}): SnapshotSource => {
  const stuckAfterMs = options.stuckAfterMs ?? 15_000
  let reader: CanonReader = options.initial ?? deps.readers.open([])
  let pending: Recorded[] = []
  // When a direct catch-up last read to the store's head (it then knows as much as a live follower).
  let caughtUpAt: { position: bigint; at: Date } | undefined
  const held = (): bigint => pending[pending.length - 1]?.position ?? reader.head.position

  const follower: Follower = follow({
    store: deps.store,
    stream: streamOf(deps.universe),
    // Resumes after what the initial reader holds.
    ...(reader.head.position < 0n ? {} : { after: reader.head.position }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    apply: (event) => {
      if (event.revision <= held()) return
      const decoded = decodeRecorded(event)
      // A corrupt event stops the follower there (it retries with backoff); the direct
      // catch-up reports it to the requests made before the follower was current.
      if (E.isLeft(decoded)) throw new Error(describeAppError(decoded.left))
      pending.push(decoded.right)
    },
  })

  /** The status of the answer: the follower's, unless a direct catch-up read further. */
  const statusOf = (position: bigint): FollowStatus => {
    const s = follower.status()
    const applied = position < 0n ? undefined : position
    if (caughtUpAt === undefined || caughtUpAt.position < position || s.applied === applied)
      return s
    const head = s.head === undefined || s.head < position ? applied : s.head
    return {
      ...s,
      applied,
      head,
      behind: head === undefined ? 0n : head - position,
      currentAt: caughtUpAt.at,
    }
  }

  const snapshot = (): Snapshot => {
    if (pending.length > 0) {
      const fresh = pending.filter((r) => r.position > reader.head.position)
      pending = []
      if (fresh.length > 0) reader = reader.extend(fresh)
    }
    return {
      position: reader.head.position,
      reader,
      lag: lagHeaderValue(statusOf(reader.head.position), new Date()),
    }
  }

  let inFlight: Promise<E.Either<AppError, Snapshot>> | undefined
  let startedAt = 0
  const catchUp = (): Promise<E.Either<AppError, Snapshot>> => {
    const base = snapshot().reader
    return pipe(
      refreshReader(deps, base),
      TE.map((fresh) => {
        // A late catch-up never moves the snapshot back.
        if (fresh !== base && fresh.head.position > held()) {
          reader = fresh
          pending = []
        }
        if (caughtUpAt === undefined || fresh.head.position >= caughtUpAt.position)
          caughtUpAt = { position: fresh.head.position, at: new Date() }
        return snapshot()
      }),
    )()
  }
  const start = (): Promise<E.Either<AppError, Snapshot>> => {
    const run = catchUp().finally(() => {
      if (inFlight === run) inFlight = undefined
    })
    inFlight = run
    startedAt = Date.now()
    return run
  }
  // A catch-up stuck on a store that hangs is not joined for ever: once it is older than
  // `stuckAfterMs`, the next request starts a fresh one.
  const joinable = (): Promise<E.Either<AppError, Snapshot>> | undefined =>
    inFlight !== undefined && Date.now() - startedAt < stuckAfterMs ? inFlight : undefined
  // Once the follower has been current, reads never wait on the store again: while it
  // catches up or retries, they answer from what it holds, and Canon-Lag says how old that is.
  const followed = (): boolean => follower.status().currentAt !== undefined

  return {
    current: () => () =>
      followed() ? Promise.resolve(E.right(snapshot())) : (joinable() ?? start()),
    ready: () => (followed() ? snapshot() : undefined),
    refresh: () => async () => {
      follower.nudge()
      const earlier = inFlight
      if (earlier !== undefined) await earlier
      return inFlight !== undefined && inFlight !== earlier ? inFlight : start()
    },
    stop: follower.stop,
  }
}
