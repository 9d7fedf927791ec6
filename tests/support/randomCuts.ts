import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { allSources, onScreenOnly, parseCanonPolicy } from '../../src/domain/canonPolicy'
import { isoDate } from '../../src/domain/calendarDate'
import type { ReleaseId } from '../../src/domain/ids'
import type { ReleaseCut } from '../../projections/cut'
import { asOfDate, asOfRelease, latest, progress } from '../../projections/cut'
import type { Rng } from './randomLedger'

/** The policies the property specs draw: the two standard ones and a custom tier set. */
export const randomPolicies: ReadonlyArray<CanonPolicy> = [
  onScreenOnly,
  allSources,
  parseCanonPolicy('on-screen,interview') as CanonPolicy,
]

/**
 * Any kind of release cut the app can ask for, over the given release ids (dates within the
 * range `randomLedger` dates its releases in); `latest` when there are none.
 */
export const randomCut = (r: Rng, ids: ReadonlyArray<ReleaseId>): ReleaseCut => {
  if (ids.length === 0) return latest
  switch (r.int(4)) {
    case 0:
      return latest
    case 1:
      return asOfRelease(r.pick(ids))
    case 2:
      return asOfDate(isoDate(`2020-01-${String(9 + r.int(10)).padStart(2, '0')}`))
    default:
      return progress(Array.from({ length: r.int(3) }, () => r.pick(ids)))
  }
}
