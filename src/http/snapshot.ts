import type * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { AppError } from '../app/errors'
import type { LedgerDeps } from '../app/ledger'
import { decodeAll, streamOf } from '../app/ledger'
import type { LedgerReader } from '../app/readModel'
import { readerOf } from '../app/readModel'

/**
 * The recorded events as last read, the ledger position they reach (-1n: empty), and the
 * query reader over exactly them (built once per snapshot, shared by every request).
 */
export interface Snapshot {
  readonly recorded: ReadonlyArray<Recorded>
  readonly position: bigint
  readonly reader: LedgerReader
}

const snapshotOf = (recorded: ReadonlyArray<Recorded>): Snapshot => ({
  recorded,
  position: BigInt(recorded.length) - 1n,
  reader: readerOf(recorded),
})

export interface SnapshotSource {
  /** The ledger as it stands now: reads only the events recorded since the last call. */
  readonly current: () => TE.TaskEither<AppError, Snapshot>
  /**
   * After this server wrote: a catch-up that starts after the write (never one already in
   * flight, which may have read before it), so the next request sees the write.
   */
  readonly refresh: () => TE.TaskEither<AppError, Snapshot>
}

/**
 * Keeps the decoded events in memory and catches up from the last known revision on each
 * call, so a read costs a tail read of the stream (usually empty), not a full reread, and a
 * write by this server or any other process is seen by the next request. Catch-ups are
 * serialised so two concurrent requests never add the same events twice. A snapshot is an
 * immutable value: a request keeps reading the one it started with.
 */
export const snapshotSource = (deps: LedgerDeps): SnapshotSource => {
  let snapshot: Snapshot = snapshotOf([])
  let inFlight: Promise<E.Either<AppError, Snapshot>> | undefined
  const catchUp = (): Promise<E.Either<AppError, Snapshot>> =>
    pipe(
      deps.store.readStream(streamOf(deps.universe), {
        fromRevision: BigInt(snapshot.recorded.length),
      }),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.flatMap((events) => TE.fromEither(decodeAll(events))),
      TE.map((fresh) => {
        // The port reads revisions in order from the one asked for: the tail continues the snapshot.
        if (fresh.length > 0) snapshot = snapshotOf([...snapshot.recorded, ...fresh])
        return snapshot
      }),
    )()
  const start = (): Promise<E.Either<AppError, Snapshot>> => {
    const run = catchUp().finally(() => {
      if (inFlight === run) inFlight = undefined
    })
    inFlight = run
    return run
  }
  return {
    current: () => () => inFlight ?? start(),
    refresh: () => async () => {
      const earlier = inFlight
      if (earlier !== undefined) await earlier
      return inFlight !== undefined && inFlight !== earlier ? inFlight : start()
    },
  }
}
