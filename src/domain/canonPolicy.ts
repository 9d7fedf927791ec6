import type { SourceTier } from './release'
import { allTiers } from './release'

/**
 * Which source tiers a query admits. On-screen only by default; fan wikis settle this by
 * editorial prose, here it is a parameter.
 */
export interface CanonPolicy {
  readonly admits: ReadonlySet<SourceTier>
}

export const onScreenOnly: CanonPolicy = { admits: new Set(['on-screen']) }
export const allSources: CanonPolicy = { admits: new Set(allTiers) }

/** Parses `on-screen`, `all`, or a comma list of tiers (`on-screen,interview`). */
export const parseCanonPolicy = (s: string): CanonPolicy | undefined => {
  const text = s.trim()
  if (text === '' || text === 'on-screen') return onScreenOnly
  if (text === 'all' || text === 'secondary') return allSources
  const tiers = text.split(',').map((x) => x.trim())
  if (!tiers.every((x): x is SourceTier => (allTiers as ReadonlyArray<string>).includes(x)))
    return undefined
  return { admits: new Set<SourceTier>(['on-screen', ...tiers]) }
}

export const formatCanonPolicy = (p: CanonPolicy): string =>
  p.admits.size === allTiers.length ? 'all' : allTiers.filter((t) => p.admits.has(t)).join(',')
