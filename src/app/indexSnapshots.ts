import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { RecordedEvent } from '../store/port'
import type { IndexedReader } from '../../projections/indexed/reader'
import { restoredReader } from '../../projections/indexed/reader'
import type { Anchor } from './anchor'
import { checkAnchors } from './anchor'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeRecorded } from './ledger'
import { indexedBuilder } from './indexedReader'
import type { SnapshotSeal } from './snapshotSeal'
import { seal, unseal } from './snapshotSeal'
import type { TrustedStart } from './trustedStart'
import { trustedBuild, walkedPages } from './trustedStart'
import { readPages } from './exportImport'

/**
 * Snapshots of the indexed reader, for a server that starts without replaying the ledger. A
 * snapshot is only ever written from a ledger whose hash chain was walked whole and whose
 * anchors held, and it is sealed with the SHA-256 of its bytes; a server started from it walks
 * only the events recorded after it, from the event it ends with, which must be the ledger's.
 */
export interface SnapshotTaken {
  readonly bytes: Uint8Array
  /** The ledger position it reflects, and the hash of the event there. */
  readonly position: bigint
  readonly hash: string
}

const invalid = (source: string, problem: string): AppError => ({
  _tag: 'InvalidInput',
  source,
  problems: [problem],
})

/** The index a sealed snapshot file holds, or why the file is refused (named by `source`). */
const opened = (
  source: string,
  bytes: Uint8Array,
  sealing: SnapshotSeal,
): E.Either<AppError, IndexedReader> =>
  pipe(
    unseal(bytes, sealing.digest),
    E.flatMap(restoredReader),
    E.mapLeft((reason) => invalid(source, reason)),
  )

/** The ledger's chain walked, anchors held, the index built and sealed. */
export const takeSnapshot = (
  deps: LedgerDeps,
  sealing: SnapshotSeal,
  anchors: ReadonlyArray<Anchor> = [],
): TE.TaskEither<AppError, SnapshotTaken> =>
  pipe(
    trustedBuild(deps, indexedBuilder(), anchors),
    TE.map(({ reader }) => ({
      bytes: seal(reader.snapshot(), sealing.digest),
      position: reader.head.position,
      hash: reader.head.hash,
    })),
  )

/** A snapshot that ends at a position the ledger does not reach. */
const missing = (source: string, head: IndexedReader['head']): AppError =>
  invalid(
    source,
    `it was taken at ledger position ${head.position}, and this ledger holds no event there: it is of another ledger`,
  )

/** Refused unless `there`, the ledger's event at the snapshot's last position, is the one it ends with. */
const sameLedger = (
  source: string,
  head: IndexedReader['head'],
  there: RecordedEvent,
): AppError | undefined => {
  if (there.revision !== head.position) return missing(source, head)
  const found = (there.metadata as { readonly hash?: unknown } | null)?.hash
  return found === head.hash
    ? undefined
    : invalid(
        source,
        `at ledger position ${head.position} it names event hash ${head.hash.slice(0, 12)}…, and this ledger holds ${String(found).slice(0, 12)}…: it is of another ledger`,
      )
}

/** Where a snapshot stands against the ledger it was checked on. */
export interface SnapshotCheck {
  readonly matches: boolean
  readonly position: bigint
  /** Events the ledger holds after the snapshot's position. */
  readonly behind: bigint
}

/**
 * Whether a snapshot file holds exactly the index a full replay of this ledger builds up to
 * the snapshot's position: byte for byte. A file that is not a sealed snapshot, or a snapshot of
 * another ledger, is refused naming the file.
 */
export const checkSnapshot = (
  deps: LedgerDeps,
  sealing: SnapshotSeal,
  source: string,
  bytes: Uint8Array,
): TE.TaskEither<AppError, SnapshotCheck> =>
  pipe(
    TE.fromEither(opened(source, bytes, sealing)),
    TE.flatMap((snapshot) => {
      const head = snapshot.head
      const builder = indexedBuilder()
      let failure: AppError | undefined
      let last = -1n
      return pipe(
        readPages(deps, (page) => {
          for (const e of page) {
            last = e.revision
            if (failure !== undefined || e.revision > head.position) continue
            failure =
              e.revision === head.position
                ? (builder.add(e) ?? sameLedger(source, head, e))
                : builder.add(e)
          }
        }),
        TE.flatMap(() => {
          if (failure !== undefined) return TE.left(failure)
          if (last < head.position) return TE.left(missing(source, head))
          const fresh = builder.reader().snapshot()
          const inner = E.getOrElseW(() => new Uint8Array())(unseal(bytes, sealing.digest))
          return TE.right({
            matches: Buffer.from(fresh).equals(Buffer.from(inner)),
            position: head.position,
            behind: last - head.position,
          })
        }),
      )
    }),
  )

/**
 * A trusted start from a snapshot file: the file's seal must hold, the ledger must hold the
 * event the snapshot ends with, the chain is walked on from there (the events before it were
 * walked when the snapshot was taken), the events recorded since are added, and every anchor
 * must hold. Nothing is written.
 */
export const startFromSnapshot = (
  deps: LedgerDeps,
  sealing: SnapshotSeal,
  source: string,
  bytes: Uint8Array,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, TrustedStart<IndexedReader>> =>
  pipe(
    TE.fromEither(opened(source, bytes, sealing)),
    TE.flatMap((snapshot) => {
      const head = snapshot.head
      const later: Recorded[] = []
      let seen = false
      const fromHead =
        head.position < 0n ? undefined : { position: head.position, prevHash: undefined }
      return pipe(
        walkedPages(
          deps,
          (page) => {
            for (const e of page) {
              if (!seen && fromHead !== undefined) {
                seen = true
                const differs = sameLedger(source, head, e)
                if (differs !== undefined) return differs
                continue
              }
              const decoded = decodeRecorded(e)
              if (E.isLeft(decoded)) return decoded.left
              later.push(decoded.right)
            }
            return undefined
          },
          fromHead,
        ),
        TE.flatMap((tip) =>
          fromHead !== undefined && !seen ? TE.left(missing(source, head)) : TE.right(tip),
        ),
        TE.flatMap((tip) =>
          pipe(
            checkAnchors(deps, anchors),
            TE.map(() => ({ reader: snapshot.extend(later), tip })),
          ),
        ),
      )
    }),
  )
