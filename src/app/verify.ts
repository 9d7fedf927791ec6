import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { ChainBreak, ChainStart, ChainWalk, EventMetadata } from '../domain/hashChain'
import { genesisHash, verifyChain } from '../domain/hashChain'
import type { AppError } from './errors'
import { describeAppError } from './errors'
import type { RecordedEvent, StoreError } from '../store/port'
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
    events.map((e) => ({
      position: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      ...(e.dataText === undefined ? {} : { dataText: e.dataText }),
    })),
    deps.hash,
    start,
  )

/** How a long walk shares its process: it pauses whenever it is due to. */
export interface Pace {
  /** The walk has run long enough in one stretch. */
  readonly due: () => boolean
  /** Lets the rest of the process run (the HTTP shell: until the event loop has turned). */
  readonly pause: () => Promise<void>
}

/** Never pauses (the CLI: the walk is the whole of the process's work). */
export const unpaced: Pace = { due: () => false, pause: () => Promise.resolve() }

/** What a walk of the stored ledger found, before any anchor is checked against it. */
export interface LedgerWalk {
  readonly checked: number
  readonly firstBreak?: ChainBreak
  readonly head: string
  readonly headPosition: bigint
  /** The last position read (-1n: none): where the ledger ends, as far as it can be read. */
  readonly last: bigint
  /** The hash the event at `last` carries as stored ('' when none): with `last`, the walk's head. */
  readonly lastHash: string
  readonly integrity?: ReadonlyArray<string>
}

export interface WalkOptions {
  readonly pace?: Pace
  /** Events read from the store at a time. */
  readonly pageSize?: number
  /** After each event read: its position (for a caller reporting progress). */
  readonly onProgress?: (position: bigint) => void
}

const storeError = (error: StoreError): AppError => ({ _tag: 'Store', error })

/** The hash an event carries in its stored metadata ('' when it carries none). */
export const storedHash = (e: RecordedEvent): string => {
  const hash = (e.metadata as Partial<EventMetadata> | null | undefined)?.hash
  return typeof hash === 'string' ? hash : ''
}

/**
 * Walks the stored stream a page at a time, from genesis: each event's link and hash, over the
 * event exactly as stored (not as decoded), so any change to stored data or metadata, a dropped
 * event or a reordering is found at its position, and whether each event decodes. A store that
 * cannot read an event back (its stored text is not JSON) names its position: the events before
 * it are walked, and the walk ends there. The store's own integrity check runs first. The walk
 * pauses whenever `pace` says it is due, so a process serving requests goes on serving them.
 */
