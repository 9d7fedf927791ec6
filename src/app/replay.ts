import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { Cut } from '../../projections/port/cut'
import { latest } from '../../projections/port/cut'
import type { CutAnswer, ReleasesAnswer } from '../../projections/port/answers'
import { allSources } from '../domain/canonPolicy'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll } from './ledger'
import { readPages } from './exportImport'

/** Everything: the latest release, every source tier, the whole ledger. */
export const replayEverything: Cut = { release: latest, policy: allSources }

/** Progress of a replay: events read so far; then the reader being built from them. */
export type ReplayProgress =
  | { readonly phase: 'read'; readonly done: number }
  | { readonly phase: 'index'; readonly done: boolean }

export interface ReplaySummary {
  /** Events read from the store. */
  readonly events: number
  readonly ms: number
  /** Where the replay stood on every axis: the cut, policy, ledger position, last release admitted. */
  readonly at: CutAnswer
  /** The releases the cut admits, by tier and by series. */
  readonly releases: Pick<ReleasesAnswer, 'total' | 'byTier' | 'bySeries'>
}

const readAll = (
  deps: LedgerDeps,
  onProgress: (p: ReplayProgress) => void,
): TE.TaskEither<AppError, ReadonlyArray<Recorded>> => {
  const recorded: Recorded[] = []
  let failure: AppError | undefined
  return pipe(
    readPages(deps, (page) => {
      if (failure !== undefined) return
      const decoded = decodeAll(page)
      if (E.isLeft(decoded)) failure = decoded.left
      else recorded.push(...decoded.right)
      onProgress({ phase: 'read', done: recorded.length })
    }),
    TE.flatMap(() => (failure === undefined ? TE.right(recorded) : TE.left(failure))),
  )
}

/**
 * Rebuilds the read side from the store: reads the stream page by page (decoding each event,
 * so a corrupt one is named by position), builds the reader every query reads, and says where
 * canon stands at the cut. Nothing is written; a cut the ledger cannot give is refused as every
 * read refuses it.
 */
export const replayLedger = (
  deps: LedgerDeps,
  at: Cut = replayEverything,
  onProgress: (p: ReplayProgress) => void = () => undefined,
): TE.TaskEither<AppError, ReplaySummary> => {
  const started = deps.clock().getTime()
  return pipe(
    readAll(deps, onProgress),
    TE.flatMap((events) => {
      onProgress({ phase: 'index', done: false })
      const reader = deps.openReader(events)
      onProgress({ phase: 'index', done: true })
      return TE.fromEither(
        E.map((answer: ReleasesAnswer): ReplaySummary => ({
          events: events.length,
          ms: deps.clock().getTime() - started,
          at: answer.at,
          releases: { total: answer.total, byTier: answer.byTier, bySeries: answer.bySeries },
        }))(reader.releases({ at, page: { limit: 1 } })),
      )
    }),
  )
}
