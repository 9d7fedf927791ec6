import type { CanonPolicy } from '../domain/canonPolicy'
import { formatCanonPolicy } from '../domain/canonPolicy'
import type { SourceTier } from '../domain/release'
import { tierOf } from '../domain/release'
import type { LedgerView, ReleaseView } from '../../projections/ledgerView'
import type { ReleaseCut } from '../../projections/cut'
import { admittedReleases } from '../../projections/cut'
import type { CutAnswer } from './answers'
import { releaseRef } from './answers'
import type { ReleaseRefs } from './renderEntity'
import { releaseRefs } from './renderEntity'

/**
 * A ledger view's releases arranged so that where a cut stands (how many releases it admits
 * under a policy, and the last of them) is a binary search, not a fold. Built once per view.
 * Invariant: `view.releases` is sorted by key, and a key starts with the release's fixed-length
 * ISO date, so a release cut and a date cut each admit a prefix of it.
 */
export interface CutKeys {
  readonly view: LedgerView
  readonly keyOf: ReadonlyMap<string, string>
  /** Per tier, the indexes in `view.releases` of that tier's releases, ascending. */
  readonly byTier: ReadonlyMap<SourceTier, ReadonlyArray<number>>
  /** Refs of the view's releases: a cited release is always one the cut admits. */
  readonly refs: ReleaseRefs
}

export const cutKeysOf = (view: LedgerView): CutKeys => {
  const byTier = new Map<SourceTier, number[]>()
  view.releases.forEach((r, i) => {
    const tier = tierOf(r.release.kind)
    const list = byTier.get(tier) ?? []
    list.push(i)
    byTier.set(tier, list)
  })
  return {
    view,
    keyOf: new Map(view.releases.map((r) => [r.release.id as string, r.key])),
    byTier,
    refs: releaseRefs(view.releases),
  }
}

/** The number of leading items for which `inside` holds (it holds on a prefix). */
const prefixLength = <T>(items: ReadonlyArray<T>, inside: (item: T) => boolean): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (inside(items[mid] as T)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The prefix of the view a cut admits, or the admitted list itself for a viewer's progress. */
const admittedOf = (
  keys: CutKeys,
  cut: ReleaseCut,
): number | ReadonlyArray<ReleaseView> | undefined => {
  const releases = keys.view.releases
  switch (cut._tag) {
    case 'Latest':
      return releases.length
    case 'AsOfRelease': {
      const key = keys.keyOf.get(cut.release)
      return key === undefined ? undefined : prefixLength(releases, (r) => r.key <= key)
    }
    case 'AsOfDate':
      return prefixLength(releases, (r) => r.release.date <= cut.date)
    case 'Progress': {
      // Not a prefix: filtered in one pass (still no fold).
      const admitted = admittedReleases(keys.view, cut)
      return admitted._tag === 'Left' ? undefined : admitted.right
    }
    default: {
      const never: never = cut
      return never
    }
  }
}

/**
 * Where an answer at this cut stands, exactly as `answerAt` describes the fold's state (same
 * fields, same order), or undefined when the cut names a release the view does not hold.
 */
export const cutAnswerOf = (
  keys: CutKeys,
  cut: ReleaseCut,
  policy: CanonPolicy,
): CutAnswer | undefined => {
  const admitted = admittedOf(keys, cut)
  if (admitted === undefined) return undefined
  let count = 0
  let last: ReleaseView | undefined
  if (typeof admitted === 'number') {
    let lastIndex = -1
    for (const [tier, indexes] of keys.byTier) {
      if (!policy.admits.has(tier)) continue
      const n = prefixLength(indexes, (i) => i < admitted)
      count += n
      if (n > 0) lastIndex = Math.max(lastIndex, indexes[n - 1] as number)
    }
    last = lastIndex < 0 ? undefined : keys.view.releases[lastIndex]
  } else
    for (const r of admitted)
      if (policy.admits.has(tierOf(r.release.kind))) {
        count++
        last = r
      }
  return {
    cut,
    policy: formatCanonPolicy(policy),
    ledgerPosition: keys.view.position.toString(),
    lastRelease: last === undefined ? null : releaseRef(last.release),
    releasesAdmitted: count,
  }
}
