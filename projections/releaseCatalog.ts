import type { Release, SourceTier } from '../src/domain/release'
import { tierOf } from '../src/domain/release'
import type { ReleaseView } from './ledgerView'

/** One release in the catalog, with where it stands on the ledger axis. */
export interface CatalogEntry {
  readonly release: Release
  readonly tier: SourceTier
  readonly position: bigint
  readonly recordedAt: string
  /** How many changes it makes, and how many editorial corrections its entry has had. */
  readonly changes: number
  readonly corrections: number
}

export interface SeriesGroup {
  readonly series: string
  readonly releases: ReadonlyArray<CatalogEntry>
}

export interface ReleaseCatalog {
  /** Every release given, in release order (date, then the day's tie-break). */
  readonly releases: ReadonlyArray<CatalogEntry>
  /** Grouped by series; series in the order of their first release. */
  readonly series: ReadonlyArray<SeriesGroup>
  readonly byTier: ReadonlyArray<{ readonly tier: SourceTier; readonly count: number }>
}

const entryOf = (r: ReleaseView): CatalogEntry => ({
  release: r.release,
  tier: tierOf(r.release.kind),
  position: r.position,
  recordedAt: r.recordedAt,
  changes: r.changes.length,
  corrections: r.corrections.length,
})

/**
 * The catalog of exactly the releases given (a cut's admitted releases): nothing else is
 * counted, so a catalog at a cut says nothing about what comes after it.
 */
export const releaseCatalog = (admitted: ReadonlyArray<ReleaseView>): ReleaseCatalog => {
  const ordered = [...admitted].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const releases = ordered.map(entryOf)
  const groups = new Map<string, CatalogEntry[]>()
  const tiers = new Map<SourceTier, number>()
  for (const entry of releases) {
    const group = groups.get(entry.release.series) ?? []
    group.push(entry)
    groups.set(entry.release.series, group)
    tiers.set(entry.tier, (tiers.get(entry.tier) ?? 0) + 1)
  }
  return {
    releases,
    series: [...groups.entries()].map(([series, list]) => ({ series, releases: list })),
    byTier: [...tiers.entries()].map(([tier, count]) => ({ tier, count })),
  }
}
