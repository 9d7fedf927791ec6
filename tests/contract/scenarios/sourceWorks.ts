import { describe, expect, it } from 'vitest'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { allSources, onScreenOnly, parseCanonPolicy } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { westerosLedger } from './storyLedgers'
import { answered } from './answers'

const policy = (text: string): CanonPolicy => parseCanonPolicy(text) as CanonPolicy
const all = { limit: 1000 } as const

/**
 * A source work: the novel a series adapts is a tier of its own, secondary like interviews or
 * articles. Its claims count only under a policy that asks for source works (alone, or with
 * every tier); on-screen canon, and a policy of other secondary tiers, leave them out.
 */
export const sourceWorks = (name: string, open: OpenReader): void => {
  describe(`given a novel and the series that adapts it, read by the ${name} reader`, () => {
    const reader = open(westerosLedger())
    const factsOf = (p: CanonPolicy) =>
      answered(
        reader.entity({ entity: 'Robert Baratheon', at: { release: latest, policy: p } }),
      ).facts.map((f) => [f.predicate, f.claims[0]?.value.text, f.claims[0]?.tier])

    describe('when Robert Baratheon is asked on screen only, or with interviews and articles', () => {
      it('then the episode shows him, and the novel’s claim about him is not there', () => {
        expect(factsOf(onScreenOnly)).toEqual([])
        expect(factsOf(policy('on-screen,interview,article,tie-in,production'))).toEqual([])
      })
    })

    describe('when he is asked under a policy that admits source works alone', () => {
      it('then the novel’s claim is there, at the source-work tier', () => {
        expect(factsOf(policy('source-work'))).toEqual([
          ['title', 'King of the Andals and the First Men', 'source-work'],
        ])
      })
    })

    describe('when he is asked with every tier', () => {
      it('then the novel’s claim is there too, confirmed by the episode', () => {
        expect(factsOf(allSources)).toEqual([
          ['title', 'King of the Andals and the First Men', 'source-work'],
        ])
      })
    })

    describe('when the catalog is asked under each policy', () => {
      it('then the novel is counted only by the policies that admit source works', () => {
        const tiersOf = (p: CanonPolicy) =>
          answered(reader.releases({ at: { release: latest, policy: p }, page: all })).byTier
        expect(tiersOf(onScreenOnly)).toEqual([{ tier: 'on-screen', count: 1 }])
        expect(tiersOf(policy('source-work'))).toEqual([
          { tier: 'source-work', count: 1 },
          { tier: 'on-screen', count: 1 },
        ])
      })
    })
  })
}
