import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'
import { buildIndex } from '../../projections/temporalIndex'
import type { Checksum } from '../../projections/temporalSnapshot'
import {
  fromSnapshot,
  snapshotMatchesRebuild,
  toSnapshot,
} from '../../projections/temporalSnapshot'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { readLedger } from './ledger'
import type { LedgerReader } from './readModel'
import { readerWithIndex } from './readModel'

/**
 * Snapshots of the temporal index, the projection entity-as-of reads: taken from a full
 * replay, checked against one, and restored to start a reader without rebuilding the index.
 * A snapshot names the ledger position it reflects and the hash of the event there, so a
 * restore refuses a snapshot of another ledger, and extends one the ledger has moved past.
 */
export interface SnapshotTaken {
  readonly bytes: Uint8Array
  readonly position: bigint
  readonly headHash: string
  readonly entities: number
  readonly claims: number
}

export const takeSnapshot = (
  deps: LedgerDeps,
  checksum: Checksum,
): TE.TaskEither<AppError, SnapshotTaken> =>
  pipe(
    readLedger(deps),
    TE.map((recorded) => {
      const index = buildIndex(recorded)
      return {
        bytes: toSnapshot(index, checksum),
        position: BigInt(index.position),
        headHash: index.headHash,
        entities: index.entities.size,
        claims: index.claims.size,
      }
    }),
  )

/** Where a snapshot stands against the ledger it is restored on. */
export interface SnapshotFit {
  readonly position: bigint
  /** Events the ledger holds after the snapshot's position (extended on restore). */
  readonly behind: number
}

const invalid = (source: string, problem: string): AppError => ({
  _tag: 'InvalidInput',
  source,
  problems: [problem],
})

/** The snapshot restored lazily, if it was taken of this ledger (or an earlier state of it). */
const restoredOn = (
  source: string,
  bytes: Uint8Array,
  checksum: Checksum,
  recorded: ReadonlyArray<Recorded>,
): E.Either<AppError, { readonly index: TemporalIndex; readonly fit: SnapshotFit }> => {
  const restored = fromSnapshot(bytes, checksum)
  if (E.isLeft(restored)) return E.left(invalid(source, restored.left.reason))
  const index = restored.right
  const last = recorded[recorded.length - 1]?.position ?? -1n
  if (index.position > Number(last))
    return E.left(
      invalid(
        source,
        `it was taken at ledger position ${index.position}, and this ledger ends at ${last}: it is of another ledger`,
      ),
    )
  const there = recorded[index.position]
  if (index.position >= 0 && there?.hash !== index.headHash)
    return E.left(
      invalid(
        source,
        `at ledger position ${index.position} it names event hash ${index.headHash.slice(0, 12)}…, and this ledger holds ${String(there?.hash).slice(0, 12)}…: it is of another ledger`,
      ),
    )
  return E.right({
    index,
    fit: { position: BigInt(index.position), behind: Number(last) - index.position },
  })
}

/** The ledger read, and the snapshot restored on it (or the reason it does not belong there). */
const withSnapshotOn = <A>(
  deps: LedgerDeps,
  source: string,
  bytes: Uint8Array,
  checksum: Checksum,
  f: (
    restored: { readonly index: TemporalIndex; readonly fit: SnapshotFit },
    recorded: ReadonlyArray<Recorded>,
  ) => A,
): TE.TaskEither<AppError, A> =>
  pipe(
    readLedger(deps),
    TE.flatMap((recorded) =>
      TE.fromEither(
        E.map((restored: { readonly index: TemporalIndex; readonly fit: SnapshotFit }) =>
          f(restored, recorded),
        )(restoredOn(source, bytes, checksum, recorded)),
      ),
    ),
  )

/**
 * A reader over the whole ledger whose index comes from the snapshot: read and decode the
 * events (the other projections fold them), check the snapshot belongs to them, and start
 * without building the index. Entities are materialized from the snapshot when first asked
 * for; `index` is handed back so a shell can materialize the rest in the background.
 */
export const restoreReader = (
  deps: LedgerDeps,
  source: string,
  bytes: Uint8Array,
  checksum: Checksum,
): TE.TaskEither<
  AppError,
  { readonly reader: LedgerReader; readonly index: TemporalIndex; readonly fit: SnapshotFit }
> =>
  withSnapshotOn(deps, source, bytes, checksum, ({ index, fit }, recorded) => ({
    reader: readerWithIndex(recorded, index),
    index,
    fit,
  }))

/**
 * Checks a snapshot against a full replay of the ledger up to its position: byte for byte
 * what the replay would write. A snapshot of another ledger is refused as on restore.
 */
export const checkSnapshot = (
  deps: LedgerDeps,
  source: string,
  bytes: Uint8Array,
  checksum: Checksum,
): TE.TaskEither<AppError, SnapshotFit & { readonly matches: boolean }> =>
  withSnapshotOn(deps, source, bytes, checksum, ({ fit }, recorded) => ({
    ...fit,
    matches: snapshotMatchesRebuild(
      bytes,
      recorded.filter((r) => r.position <= fit.position),
      checksum,
    ),
  }))
