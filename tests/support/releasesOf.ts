import * as E from 'fp-ts/Either'
import { allSources } from '../../src/domain/canonPolicy'
import type { LedgerDeps } from '../../src/app/ledger'
import { describeAppError } from '../../src/app/errors'
import { openReader } from '../../src/app/reads'
import type { ReleasesAnswer } from '../../projections/port/answers'
import type { Cut } from '../../projections/port/cut'
import { latest } from '../../projections/port/cut'
import { pageLimits } from '../../projections/port/page'

/**
 * Every release a cut admits (every tier, the latest release and the head unless told
 * otherwise), page after page, as one answer: for specs over catalogs of more than a page.
 */
export const releasesOf = async (
  deps: LedgerDeps,
  cut: Partial<Cut> = {},
): Promise<ReleasesAnswer> => {
  const opened = await openReader(deps)()
  if (E.isLeft(opened)) throw new Error(describeAppError(opened.left))
  const at: Cut = { release: latest, policy: allSources, ...cut }
  const pages: ReleasesAnswer[] = []
  let cursor: string | null | undefined
  while (cursor !== null) {
    const page = opened.right.releases({
      at,
      page: { limit: pageLimits.max, ...(cursor === undefined ? {} : { cursor }) },
    })
    if (E.isLeft(page)) throw new Error(describeAppError(page.left))
    pages.push(page.right)
    cursor = page.right.page.next
  }
  const [first] = pages
  if (first === undefined) throw new Error('no page')
  return {
    ...first,
    releases: pages.flatMap((p) => p.releases),
    page: pages.at(-1)?.page ?? first.page,
  }
}
