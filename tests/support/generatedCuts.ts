import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { allSources, onScreenOnly, parseCanonPolicy } from '../../src/domain/canonPolicy'
import { isoDate } from '../../src/domain/calendarDate'
import { releaseId } from '../../src/domain/ids'
import type { ReleaseId } from '../../src/domain/ids'
import type { Cut, ReleaseCut, WatchedItem } from '../../projections/port/cut'
import type { Rng } from '../../bench/rng'
import type { GeneratedLedger } from './generatedLedger'

/** The policies the properties draw: the two standard ones and custom tier sets (source works alone too). */
export const generatedPolicies: ReadonlyArray<CanonPolicy> = [
  onScreenOnly,
  allSources,
  parseCanonPolicy('on-screen,interview') as CanonPolicy,
  parseCanonPolicy('source-work') as CanonPolicy,
]

/** A release id of the ledger, now and then one it never had. */
const someRelease = (r: Rng, g: GeneratedLedger): ReleaseId =>
  r.chance(0.05) ? releaseId('r99') : r.pick(g.releases)

const watchedItem = (r: Rng, g: GeneratedLedger): WatchedItem => {
  if (r.chance(0.6)) return { _tag: 'Release', release: someRelease(r, g) }
  const to = someRelease(r, g)
  return r.chance(0.4) ? { _tag: 'Range', to } : { _tag: 'Range', from: someRelease(r, g), to }
}

/** Any release cut a shell can ask for, over the ledger's releases and dates (some invalid). */
export const generatedReleaseCut = (r: Rng, g: GeneratedLedger): ReleaseCut => {
  switch (r.int(5)) {
    case 0:
      return { _tag: 'Latest' }
    case 1:
      return { _tag: 'AsOfRelease', release: someRelease(r, g) }
    case 2: {
      const date = isoDate(`2020-01-${String(1 + r.int(12)).padStart(2, '0')}`)
      const region = r.chance(0.4) ? (r.chance(0.1) ? 'Mars' : r.pick(g.regions)) : undefined
      return region === undefined
        ? { _tag: 'AsOfDate', date }
        : { _tag: 'AsOfDate', date, region: r.chance(0.5) ? region.toUpperCase() : region }
    }
    default:
      return {
        _tag: 'Watched',
        items: Array.from({ length: r.chance(0.05) ? 0 : 1 + r.int(3) }, () => watchedItem(r, g)),
      }
  }
}

/** A cut on every axis: the release cut, a policy, now and then a ledger position (some past the head). */
export const generatedCut = (r: Rng, g: GeneratedLedger): Cut => {
  const release = generatedReleaseCut(r, g)
  const policy = r.pick(generatedPolicies)
  return r.chance(0.25)
    ? { release, policy, ledgerPosition: BigInt(r.int(g.recorded.length + 2)) }
    : { release, policy }
}