export const walkLedger =
  (deps: LedgerDeps, options: WalkOptions = {}): TE.TaskEither<AppError, LedgerWalk> =>
  async () => {
    const pace = options.pace ?? unpaced
    const pageSize = options.pageSize ?? 64
    const stream = streamOf(deps.universe)
    let integrity: ReadonlyArray<string> | undefined
    if (deps.store.checkIntegrity !== undefined) {
      const found = await deps.store.checkIntegrity()()
      if (E.isLeft(found)) return E.left(storeError(found.left))
      integrity = found.right
    }
    let head = genesisHash(deps.universe, deps.hash)
    let checked = 0
    let last = -1n
    let lastHash = ''
    let chainBreak: ChainBreak | undefined
    let undecodable: ChainBreak | undefined
    let unreadable: ChainBreak | undefined
    const walk = (e: RecordedEvent): void => {
      last = e.revision
      lastHash = storedHash(e)
      if (chainBreak === undefined) {
        const step = verifyStored(deps, [e], { position: BigInt(checked), prevHash: head })
        chainBreak = step.firstBreak
        head = step.head
        checked += step.checked
      }
      if (undecodable === undefined) {
        const decoded = decodeRecorded(e)
        if (E.isLeft(decoded))
          undecodable = {
            _tag: 'Undecodable',
            position: e.revision,
            reason:
              decoded.left._tag === 'CorruptEvent'
                ? decoded.left.reason
                : describeAppError(decoded.left),
          }
      }
      options.onProgress?.(e.revision)
    }
    for (let from = 0n; ;) {
      const page = await deps.store.readStream(stream, {
        fromRevision: from,
        maxCount: pageSize,
        withText: true,
      })()
      let events: ReadonlyArray<RecordedEvent>
      if (E.isRight(page)) events = page.right
      else {
        const e = page.left
        if (e._tag !== 'Corrupt' || e.revision === undefined || e.revision < from) {
          // A file so damaged that the stream cannot be read back at all is still reported:
          // what the integrity check found, and that nothing could be walked.
          if (e._tag === 'Corrupt' && (integrity ?? []).length > 0 && from === 0n)
            return E.right({
              checked: 0,
              head: '',
              headPosition: -1n,
              last: -1n,
              lastHash: '',
              firstBreak: { _tag: 'Undecodable', position: 0n, reason: e.reason },
              ...(integrity === undefined ? {} : { integrity }),
            })
          return E.left(storeError(e))
        }
        const before = await deps.store.readStream(stream, {
          fromRevision: from,
          maxCount: Number(e.revision - from),
        })()
        if (E.isLeft(before)) return E.left(storeError(before.left))
        events = before.right
        unreadable = { _tag: 'Undecodable', position: e.revision, reason: e.reason }
      }
      for (const e of events) {
        walk(e)
        if (pace.due()) await pace.pause()
      }
      if (unreadable !== undefined || events.length < pageSize) break
      from += BigInt(events.length)
    }
    const firstBreak = chainBreak ?? undecodable ?? unreadable
    return E.right({
      checked,
      head,
      headPosition: BigInt(checked) - 1n,
      last,
      lastHash,
      ...(firstBreak === undefined ? {} : { firstBreak }),
      ...(integrity === undefined ? {} : { integrity }),
    })
  }

/**
 * The anchors the ledger fails, checked against the store: the event at each anchor's position
 * (at or before `last`, where the walk found the ledger to end) must carry the anchor's hash.
 */
const anchorMisses = (
  deps: LedgerDeps,
  anchors: ReadonlyArray<Anchor>,
  last: bigint,
): TE.TaskEither<AppError, ReadonlyArray<AnchorMiss>> =>
  pipe(
    anchors,
    TE.traverseSeqArray((a) =>
      a.position > last
        ? TE.right(missOf(a, () => undefined, last))
        : pipe(
            deps.store.readStream(streamOf(deps.universe), {
              fromRevision: a.position,
              maxCount: 1,
            }),
            TE.map((found) => missOf(a, (p) => found.find((e) => e.revision === p), last)),
            TE.mapError(storeError),
          ),
    ),
    TE.map((misses) => misses.flatMap((m) => m ?? [])),
  )

/**
 * Everything `canon verify` checks: the store's own integrity check (SQLite's), the hash
 * chain from genesis, that every event decodes, and the anchors (a checkpoint, an expected
 * head) the ledger must hold. The first fault is named by its ledger position. `walk`: the walk
 * to report (the HTTP shell gives the one it keeps for the ledger's head).
 */
export const verifyLedger = (
  deps: LedgerDeps,
  anchors: ReadonlyArray<Anchor> = [],
  walk: TE.TaskEither<AppError, LedgerWalk> = walkLedger(deps),
): TE.TaskEither<AppError, VerifyReport> =>
  pipe(
    walk,
    TE.flatMap((w) =>
      pipe(
        anchorMisses(deps, anchors, w.last),
        TE.map((misses): VerifyReport => ({
          checked: w.checked,
          head: w.head,
          headPosition: w.headPosition,
          ...(w.firstBreak === undefined ? {} : { firstBreak: w.firstBreak }),
          anchors,
          misses,
          ...(w.integrity === undefined ? {} : { integrity: w.integrity }),
        })),
      ),
    ),
  )
