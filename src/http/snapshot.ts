import type * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { LedgerDeps } from '../app/ledger'
import type { LedgerReader } from '../app/queries'
import { readerOf, refreshReader } from '../app/queries'

/**
 * The query reader over the ledger as last read, and the ledger position it reaches (-1n:
 * empty). Built once per new tail of events and shared by every request.
 */
export interface Snapshot {
  readonly position: bigint
  readonly reader: LedgerReader
}

export interface SnapshotSource {
  /** The ledger as it stands now: reads only the events recorded since the last call. */
  readonly current: () => TE.TaskEither<AppError, Snapshot>
  /**
   * After this server wrote: a catch-up that starts after the write (never one already in
   * flight, which may have read before it), so the next request sees the write.
   */
  readonly refresh: () => TE.TaskEither<AppError, Snapshot>
}

const snapshotOf = (reader: LedgerReader): Snapshot => ({ position: reader.position, reader })

/**
 * Catches up from the last known revision on each call (`refreshReader`), so a read costs a
 * tail read of the stream (usually empty), not a full reread, and a write by this server or
 * by any other process is seen by the next request. Catch-ups are serialised so two
 * concurrent requests never add the same events twice; a request keeps the snapshot it got.
 */
export const snapshotSource = (deps: LedgerDeps, stuckAfterMs = 15_000): SnapshotSource => {
  let snapshot: Snapshot = snapshotOf(readerOf([]))
  let inFlight: Promise<E.Either<AppError, Snapshot>> | undefined
  let startedAt = 0
  const catchUp = (): Promise<E.Either<AppError, Snapshot>> =>
    pipe(
      refreshReader(deps, snapshot.reader),
      TE.map((reader) => {
        // A late catch-up never moves the snapshot back.
        if (reader !== snapshot.reader && reader.position >= snapshot.position)
          snapshot = snapshotOf(reader)
        return snapshot
      }),
    )()
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
  return {
    current: () => () => joinable() ?? start(),
    refresh: () => async () => {
      const earlier = inFlight
      if (earlier !== undefined) await earlier
      return inFlight !== undefined && inFlight !== earlier ? inFlight : start()
    },
  }
}
