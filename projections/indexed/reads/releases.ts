import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Release } from '../../../src/domain/release'
import { tierOf } from '../../../src/domain/release'
import type { ReleasesAnswer } from '../../port/answers'
import type { ReleasesQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { notFound } from '../../port/errors'
import { closestTexts } from '../../port/closest'
import { releasesIdentity } from '../../port/identity'
import { pageOf, planPage } from '../../port/page'
import { describeCut } from '../../port/describe'
import { releaseAnswer } from '../../answers/releases'
import type { CatalogEntry } from '../../reference/catalog'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atCut } from '../basis'
import { admittedLive, cutAnswerOf } from '../admission'

const ofSeries = (
  at: At,
  q: ReleasesQuery,
): E.Either<
  ReadError,
  { readonly series: string | null; readonly gens: ReadonlyArray<number> }
> => {
  const ix = at.a.ix
  const admitted = admittedLive(at.a)
  if (q.series === undefined) return E.right({ series: null, gens: admitted })
  const wanted = q.series.trim().toLowerCase()
  const all = [...new Set(admitted.map((g) => ix.series.text(ix.genSeries.get(g))))]
  const series = all.find((s) => s.toLowerCase() === wanted)
  return series === undefined
    ? E.left(
        notFound(
          'release',
          `series '${q.series}' ${describeCut(at.a.cut, at.a.policy)}`,
          closestTexts(q.series, all),
        ),
      )
    : E.right({
        series,
        gens: admitted.filter((g) => ix.series.text(ix.genSeries.get(g)) === series),
      })
}

const counted = <K>(keys: ReadonlyArray<K>): ReadonlyArray<readonly [K, number]> => {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts.entries()]
}

const entryOf = (at: At, g: number): CatalogEntry => {
  const ix = at.a.ix
  const r = ix.genRelease.get(g)
  const release = ix.genContent[g] as Release
  const event = ix.releaseEvent.get(r)
  return {
    key: ix.genKey[g] as string,
    release,
    tier: tierOf(release.kind),
    position: ix.eventPosition[event] as bigint,
    recordedAt: ix.eventRecordedAt[event] as string,
    changes: ix.releaseRowCount.get(r),
    corrections: (ix.releaseCorrections.get(r) ?? []).filter(
      (c) => ix.correctionEvent.get(c) <= at.a.k,
    ).length,
  }
}

/** The catalog of the releases a cut admits (of one series, perhaps), a page at a time. */
export const releasesRead = (b: Basis, q: ReleasesQuery): E.Either<ReadError, ReleasesAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, releasesIdentity(q), b.head)),
    E.bind('at', ({ plan }) =>
      atCut(b, {
        ...q.at,
        ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
      }),
    ),
    E.bind('chosen', ({ at }) => ofSeries(at, q)),
    E.map(({ plan, at, chosen }): ReleasesAnswer => {
      const ix = at.a.ix
      const page = pageOf(
        chosen.gens,
        (g) => [ix.genKey[g] as string],
        plan,
        releasesIdentity(q),
        at.a.position,
      )
      const contents = chosen.gens.map((g) => ix.genContent[g] as Release)
      return {
        at: cutAnswerOf(at.a),
        series: chosen.series,
        total: chosen.gens.length,
        byTier: counted(contents.map((r) => tierOf(r.kind))).map(([tier, count]) => ({
          tier,
          count,
        })),
        bySeries: counted(contents.map((r) => r.series)).map(([series, count]) => ({
          series,
          count,
        })),
        releases: page.items.map((g) => releaseAnswer(entryOf(at, g))),
        page: page.page,
      }
    }),
  )
