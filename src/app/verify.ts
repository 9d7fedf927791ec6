import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { ChainBreak, ChainStart, ChainWalk } from '../domain/hashChain'
import { verifyChain } from '../domain/hashChain'
import type { AppError } from './errors'
import { describeAppError } from './errors'
import type { RecordedEvent } from '../store/port'
import type { LedgerDeps } from './ledger'
import { decodeRecorded, streamOf } from './ledger'
import type { Anchor, AnchorMiss } from './anchor'
import { missOf } from './anchor'

export interface VerifyReport {
  readonly checked: number
  /** The first event that is altered, dropped, reordered or cannot be read, if any. */
  readonly firstBreak?: ChainBreak
  /** The hash of the last good link: the ledger's fingerprint when the chain is whole. */
  readonly head: string
  /** The position of that link (-1n: none). */
  readonly headPosition: bigint
  /** The anchors the ledger was checked against, and those it fails. */
  readonly anchors: ReadonlyArray<Anchor>
  readonly misses: ReadonlyArray<AnchorMiss>
  /** What the store's own integrity check found (undefined: the store has none). */
  readonly integrity?: ReadonlyArray<string>
}

/** Whether the report finds nothing wrong. */
export const verified = (r: VerifyReport): boolean =>
  r.firstBreak === undefined && r.misses.length === 0 && (r.integrity ?? []).length === 0

/**
 * Walks the hash chain over the events exactly as stored (not as decoded), so any change to
 * stored data or metadata, a dropped event or a reordering is found at its position. From
 * genesis unless `start` says otherwise.
 */
export const verifyStored = (
  deps: Pick<LedgerDeps, 'universe' | 'hash'>,
  events: ReadonlyArray<RecordedEvent>,
  start?: ChainStart,
): ChainWalk =>
  verifyChain(
    deps.universe,
    events.map((e) => ({ position: e.revision, type: e.type, data: e.data, metadata: e.metadata })),
    deps.hash,
    start,
  )

/** The first stored event whose hash holds but whose content is not a ledger event. */
const firstUndecodable = (events: ReadonlyArray<RecordedEvent>): ChainBreak | undefined => {
  for (const e of events) {
    const decoded = decodeRecorded(e)
    if (E.isLeft(decoded))
      return {
        _tag: 'Undecodable',
        position: e.revision,
        reason:
          decoded.left._tag === 'CorruptEvent'
            ? decoded.left.reason
            : describeAppError(decoded.left),
      }
  }
  return undefined
}

/**
 * The stream as stored. A store that cannot read an event back (its stored text is not JSON)
 * names its position: the events before it are read and walked, and the walk ends there.
 */
const readStored = (
  deps: LedgerDeps,
): TE.TaskEither<
  AppError,
  { readonly events: ReadonlyArray<RecordedEvent>; readonly unreadable?: ChainBreak }
> => {
  const stream = streamOf(deps.universe)
  return pipe(
    deps.store.readStream(stream),
    TE.map((events) => ({ events })),
    TE.orElse((error) =>
      error._tag === 'Corrupt' && error.revision !== undefined
        ? pipe(
            deps.store.readStream(stream, { maxCount: Number(error.revision) }),
            TE.map((events) => ({
              events,
              unreadable: {
                _tag: 'Undecodable' as const,
                position: error.revision ?? 0n,
                reason: error.reason,
              },
            })),
          )
        : TE.left(error),
    ),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
  )
}

/**
 * Everything `canon verify` checks: the store's own integrity check (SQLite's), the hash
 * chain from genesis, that every event decodes, and the anchors (a checkpoint, an expected
 * head) the ledger must hold. The first fault is named by its ledger position.
 */
export const verifyLedger = (
  deps: LedgerDeps,
  anchors: ReadonlyArray<Anchor> = [],
): TE.TaskEither<AppError, VerifyReport> =>
  pipe(
    deps.store.checkIntegrity === undefined
      ? TE.right<AppError, ReadonlyArray<string> | undefined>(undefined)
      : pipe(
          deps.store.checkIntegrity(),
          TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        ),
    TE.flatMap((integrity) =>
      pipe(
        readStored(deps),
        TE.map(({ events, unreadable }): VerifyReport => {
          const walk = verifyStored(deps, events)
          const firstBreak = walk.firstBreak ?? firstUndecodable(events) ?? unreadable
          const byPosition = (p: bigint): RecordedEvent | undefined =>
            events.find((e) => e.revision === p)
          const last = events[events.length - 1]?.revision ?? -1n
          return {
            checked: walk.checked,
            head: walk.head,
            headPosition: BigInt(walk.checked) - 1n,
            ...(firstBreak === undefined ? {} : { firstBreak }),
            anchors,
            misses: anchors.flatMap((a) => missOf(a, byPosition, last) ?? []),
            ...(integrity === undefined ? {} : { integrity }),
          }
        }),
        // A file so damaged that the stream cannot be read back at all is still reported:
        // what the integrity check found, and that nothing could be walked.
        TE.orElse((e) =>
          e._tag === 'Store' && e.error._tag === 'Corrupt' && (integrity ?? []).length > 0
            ? TE.right<AppError, VerifyReport>({
                checked: 0,
                head: '',
                headPosition: -1n,
                firstBreak: { _tag: 'Undecodable', position: 0n, reason: e.error.reason },
                anchors,
                misses: [],
                ...(integrity === undefined ? {} : { integrity }),
              })
            : TE.left(e),
        ),
      ),
    ),
  )
