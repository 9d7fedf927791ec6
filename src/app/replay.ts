import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Cut } from '../../projections/port/cut'
import { latest } from '../../projections/port/cut'
import type { CutAnswer, ReleasesAnswer } from '../../projections/port/answers'
import { allSources } from '../domain/canonPolicy'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { buildReader } from './reads'

/** Everything: the latest release, every source tier, the whole ledger. */
export const replayEverything: Cut = { release: latest, policy: allSources }

/** Progress of a replay: events read and filed into the reader so far; then the reader is built. */
export type ReplayProgress =
  { readonly phase: 'read'; readonly done: number } | { readonly phase: 'built' }

export interface ReplaySummary {
  /** Events read from the store. */
  readonly events: number
  readonly ms: number
  /** Where the replay stood on every axis: the cut, policy, ledger position, last release admitted. */
  readonly at: CutAnswer
  /** The releases the cut admits, by tier and by series. */
  readonly releases: Pick<ReleasesAnswer, 'total' | 'byTier' | 'bySeries'>
}

/**
 * Rebuilds the read side from the store: reads the stream page by page, filing each event into
 * the reader every query reads (a corrupt one is named by position), and says where
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
    buildReader(deps, (done) => onProgress({ phase: 'read', done })),
    TE.flatMap((reader) => {
      onProgress({ phase: 'built' })
      return TE.fromEither(
        E.map((answer: ReleasesAnswer): ReplaySummary => ({
          events: Number(reader.head.position + 1n),
          ms: deps.clock().getTime() - started,
          at: answer.at,
          releases: { total: answer.total, byTier: answer.byTier, bySeries: answer.bySeries },
        }))(reader.releases({ at, page: { limit: 1 } })),
      )
    }),
  )
}
