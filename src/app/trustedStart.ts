import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { describeChainBreak } from '../domain/hashChain'
import type { Anchor } from './anchor'
import { missOf, untrusted } from './anchor'
import type { ChainTip } from './chainGuard'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll, streamOf } from './ledger'
import type { CanonReader } from '../../projections/port/reader'
import { verifyStored } from './verify'

/** A reader built from a ledger whose chain and anchors were checked first. */
export interface TrustedStart {
  readonly reader: CanonReader
  /** The last link checked (undefined: the ledger is empty). */
  readonly tip: ChainTip | undefined
}

/**
 * What a server does before it serves: reads the ledger once, walks its hash chain from
 * genesis, checks every anchor (a checkpoint file or URL, an expected head), and only then
 * builds the reader from the same events. A broken chain, or a ledger behind or beside an
 * anchor (truncated, rewritten, a lost write), is refused as Untrusted, naming the position
 * and why: such a ledger is not served at all.
 */
export const trustedStart = (
  deps: LedgerDeps,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, TrustedStart> =>
  pipe(
    deps.store.readStream(streamOf(deps.universe)),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.flatMap((events) => {
      const walk = verifyStored(deps, events)
      if (walk.firstBreak !== undefined)
        return TE.left<AppError>({
          _tag: 'Untrusted',
          position: walk.firstBreak.position,
          reason: describeChainBreak(walk.firstBreak),
        })
      const last = events[events.length - 1]
      const miss = anchors
        .map((a) => missOf(a, (p) => events.find((e) => e.revision === p), last?.revision ?? -1n))
        .find((m) => m !== undefined)
      if (miss !== undefined) return TE.left(untrusted(miss))
      return pipe(
        TE.fromEither(decodeAll(events)),
        TE.map((recorded) => ({
          reader: deps.openReader(recorded),
          tip: last === undefined ? undefined : { position: last.revision, hash: walk.head },
        })),
      )
    }),
  )
