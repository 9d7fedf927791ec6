import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'
import { buildIndex } from '../../projections/temporalIndex'
import {
  fromSnapshot,
  snapshotMatchesRebuild,
  toSnapshot,
} from '../../projections/temporalSnapshot'
import { describeChainBreak, verifyChain } from '../domain/hashChain'
import type { RecordedEvent } from '../store/port'
import type { Anchor } from './anchor'
import { missOf, untrusted } from './anchor'
import type { ChainTip } from './chainGuard'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll, streamOf } from './ledger'
import type { SnapshotSeal } from './snapshotSeal'
import { seal, unseal } from './snapshotSeal'
import { verifyStored } from './verify'
import type { LedgerReader } from './readModel'
import { extendReader, readerFromIndex } from './readModel'

/**
 * Snapshots of the temporal index, the projection entity-as-of reads: taken from a full
 * replay, checked against one, and restored to start a reader without rebuilding the index.
 * A snapshot names the ledger position it reflects and the hash of the event there, so a
 * restore refuses a snapshot of another ledger, and extends one the ledger has moved past.
 * The file is sealed with a SHA-256 of everything in it (snapshotSeal.ts).
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
  sealing: SnapshotSeal,
): TE.TaskEither<AppError, SnapshotTaken> =>
  pipe(
    readVerified(deps),
    TE.map((recorded) => {
      const index = buildIndex(recorded)
      return {
        bytes: seal(toSnapshot(index, sealing.checksum), sealing.digest),
        position: BigInt(index.position),
        headHash: index.headHash,
        entities: index.entities.size,
        claims: index.claims.size,
      }
    }),
  )

/**
 * The whole ledger, its chain walked first: a snapshot's head is an anchor later readers
 * trust, so it is never taken of a broken chain.
 */
const readVerified = (deps: LedgerDeps): TE.TaskEither<AppError, ReadonlyArray<Recorded>> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe)),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => {
      const walk = verifyStored(deps, events)
      return walk.firstBreak === undefined
        ? TE.fromEither(decodeAll(events))
        : TE.left<AppError>({
            _tag: 'Untrusted',
            position: walk.firstBreak.position,
            reason: describeChainBreak(walk.firstBreak),
          })
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

/** The index in a sealed snapshot file; a file that is not one, or fails its seal, is bad input. */
const restored = (
  source: string,
  bytes: Uint8Array,
  sealing: SnapshotSeal,
): E.Either<AppError, TemporalIndex> =>
  pipe(
    unseal(bytes, sealing.digest),
    E.flatMap((inner) =>
      pipe(
        fromSnapshot(inner, sealing.checksum),
        E.mapLeft((e) => e.reason),
      ),
    ),
    E.mapLeft((reason) => invalid(source, reason)),
  )

/** Where the index's events are read from: the one it ends with (its hash is checked), then on. */
const fromRevisionOf = (index: TemporalIndex): bigint => BigInt(Math.max(0, index.position))

/** The snapshot's own head, as an anchor: the ledger must hold it, or it is another ledger. */
const anchorOf = (source: string, index: TemporalIndex): ReadonlyArray<Anchor> =>
  index.position < 0
    ? []
    : [{ position: BigInt(index.position), hash: index.headHash, source: `snapshot ${source}` }]

/**
 * The stored events from `from` on, their chain walked from there (linked to genesis when
 * `from` is 0, else starting from the first one's own link), and every anchor held. A break
 * or a missed anchor means the ledger is not the one the snapshot (or checkpoint) was made of,
 * or was changed since: nothing is served from it.
 */
const readAnchored = (
  deps: LedgerDeps,
  from: bigint,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, ReadonlyArray<RecordedEvent>> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe), { fromRevision: from }),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => {
      const walk = verifyChain(
        deps.universe,
        events.map((e) => ({
          position: e.revision,
          type: e.type,
          data: e.data,
          metadata: e.metadata,
        })),
        deps.hash,
        from === 0n ? undefined : { position: from, prevHash: undefined },
      )
      if (walk.firstBreak !== undefined)
        return TE.left<AppError>({
          _tag: 'Untrusted',
          position: walk.firstBreak.position,
          reason: describeChainBreak(walk.firstBreak),
        })
      const last = events[events.length - 1]?.revision ?? from - 1n
      const miss = anchors
        .map((a) => missOf(a, (p) => events.find((e) => e.revision === p), last))
        .find((m) => m !== undefined)
      return miss === undefined ? TE.right(events) : TE.left(untrusted(miss))
    }),
  )

