import type { Release, SourceTier } from '../../src/domain/release'
import { byReleaseKey, tierOf } from '../../src/domain/release'
import type { ReleaseView } from './ledgerView'

/** One release in the catalog, with where it stands on the ledger axis. */
export interface CatalogEntry {
  readonly key: string
  readonly release: Release
  readonly tier: SourceTier
  readonly position: bigint
  readonly recordedAt: string
  /** How many changes it makes, and how many editorial corrections its entry has had. */
  readonly changes: number
  readonly corrections: number
}

export interface ReleaseCatalog {
  /** Every release given, in release order (date, then the day's tie-break). */
  readonly releases: ReadonlyArray<CatalogEntry>
  /** Series in the order of their first release, with how many releases each has here. */
  readonly bySeries: ReadonlyArray<{ readonly series: string; readonly count: number }>
  readonly byTier: ReadonlyArray<{ readonly tier: SourceTier; readonly count: number }>
}

const entryOf = (r: ReleaseView): CatalogEntry => ({
  key: r.key,
  release: r.release,
  tier: tierOf(r.release.kind),
  position: r.position,
  recordedAt: r.recordedAt,
  changes: r.changes.length,
  corrections: r.corrections.length,
})

const counted = <K>(keys: ReadonlyArray<K>): ReadonlyArray<readonly [K, number]> => {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts.entries()]
}

/**
 * The catalog of exactly the releases given (a cut's admitted releases): nothing else is
 * counted, so a catalog at a cut says nothing about what comes after it.
 */
export const releaseCatalog = (admitted: ReadonlyArray<ReleaseView>): ReleaseCatalog => {
  const releases = [...admitted].sort(byReleaseKey).map(entryOf)
  return {
    releases,
    bySeries: counted(releases.map((r) => r.release.series)).map(([series, count]) => ({
      series,
      count,
    })),
    byTier: counted(releases.map((r) => r.tier)).map(([tier, count]) => ({ tier, count })),
  }
}
