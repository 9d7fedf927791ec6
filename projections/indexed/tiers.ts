import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { SourceTier } from '../../src/domain/release'
import { allTiers, tierRank } from '../../src/domain/release'

/** A source tier as a small integer (its place in `allTiers`), and a policy as a bit mask. */
export const tierCode = (tier: SourceTier): number => allTiers.indexOf(tier)

export const tierOfCode = (code: number): SourceTier => allTiers[code] ?? 'on-screen'

export const policyMask = (policy: CanonPolicy): number => {
  let mask = 0
  allTiers.forEach((t, i) => {
    if (policy.admits.has(t)) mask |= 1 << i
  })
  return mask
}

const ranks = allTiers.map(tierRank)

/** `tierRank` by code: canon first, every secondary tier one rank. */
export const tierRankOfCode = (code: number): number => ranks[code] ?? 1