/** The last event read, as the tip a guard continues from (undefined: none). */
const tipOf = (events: ReadonlyArray<Recorded>): ChainTip | undefined => {
  const last = events[events.length - 1]
  return last === undefined ? undefined : { position: last.position, hash: last.hash }
}

/**
 * A reader restored from a snapshot, without reading the whole ledger: only the event the
 * snapshot ends with and those recorded after it (from an earlier anchor's position, when one
 * is given) are read: their chain is walked, the snapshot's head and every anchor must be held
 * (a snapshot of another ledger, or of a ledger since truncated or rewritten, is refused as
 * Untrusted), and the events after the snapshot are added to the index. Every view is then
 * read from the index, whose entities are materialized when first asked for; `index` is
 * handed back so a shell can materialize the rest in the background, and `tip` is the last
 * link checked. A file that is not a sealed snapshot, or fails its seal, is InvalidInput.
 */
export const restoreReader = (
  deps: LedgerDeps,
  source: string,
  bytes: Uint8Array,
  sealing: SnapshotSeal,
  anchors: ReadonlyArray<Anchor> = [],
): TE.TaskEither<
  AppError,
  {
    readonly reader: LedgerReader
    readonly index: TemporalIndex
    readonly fit: SnapshotFit
    readonly tip: ChainTip | undefined
  }
> =>
  pipe(
    TE.fromEither(restored(source, bytes, sealing)),
    TE.flatMap((index) => {
      const all = [...anchorOf(source, index), ...anchors]
      const from = all.reduce((p, a) => (a.position < p ? a.position : p), fromRevisionOf(index))
      return pipe(
        readAnchored(deps, from, all),
        TE.flatMap((events) => TE.fromEither(decodeAll(events))),
        TE.map((read) => {
          const tail = read.filter((r) => r.position > BigInt(index.position))
          // Before the index is extended: where the snapshot stood.
          const fit = { position: BigInt(index.position), behind: tail.length }
          return {
            reader: extendReader(readerFromIndex(index), tail),
            index,
            fit,
            tip: tipOf(read),
          }
        }),
      )
    }),
  )

/**
 * Checks a snapshot against a full replay of the ledger up to its position: byte for byte
 * what the replay would write. A snapshot of another ledger is refused as on restore.
 */
export const checkSnapshot = (
  deps: LedgerDeps,
  source: string,
  bytes: Uint8Array,
  sealing: SnapshotSeal,
): TE.TaskEither<AppError, SnapshotFit & { readonly matches: boolean }> =>
  pipe(
    TE.fromEither(restored(source, bytes, sealing)),
    TE.flatMap((index) =>
      pipe(
        readAnchored(deps, 0n, anchorOf(source, index)),
        TE.flatMap((events) => TE.fromEither(decodeAll(events))),
        TE.map((recorded) => {
          const at = BigInt(index.position)
          const inner = E.getOrElse((): Uint8Array => new Uint8Array())(
            unseal(bytes, sealing.digest),
          )
          return {
            position: at,
            behind: recorded.filter((r) => r.position > at).length,
            matches: snapshotMatchesRebuild(
              inner,
              recorded.filter((r) => r.position <= at),
              sealing.checksum,
            ),
          }
        }),
      ),
    ),
  )
