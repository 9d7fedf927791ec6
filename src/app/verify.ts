import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { ChainBreak } from '../domain/hashChain'
import { verifyChain } from '../domain/hashChain'
import type { AppError } from './errors'
import type { RecordedEvent } from '../store/port'
import type { LedgerDeps } from './ledger'
import { streamOf } from './ledger'

export interface VerifyReport {
  readonly checked: number
  readonly firstBreak?: ChainBreak
  /** The hash of the last good link: the ledger's fingerprint when the chain is whole. */
  readonly head: string
}

/**
 * Walks the hash chain over the events exactly as stored (not as decoded), so any change to
 * stored data or metadata, a dropped event or a reordering is found at its position.
 */
/** The chain over raw stored events (the store's own form, not the decoded one). */
export const verifyStored = (
  deps: Pick<LedgerDeps, 'universe' | 'hash'>,
  events: ReadonlyArray<RecordedEvent>,
): ReturnType<typeof verifyChain> =>
  verifyChain(
    deps.universe,
    events.map((e) => ({ position: e.revision, type: e.type, data: e.data, metadata: e.metadata })),
    deps.hash,
  )

export const verifyLedger = (deps: LedgerDeps): TE.TaskEither<AppError, VerifyReport> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe)),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.map((events) => {
      const result = verifyStored(deps, events)
      return {
        checked: result.checked,
        head: result.head,
        ...(result.firstBreak === undefined ? {} : { firstBreak: result.firstBreak }),
      }
    }),
  )
