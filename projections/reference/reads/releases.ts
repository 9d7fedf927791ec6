import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { ReleasesAnswer } from '../../port/answers'
import type { ReleasesQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { notFound } from '../../port/errors'
import { closestTexts } from '../../port/closest'
import { releasesIdentity } from '../../port/identity'
import { pageOf, planPage } from '../../port/page'
import { describeCut } from '../../port/describe'
import { releaseAnswer } from '../../answers/releases'
import type { AtCut } from '../atCut'
import { atCut } from '../atCut'
import type { ReleaseView } from '../ledgerView'
import { releaseCatalog } from '../catalog'

/** The admitted releases of the series asked for (case-insensitive), or a miss naming close ones. */
const ofSeries = (
  at: AtCut,
  q: ReleasesQuery,
): E.Either<
  ReadError,
  { readonly series: string | null; readonly releases: ReadonlyArray<ReleaseView> }
> => {
  if (q.series === undefined) return E.right({ series: null, releases: at.admitted.releases })
  const wanted = q.series.trim().toLowerCase()
  const all = [...new Set(at.admitted.releases.map((r) => r.release.series))]
  const series = all.find((s) => s.toLowerCase() === wanted)
  return series === undefined
    ? E.left(
        notFound(
          'release',
          `series '${q.series}' ${describeCut(at.cut, at.policy)}`,
          closestTexts(q.series, all),
        ),
      )
    : E.right({ series, releases: at.admitted.releases.filter((r) => r.release.series === series) })
}

/** The catalog of the releases a cut admits (of one series, perhaps), a page at a time. */
export const releasesRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: ReleasesQuery,
): E.Either<ReadError, ReleasesAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, releasesIdentity(q), head)),
    E.bind('at', ({ plan }) =>
      atCut(events, head, {
        ...q.at,
        ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
      }),
    ),
    E.bind('chosen', ({ at }) => ofSeries(at, q)),
    E.map(({ plan, at, chosen }): ReleasesAnswer => {
      const catalog = releaseCatalog(chosen.releases)
      const page = pageOf(
        catalog.releases,
        (r) => [r.key],
        plan,
        releasesIdentity(q),
        at.view.position,
      )
      return {
        at: at.answer,
        series: chosen.series,
        total: catalog.releases.length,
        byTier: catalog.byTier,
        bySeries: catalog.bySeries,
        releases: page.items.map(releaseAnswer),
        page: page.page,
      }
    }),
  )
