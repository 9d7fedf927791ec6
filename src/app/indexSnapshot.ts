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
import { decodeAll, readLedger, streamOf } from './ledger'
import type { LedgerReader } from './readModel'
import { extendReader, readerFromIndex } from './readModel'

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

const restored = (
  source: string,
  bytes: Uint8Array,
  checksum: Checksum,
): E.Either<AppError, TemporalIndex> =>
  pipe(
    fromSnapshot(bytes, checksum),
    E.mapLeft((e) => invalid(source, e.reason)),
  )

/** Where the index's events are read from: the one it ends with (its hash is checked), then on. */
const fromRevisionOf = (index: TemporalIndex): bigint => BigInt(Math.max(0, index.position))

/**
 * Whether the snapshot belongs to this ledger, given the ledger's events from the snapshot's
 * own last one on: that event must be there with the hash the snapshot names. The events
 * after it are what the snapshot lacks.
 */
const tailAfter = (
  source: string,
  index: TemporalIndex,
  from: ReadonlyArray<Recorded>,
): E.Either<AppError, ReadonlyArray<Recorded>> => {
  if (index.position < 0) return E.right(from)
  const there = from[0]
  if (there === undefined || there.position !== BigInt(index.position))
    return E.left(
      invalid(
        source,
        `it was taken at ledger position ${index.position}, and this ledger holds no event there: it is of another ledger`,
      ),
    )
  if (there.hash !== index.headHash)
    return E.left(
      invalid(
        source,
        `at ledger position ${index.position} it names event hash ${index.headHash.slice(0, 12)}…, and this ledger holds ${there.hash.slice(0, 12)}…: it is of another ledger`,
      ),
    )
  return E.right(from.slice(1))
}

/**
 * A reader restored from a snapshot, without reading the whole ledger: only the event the
 * snapshot ends with (to check it belongs to this ledger) and those recorded after it (added
 * to the index) are read and decoded. Every view is then read from the index, whose entities
 * are materialized when first asked for; `index` is handed back so a shell can materialize the
 * rest in the background.
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
  pipe(
    TE.fromEither(restored(source, bytes, checksum)),
    TE.flatMap((index) =>
      pipe(
        deps.store.readStream(streamOf(deps.universe), { fromRevision: fromRevisionOf(index) }),
        TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        TE.flatMap((events) => TE.fromEither(decodeAll(events))),
        TE.flatMap((from) => TE.fromEither(tailAfter(source, index, from))),
        TE.map((tail) => {
          // Before the index is extended: where the snapshot stood.
          const fit = { position: BigInt(index.position), behind: tail.length }
          return { reader: extendReader(readerFromIndex(index), tail), index, fit }
        }),
      ),
    ),
  )

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
  pipe(
    TE.fromEither(restored(source, bytes, checksum)),
    TE.flatMap((index) =>
      pipe(
        readLedger(deps),
        TE.flatMap((recorded) =>
          TE.fromEither(
            E.map((tail: ReadonlyArray<Recorded>) => ({
              position: BigInt(index.position),
              behind: tail.length,
              matches: snapshotMatchesRebuild(
                bytes,
                recorded.filter((r) => r.position <= BigInt(index.position)),
                checksum,
              ),
            }))(tailAfter(source, index, recorded.slice(Number(fromRevisionOf(index))))),
          ),
        ),
      ),
    ),
  )
