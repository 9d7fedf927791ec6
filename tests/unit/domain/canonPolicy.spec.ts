import { describe, expect, it } from 'vitest'
import {
  allSources,
  formatCanonPolicy,
  onScreenOnly,
  parseCanonPolicy,
} from '../../../src/domain/canonPolicy'
import { allTiers, tierOf, tierRank } from '../../../src/domain/release'

const tiers = (s: string) => {
  const p = parseCanonPolicy(s)
  return p === undefined ? undefined : [...p.admits].sort()
}

describe('canon policy', () => {
  describe('when parsing', () => {
    it('reads on-screen only by default, and from the empty text', () => {
      expect(parseCanonPolicy('on-screen')).toEqual(onScreenOnly)
      expect(parseCanonPolicy('')).toEqual(onScreenOnly)
      expect(parseCanonPolicy('  ')).toEqual(onScreenOnly)
    })

    it('reads `all` and `secondary` as every tier', () => {
      expect(parseCanonPolicy('all')).toEqual(allSources)
      expect(parseCanonPolicy('secondary')).toEqual(allSources)
      expect([...allSources.admits].sort()).toEqual([...allTiers].sort())
    })

    it('reads a comma list of tiers, always with the on-screen canon', () => {
      expect(tiers('interview')).toEqual(['interview', 'on-screen'])
      expect(tiers('article, interview')).toEqual(['article', 'interview', 'on-screen'])
      expect(tiers('on-screen,tie-in,production')).toEqual(['on-screen', 'production', 'tie-in'])
    })

    it('reads the source-work tier (novels and other works a series adapts) alone, or among every tier', () => {
      expect(tiers('source-work')).toEqual(['on-screen', 'source-work'])
      expect(allSources.admits.has('source-work')).toBe(true)
      expect(
        parseCanonPolicy('on-screen,interview,article,tie-in,production')?.admits.has(
          'source-work',
        ),
      ).toBe(false)
      expect(tierOf('novel')).toBe('source-work')
      expect(tierOf('source-work')).toBe('source-work')
      expect(tierRank('source-work')).toBe(tierRank('interview'))
      expect(formatCanonPolicy(parseCanonPolicy('source-work')!)).toBe('on-screen,source-work')
    })

    it('rejects unknown tiers and empty items', () => {
      for (const bad of ['fanon', 'interview,wiki', 'interview,', ',', 'ALL', 'episode'])
        expect(parseCanonPolicy(bad), bad).toBeUndefined()
    })
  })

  describe('when formatting', () => {
    it('writes each policy so that it parses back to itself', () => {
      for (const text of ['on-screen', 'all', 'interview', 'article,tie-in', 'production'])
        expect(parseCanonPolicy(formatCanonPolicy(parseCanonPolicy(text)!))).toEqual(
          parseCanonPolicy(text),
        )
      expect(formatCanonPolicy(onScreenOnly)).toBe('on-screen')
      expect(formatCanonPolicy(allSources)).toBe('all')
      expect(formatCanonPolicy(parseCanonPolicy('article,interview')!)).toBe(
        'on-screen,interview,article',
      )
    })
  })
})
