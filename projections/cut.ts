import * as E from 'fp-ts/Either'
import type { ReleaseId } from '../src/domain/ids'
import type { IsoDate } from '../src/domain/calendarDate'
import { tierOf } from '../src/domain/release'
import type { LedgerView, ReleaseView } from './ledgerView'

/**
 * A cut on the release axis: what a viewer could know. The ledger axis ("as the ledger
 * stood at position P") is applied before, by `ledgerView`.
 */
export type ReleaseCut =
  | { readonly _tag: 'Latest' }
  | { readonly _tag: 'AsOfRelease'; readonly release: ReleaseId }
  | { readonly _tag: 'AsOfDate'; readonly date: IsoDate }
  /**
   * The last release watched in each series a viewer follows (someone who saw Picard season 1
   * but no Prodigy): each id's series is read from the ledger.
   */
  | { readonly _tag: 'Progress'; readonly watched: ReadonlyArray<ReleaseId> }

export const latest: ReleaseCut = { _tag: 'Latest' }
export const asOfRelease = (release: ReleaseId): ReleaseCut => ({ _tag: 'AsOfRelease', release })
export const asOfDate = (date: IsoDate): ReleaseCut => ({ _tag: 'AsOfDate', date })
export const progress = (watched: ReadonlyArray<ReleaseId>): ReleaseCut => ({
  _tag: 'Progress',
  watched,
})

export type CutError = { readonly _tag: 'UnknownCutRelease'; readonly release: ReleaseId }

/** The releases a cut admits, in release order. */
export const admittedReleases = (
  view: LedgerView,
  cut: ReleaseCut,
): E.Either<CutError, ReadonlyArray<ReleaseView>> => {
  const keyOf = (id: ReleaseId): E.Either<CutError, string> => {
    const found = findRelease(id)
    return found === undefined
      ? E.left({ _tag: 'UnknownCutRelease', release: id })
      : E.right(found.key)
  }
  const findRelease = (id: ReleaseId): ReleaseView | undefined =>
    view.releases.find((r) => r.release.id === id)
  switch (cut._tag) {
    case 'Latest':
      return E.right(view.releases)
    case 'AsOfRelease':
      return E.map((key: string) => view.releases.filter((r) => r.key <= key))(keyOf(cut.release))
    case 'AsOfDate':
      return E.right(view.releases.filter((r) => r.release.date <= cut.date))
    case 'Progress': {
      const limits = new Map<string, string>()
      for (const id of cut.watched) {
        const found = findRelease(id)
        if (found === undefined) return E.left({ _tag: 'UnknownCutRelease', release: id })
        const previous = limits.get(found.release.series)
        if (previous === undefined || previous < found.key)
          limits.set(found.release.series, found.key)
      }
      // Secondary sources are not watched: they are admitted up to the latest release watched.
      const overall = [...limits.values()].reduce((a, b) => (a > b ? a : b), '')
      return E.right(
        view.releases.filter((r) => {
          if (tierOf(r.release.kind) !== 'on-screen') return r.key <= overall
          const limit = limits.get(r.release.series)
          return limit !== undefined && r.key <= limit
        }),
      )
    }
    default: {
      const never: never = cut
      return never
    }
  }
}

export const describeCutError = (e: CutError): string =>
  `release '${e.release}' is not in the ledger`
