import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { lastEvent } from './anchor'
import type { LedgerWalk } from './verify'
import { storedHash } from './verify'

/** The ledger's head as stored, as a key: its last position and that event's hash. */
export interface StoredHead {
  readonly position: bigint
  readonly hash: string
}

const keyOf = (h: StoredHead): string => `${h.position}:${h.hash}`

/** The head as the store holds it now (two small reads, whatever the ledger's length). */
export const storedHead = (deps: LedgerDeps): TE.TaskEither<AppError, StoredHead> =>
  pipe(
    lastEvent(deps),
    TE.map((e) =>
      e === undefined ? { position: -1n, hash: '' } : { position: e.revision, hash: storedHash(e) },
    ),
  )

/** A walk in progress: its result to come, and how far it has got. */
export interface Walking {
  readonly _tag: 'Walking'
  readonly result: Promise<E.Either<AppError, LedgerWalk>>
  /** Events walked so far, and for how long (ms). */
  readonly progress: () => { readonly walked: bigint; readonly elapsedMs: number }
}

export type WalkAtHead = { readonly _tag: 'Kept'; readonly walk: LedgerWalk } | Walking

/**
 * Wraps a walk of the ledger (verify.ts `walkLedger`) so that it is done once per head: the
 * walk last done is kept with the head it reached (its last event's position and stored hash),
 * and asked at that same head it is answered as kept, at no cost. At another head (an append
 * moved it) a walk is started, or the one in progress is joined: one walk at a time, whatever
 * the number of requests. A walk that fails is not kept. The kept walk is as the stored events
 * were when walked: stored data changed in place, without an append, is found by the next walk
 * (after an append or a restart) and by `canon verify`, which always walks.
 */
export const walkPerHead = (
  walk: (onProgress: (position: bigint) => void) => TE.TaskEither<AppError, LedgerWalk>,
  now: () => number,
): ((head: StoredHead) => WalkAtHead) => {
  let kept: { readonly head: string; readonly walk: LedgerWalk } | undefined
  let running: Walking | undefined
  return (head) => {
    if (kept?.head === keyOf(head)) return { _tag: 'Kept', walk: kept.walk }
    if (running === undefined) {
      let walked = 0n
      const startedAt = now()
      const result = walk((position) => {
        walked = position + 1n
      })().then((r) => {
        running = undefined
        if (E.isRight(r))
          kept = { head: keyOf({ position: r.right.last, hash: r.right.lastHash }), walk: r.right }
        return r
      })
      running = {
        _tag: 'Walking',
        result,
        progress: () => ({ walked, elapsedMs: now() - startedAt }),
      }
    }
    return running
  }
}
