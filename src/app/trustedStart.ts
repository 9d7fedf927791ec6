import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { ChainStart } from '../domain/hashChain'
import { describeChainBreak } from '../domain/hashChain'
import type { RecordedEvent } from '../store/port'
import type { CanonReader } from '../../projections/port/reader'
import type { Anchor } from './anchor'
import { checkAnchors } from './anchor'
import type { ChainTip } from './chainGuard'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import type { ReaderBuilder } from './readers'
import { readPages } from './exportImport'
import { verifyStored } from './verify'

/** A reader built from a ledger whose chain and anchors were checked first. */
export interface TrustedStart<R extends CanonReader = CanonReader> {
  readonly reader: R
  /** The last link checked (undefined: the ledger is empty). */
  readonly tip: ChainTip | undefined
}

/**
 * Reads the stream page by page from `start` (genesis when absent), walking its hash chain on
 * and handing each page on once its links hold. The first break stops the walk: nothing after
 * it is handed on, and it is refused as Untrusted, naming the position and why.
 */
export const walkedPages = (
  deps: LedgerDeps,
  onPage: (page: ReadonlyArray<RecordedEvent>) => AppError | undefined,
  start?: ChainStart,
): TE.TaskEither<AppError, ChainTip | undefined> => {
  let at: ChainStart | undefined = start
  let tip: ChainTip | undefined
  let failure: AppError | undefined
  return pipe(
    readPages(
      deps,
      (page) => {
        if (failure !== undefined) return
        const walk = verifyStored(deps, page, at)
        if (walk.firstBreak !== undefined) {
          failure = {
            _tag: 'Untrusted',
            position: walk.firstBreak.position,
            reason: describeChainBreak(walk.firstBreak),
          }
          return
        }
        const last = page[page.length - 1]
        if (last !== undefined) {
          tip = { position: last.revision, hash: walk.head }
          at = { position: last.revision + 1n, prevHash: walk.head }
        }
        failure = onPage(page)
      },
      start?.position ?? 0n,
      true,
    ),
    TE.flatMap(() => (failure === undefined ? TE.right(tip) : TE.left(failure))),
  )
}

/**
 * What a server does before it serves, and what a snapshot is taken from: reads the ledger
 * once, page by page, walking its hash chain from genesis and filing each page into the reader
 * once its links hold; then checks every anchor (a checkpoint file or URL, an expected head). A
 * broken chain, or a ledger behind or beside an anchor (truncated, rewritten, a lost write), is
 * refused as Untrusted, naming the position and why: such a ledger is not served at all.
 */
export const trustedBuild = <R extends CanonReader>(
  deps: LedgerDeps,
  builder: ReaderBuilder<R>,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, TrustedStart<R>> =>
  pipe(
    walkedPages(deps, (page) => {
      for (const e of page) {
        const failed = builder.add(e)
        if (failed !== undefined) return failed
      }
      return undefined
    }),
    TE.flatMap((tip) =>
      pipe(
        checkAnchors(deps, anchors),
        TE.map(() => ({ reader: builder.reader(), tip })),
      ),
    ),
  )

/** The trusted start of the reader the composition root chose. */
export const trustedStart = (
  deps: LedgerDeps,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, TrustedStart> => trustedBuild(deps, deps.readers.builder(), anchors)
