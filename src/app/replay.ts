import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../domain/events'
import type { ReleaseId } from '../domain/ids'
import type { CanonPolicy } from '../domain/canonPolicy'
import { allSources } from '../domain/canonPolicy'
import { foldState } from '../domain/state'
import type { LedgerView, ReleaseView } from '../../projections/ledgerView'
import { ledgerView } from '../../projections/ledgerView'
import type { ReleaseCut } from '../../projections/cut'
import { admittedReleases, latest } from '../../projections/cut'
import type { CanonState } from '../../projections/canon'
import { claimOrigins, foldCanon } from '../../projections/canon'
import { buildIndex } from '../../projections/temporalIndex'
import { entityNamesAsOf } from '../../projections/temporalIndexQuery'
import type { CutAnswer } from './answers'
import { cutAnswer } from './answers'
import { admittedAt } from './cutResolution'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeAll } from './ledger'
import { readPages } from './exportImport'

/** The cut a replay rebuilds to: the release axis, the canon policy, and the ledger axis. */
export interface ReplayRequest {
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
  /** Replay the ledger as it stood at this position (the audit axis); absent: all of it. */
  readonly ledgerPosition?: bigint
}

/** Everything: the latest release, every source tier, the whole ledger. */
export const replayEverything: ReplayRequest = { cut: latest, policy: allSources }

/**
 * Progress of a replay: events read so far; then releases folded of those the cut admits;
 * then the temporal index being built from the events at the ledger cut.
 */
export type ReplayProgress =
  | { readonly phase: 'read'; readonly done: number }
  | { readonly phase: 'fold'; readonly done: number; readonly total: number }
  | { readonly phase: 'index'; readonly done: boolean }

/** A cut the ledger cannot give: refused before any projection is built; nothing is written. */
export type ReplayRefusal =
  | {
      readonly _tag: 'UnknownCutRelease'
      readonly release: ReleaseId
      readonly suggestions: ReadonlyArray<string>
    }
  | { readonly _tag: 'PositionBeyondLedger'; readonly position: bigint; readonly last: bigint }

export type ReplayError = AppError | ReplayRefusal

export interface ReplaySummary {
  /** Events replayed: those at the ledger cut (every event read unless a position is given). */
  readonly events: number
  /** Events read from the store. */
  readonly eventsRead: number
  /** Live releases in the ledger at the ledger cut, all tiers, whatever the release cut. */
  readonly releases: number
  readonly withdrawn: number
  readonly corrections: number
  /** Canon at the cut under the policy (the reference fold). */
  readonly entities: number
  readonly claims: number
  readonly ms: number
  /** Where the replay stood on both axes: the cut, policy, ledger position, last release admitted. */
  readonly at: CutAnswer
  /**
   * The temporal index built from the same events: the entities it names at the same cut
   * (equal to `entities` when index and fold agree) and its records of every entity and claim.
   */
  readonly index: {
    readonly entities: number
    readonly entityRecords: number
    readonly claimRecords: number
  }
}

/** How many progress reports a fold gives at most: enough for a bar, few enough to be cheap. */
const foldReports = 100

/**
 * Canon at the cut in one pass (THE fold), reporting its progress as it goes: each admitted
 * release is applied once, so progress costs nothing extra.
 */
const foldWithProgress = (
  view: LedgerView,
  admitted: ReadonlyArray<ReleaseView>,
  policy: CanonPolicy,
  onProgress: (p: ReplayProgress) => void,
): CanonState => {
  const total = admitted.length
  const every = Math.max(1, Math.ceil(total / foldReports))
  onProgress({ phase: 'fold', done: 0, total })
  return foldCanon(admitted, policy, claimOrigins(view.releases), (done) => {
    if (done % every === 0 || done === total) onProgress({ phase: 'fold', done, total })
  })
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

/** The events the ledger cut admits, or the refusal of a position past the last one recorded. */
const atLedgerCut = (
  recorded: ReadonlyArray<Recorded>,
  position: bigint | undefined,
): E.Either<ReplayRefusal, ReadonlyArray<Recorded>> => {
  if (position === undefined) return E.right(recorded)
  const last = recorded[recorded.length - 1]?.position ?? -1n
  return position > last
    ? E.left({ _tag: 'PositionBeyondLedger', position, last })
    : E.right(recorded.filter((r) => r.position <= position))
}

const admittedOrRefused = (
  view: LedgerView,
  cut: ReleaseCut,
): E.Either<ReplayRefusal, ReadonlyArray<ReleaseView>> => {
  const admitted = admittedReleases(view, cut)
  if (E.isRight(admitted)) return admitted
  // The same suggestions `show` gives for an unknown release, from the ledger at this cut only.
  const named = admittedAt(view, cut)
  return E.left({
    _tag: 'UnknownCutRelease',
    release: admitted.left.release,
    suggestions: E.isLeft(named) && named.left._tag === 'NotFound' ? named.left.suggestions : [],
  })
}

/**
 * Rebuilds every projection from the store, as of a cut: reads the stream page by page
 * (decoding each event, so a corrupt one is named by position), then folds the decider state,
 * canon under the policy (one pass over the releases the cut admits), and the temporal index
 * the queries read. Nothing is written; a cut the ledger cannot give is refused.
 */
export const replayLedger = (
  deps: LedgerDeps,
  request: ReplayRequest = replayEverything,
  onProgress: (p: ReplayProgress) => void = () => undefined,
): TE.TaskEither<ReplayError, ReplaySummary> => {
  const started = deps.clock().getTime()
  return pipe(
    readAll(deps, onProgress),
    TE.mapError((e): ReplayError => e),
    TE.flatMap((read) =>
      TE.fromEither(
        pipe(
          atLedgerCut(read, request.ledgerPosition),
          E.flatMap((events) => {
            const view = ledgerView(events)
            return E.map((admitted: ReadonlyArray<ReleaseView>) => ({ events, view, admitted }))(
              admittedOrRefused(view, request.cut),
            )
          }),
          E.map(({ events, view, admitted }): ReplaySummary => {
            foldState(events)
            const canon = foldWithProgress(view, admitted, request.policy, onProgress)
            onProgress({ phase: 'index', done: false })
            const index = buildIndex(events)
            const named = entityNamesAsOf(index, index.entities.keys(), request.cut, request.policy)
            onProgress({ phase: 'index', done: true })
            return {
              events: events.length,
              eventsRead: read.length,
              releases: view.releases.length,
              withdrawn: view.withdrawn.length,
              corrections: view.corrections.length,
              entities: canon.entities.size,
              claims: canon.claims.size,
              ms: deps.clock().getTime() - started,
              at: cutAnswer(request.cut, request.policy, view.position, canon),
              index: {
                // The cut was admitted by the fold above, so the index admits it too.
                entities: E.isRight(named) ? named.right.size : 0,
                entityRecords: index.entities.size,
                claimRecords: index.claims.size,
              },
            }
          }),
        ),
      ),
    ),
  )
}
