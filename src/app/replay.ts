import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import { allSources, onScreenOnly } from '../domain/canonPolicy'
import { foldState } from '../domain/state'
import { ledgerView } from '../../projections/ledgerView'
import { claimOrigins, foldCanon } from '../../projections/canon'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll } from './ledger'
import { readPages } from './exportImport'

/** Progress of a replay: events read so far, then releases folded of all. */
export type ReplayProgress =
  | { readonly phase: 'read'; readonly done: number }
  | { readonly phase: 'fold'; readonly done: number; readonly total: number }

export interface ReplaySummary {
  readonly events: number
  readonly releases: number
  readonly withdrawn: number
  readonly corrections: number
  readonly entities: number
  readonly claims: number
  readonly ms: number
}

/**
 * Rebuilds every projection from the store: reads the stream page by page (decoding each
 * event, so a corrupt one is named by position), then folds the decider state and canon
 * under both the on-screen and the all-sources policies. Nothing is written.
 */
export const replayLedger = (
  deps: LedgerDeps,
  onProgress: (p: ReplayProgress) => void = () => undefined,
): TE.TaskEither<AppError, ReplaySummary> => {
  const started = deps.clock().getTime()
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
    TE.map((events): ReplaySummary => {
      foldState(events)
      const view = ledgerView(events)
      const origins = claimOrigins(view.releases)
      const total = view.releases.length
      // Fold release by release so a long ledger shows progress; each prefix is a cut.
      const step = Math.max(1, Math.floor(total / 50))
      for (let i = step; i < total; i += step) {
        foldCanon(view.releases.slice(0, i), onScreenOnly, origins)
        onProgress({ phase: 'fold', done: i, total })
      }
      foldCanon(view.releases, onScreenOnly, origins)
      const canon = foldCanon(view.releases, allSources, origins)
      onProgress({ phase: 'fold', done: total, total })
      return {
        events: events.length,
        releases: total,
        withdrawn: view.withdrawn.length,
        corrections: view.corrections.length,
        entities: canon.entities.size,
        claims: canon.claims.size,
        ms: deps.clock().getTime() - started,
      }
    }),
  )
}
