import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { EventMetadata } from '../domain/hashChain'
import { describeChainBreak, genesisHash } from '../domain/hashChain'
import type { EventStore, RecordedEvent, StoreError } from '../store/port'
import { describeAppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeRecorded, streamOf } from './ledger'
import { verifyStored } from './verify'

/** A link of the chain a reader has checked: the event at `position` has hash `hash`. */
export interface ChainTip {
  readonly position: bigint
  readonly hash: string
}

/** Why a reader stopped trusting its ledger: the position where it found the fault. */
export interface ChainFault {
  readonly position: bigint
  readonly reason: string
}

export interface ChainGuard {
  /** The store, every read of the universe's stream checked against the chain read so far. */
  readonly store: EventStore
  /** The fault found, once one was: it stands until the reader is restarted. */
  readonly broken: () => ChainFault | undefined
  /** The last link checked (undefined: none yet). */
  readonly tip: () => ChainTip | undefined
}

const withoutText = (e: RecordedEvent): RecordedEvent => {
  if (e.dataText === undefined) return e
  const { dataText: _, ...rest } = e
  return rest
}

const hashOf = (e: RecordedEvent): string | undefined =>
  (e.metadata as Partial<EventMetadata> | null | undefined)?.hash

/**
 * Checks what a reader reads, as it reads it: every event past the checked tip must link to
 * it (prevHash), hash to what it says, and decode; an event at or before the tip must link to
 * the one read before it, and the one AT the tip must still carry the tip's hash (a rewritten
 * stream fails here). A read that finds nothing after the tip looks at the tip itself, so a
 * ledger truncated under a running reader is found at its next poll.
 *
 * Events before the tip are not hashed again (they were when first read, and reading them is
 * what every write does): a change of stored content in place is `canon verify`'s to find.
 * Without `trusted`, the chain is checked from genesis when the first read starts at 0, and a
 * first read that starts later takes its first event's link on trust.
 */
export const guardChain = (
  deps: Pick<LedgerDeps, 'store' | 'universe' | 'hash'>,
  trusted?: ChainTip,
): ChainGuard => {
  const stream = streamOf(deps.universe)
  const store = deps.store
  let tip: ChainTip | undefined = trusted
  let fault: ChainFault | undefined

  const corrupt = (f: ChainFault): StoreError => ({
    _tag: 'Corrupt',
    store: store.description,
    stream,
    revision: f.position,
    reason: f.reason,
  })

  const fail = (f: ChainFault): ChainFault => {
    fault = fault ?? f
    return fault
  }

  /** The checked part of a read: its events up to the tip, then those after it. */
  const check = (events: ReadonlyArray<RecordedEvent>): ChainFault | undefined => {
    let before: RecordedEvent | undefined
    const fresh: RecordedEvent[] = []
    for (const e of events) {
      if (tip === undefined || e.revision > tip.position) {
        fresh.push(e)
        continue
      }
      const link = (e.metadata as Partial<EventMetadata> | null | undefined)?.prevHash
      if (before !== undefined && before.revision + 1n === e.revision && hashOf(before) !== link)
        return { position: e.revision, reason: 'it no longer follows the event before it' }
      if (e.revision === tip.position && hashOf(e) !== tip.hash)
        return {
          position: e.revision,
          reason: `it no longer carries the hash this reader checked (${tip.hash.slice(0, 12)}…): the ledger was rewritten`,
        }
      before = e
    }
    const first = fresh[0]
    if (first === undefined) return undefined
    const start =
      tip !== undefined
        ? { position: tip.position + 1n, prevHash: tip.hash }
        : first.revision === 0n
          ? { position: 0n, prevHash: genesisHash(deps.universe, deps.hash) }
          : { position: first.revision, prevHash: undefined }
    const walk = verifyStored(deps, fresh, start)
    if (walk.firstBreak !== undefined)
      return { position: walk.firstBreak.position, reason: describeChainBreak(walk.firstBreak) }
    for (const e of fresh) {
      const decoded = decodeRecorded(e)
      if (E.isLeft(decoded)) return { position: e.revision, reason: describeAppError(decoded.left) }
    }
    const last = fresh[fresh.length - 1]
    if (last !== undefined) tip = { position: last.revision, hash: walk.head }
    return undefined
  }

  /** After a read that found nothing past the tip: the tip must still be there, unchanged. */
  const probeTip = (at: ChainTip): TE.TaskEither<StoreError, void> =>
    pipe(
      store.readStream(stream, { fromRevision: at.position, maxCount: 1 }),
      TE.flatMap((found) => {
        const there = found[0]
        if (there === undefined)
          return TE.left(
            corrupt(
              fail({
                position: at.position,
                reason: `the ledger no longer holds position ${at.position}, which this reader checked: it was truncated`,
              }),
            ),
          )
        const f = check(found)
        return f === undefined ? TE.right(undefined) : TE.left(corrupt(fail(f)))
      }),
    )

  const readStream: EventStore['readStream'] = (name, options = {}) => {
    if (name !== stream) return store.readStream(name, options)
    if (fault !== undefined) return TE.left(corrupt(fault))
    return pipe(
      // Read with each event's stored text, for the walk to hash (and handed on without it
      // unless the caller asked for it too).
      store.readStream(name, { ...options, withText: true }),
      TE.flatMap((read) => {
        const f = check(read)
        if (f !== undefined) return TE.left(corrupt(fail(f)))
        const events = options.withText === true ? read : read.map(withoutText)
        const at = tip
        const from = options.fromRevision ?? 0n
        return events.length === 0 && at !== undefined && from === at.position + 1n
          ? pipe(
              probeTip(at),
              TE.map(() => events),
            )
          : TE.right(events)
      }),
    )
  }

  const subscribe = store.subscribeToStream
  return {
    store: {
      ...store,
      readStream,
      ...(subscribe === undefined
        ? {}
        : {
            subscribeToStream: (name, afterRevision, handlers) =>
              subscribe(
                name,
                afterRevision,
                name !== stream
                  ? handlers
                  : {
                      ...handlers,
                      onEvent: async (event) => {
                        const f = fault ?? check([event])
                        // The subscription retries from this event: it is never delivered.
                        if (f !== undefined) throw new Error(fail(f).reason)
                        await handlers.onEvent(event)
                      },
                    },
              ),
          }),
    },
    broken: () => fault,
    tip: () => tip,
  }
}
