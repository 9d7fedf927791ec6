import * as E from 'fp-ts/Either'
import type { ReleaseId } from '../../src/domain/ids'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { dateIn, tierOf } from '../../src/domain/release'
import type { ReleaseCut, WatchedItem } from '../port/cut'
import type { QueryField, ReadError } from '../port/errors'
import { invalidQuery, notFound } from '../port/errors'
import { closestTexts } from '../port/closest'
import type { LedgerView, ReleaseView } from './ledgerView'

/** Whether a release cut admits a release (live or withdrawn), whatever its tier. */
export type Admits = (r: ReleaseView) => boolean

/** An unknown release named by a cut's field, with the closest ids of the ledger as read. */
const unknownRelease = (view: LedgerView, id: string, field: QueryField): ReadError =>
  notFound(
    'release',
    `release '${id}'`,
    closestTexts(
      id,
      view.releases.map((r) => r.release.id),
    ),
    field,
  )

const liveRelease = (
  view: LedgerView,
  id: ReleaseId,
  field: QueryField,
): E.Either<ReadError, ReleaseView> => {
  const found = view.releases.find((r) => r.release.id === id)
  return found === undefined ? E.left(unknownRelease(view, id, field)) : E.right(found)
}

/** The releases a watched item names: one release, or a range within one series. */
const releasesOf = (
  view: LedgerView,
  item: WatchedItem,
  field: QueryField,
): E.Either<ReadError, ReadonlyArray<ReleaseView>> => {
  if (item._tag === 'Release')
    return E.map((r: ReleaseView) => [r])(liveRelease(view, item.release, field))
  const to = liveRelease(view, item.to, field)
  if (E.isLeft(to)) return to
  const series = to.right.release.series
  const from = item.from === undefined ? undefined : liveRelease(view, item.from, field)
  if (from !== undefined && E.isLeft(from)) return from
  const start = from?.right
  const range = `${item.from ?? ''}..${item.to}`
  if (start !== undefined && start.release.series !== series)
    return E.left(
      invalidQuery(
        field,
        `the range ${range} spans two series ('${start.release.series}' and '${series}'); a range stays within one series`,
      ),
    )
  if (start !== undefined && start.key > to.right.key)
    return E.left(
      invalidQuery(
        field,
        `the range ${range} runs backwards: '${item.from}' comes after '${item.to}'`,
      ),
    )
  return E.right(
    view.releases.filter(
      (r) =>
        r.release.series === series &&
        r.key <= to.right.key &&
        (start === undefined || r.key >= start.key),
    ),
  )
}

const regionsOf = (view: LedgerView): ReadonlyArray<string> => [
  ...new Set(view.releases.flatMap((r) => (r.release.regionalDates ?? []).map((d) => d.region))),
]

/**
 * THE release axis: what a release cut admits of the ledger as read. An unknown release, an
 * empty watched set, a range across series or backwards, an unknown region: refused, naming it
 * and the query field that named it (the cut's own field unless `field` says otherwise: a
 * diff's `from` and `to`).
 */
export const admissionOf = (
  view: LedgerView,
  cut: ReleaseCut,
  field?: QueryField,
): E.Either<ReadError, Admits> => {
  switch (cut._tag) {
    case 'Latest':
      return E.right(() => true)
    case 'AsOfRelease':
      return E.map(
        (found: ReleaseView): Admits =>
          (r) =>
            r.key <= found.key,
      )(liveRelease(view, cut.release, field ?? 'release'))
    case 'AsOfDate': {
      const region = cut.region
      if (region !== undefined) {
        const known = regionsOf(view)
        if (!known.some((k) => k.toLowerCase() === region.toLowerCase()))
          return E.left(
            invalidQuery(
              'region',
              `'${region}' is not a region of this ledger's releases; known regions: ${known.length === 0 ? 'none' : known.join(', ')}`,
            ),
          )
      }
      return E.right((r) => dateIn(r.release, region) <= cut.date)
    }
    case 'Watched': {
      if (cut.items.length === 0)
        return E.left(invalidQuery(field ?? 'watched', 'names no release'))
      const ids = new Set<string>()
      for (const item of cut.items) {
        const found = releasesOf(view, item, field ?? 'watched')
        if (E.isLeft(found)) return found
        for (const r of found.right) ids.add(r.release.id)
      }
      return E.right((r) => ids.has(r.release.id))
    }
    default: {
      const never: never = cut
      return never
    }
  }
}

/** What a cut and a policy admit: live releases in release order, and withdrawn ones. */
export interface Admitted {
  readonly releases: ReadonlyArray<ReleaseView>
  readonly withdrawn: ReadonlyArray<ReleaseView>
}

export const admittedOf = (view: LedgerView, admits: Admits, policy: CanonPolicy): Admitted => {
  const counts = (r: ReleaseView) => admits(r) && policy.admits.has(tierOf(r.release.kind))
  return { releases: view.releases.filter(counts), withdrawn: view.withdrawn.filter(counts) }
}
