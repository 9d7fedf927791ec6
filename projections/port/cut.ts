import type { ReleaseId } from '../../src/domain/ids'
import type { IsoDate } from '../../src/domain/calendarDate'
import type { CanonPolicy } from '../../src/domain/canonPolicy'

/**
 * One entry of a watched set: a release, or a range of one series' releases in release order.
 * `from` absent: from the series' first release ("everything through this episode").
 */
export type WatchedItem =
  | { readonly _tag: 'Release'; readonly release: ReleaseId }
  | { readonly _tag: 'Range'; readonly from?: ReleaseId; readonly to: ReleaseId }

/**
 * A cut on the release axis: what a viewer could know.
 * - `Latest`: every release of the ledger.
 * - `AsOfRelease`: every release up to and including this one in release order.
 * - `AsOfDate`: every release out by this date; in a region, a release's date there is its
 *   regional date for that region when the ledger records one, else its first release date.
 * - `Watched`: exactly the releases a viewer watched, in any order (ranges expand within one
 *   series). Secondary sources are releases too: a watched set admits one only if it lists it.
 */
export type ReleaseCut =
  | { readonly _tag: 'Latest' }
  | { readonly _tag: 'AsOfRelease'; readonly release: ReleaseId }
  | { readonly _tag: 'AsOfDate'; readonly date: IsoDate; readonly region?: string }
  | { readonly _tag: 'Watched'; readonly items: ReadonlyArray<WatchedItem> }

/**
 * Where a read stands on every axis: the release cut, the canon policy (which source tiers
 * count), and the ledger axis (the ledger as it stood at a position, inclusive; the head when
 * absent). Every read takes one.
 */
export interface Cut {
  readonly release: ReleaseCut
  readonly policy: CanonPolicy
  readonly ledgerPosition?: bigint
}

export const latest: ReleaseCut = { _tag: 'Latest' }
export const asOfRelease = (release: ReleaseId): ReleaseCut => ({ _tag: 'AsOfRelease', release })
export const asOfDate = (date: IsoDate, region?: string): ReleaseCut =>
  region === undefined ? { _tag: 'AsOfDate', date } : { _tag: 'AsOfDate', date, region }
export const watched = (items: ReadonlyArray<WatchedItem>): ReleaseCut => ({
  _tag: 'Watched',
  items,
})
export const watchedReleases = (ids: ReadonlyArray<ReleaseId>): ReleaseCut =>
  watched(ids.map((release) => ({ _tag: 'Release', release })))
