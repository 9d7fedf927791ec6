import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import { asOfRelease, latest } from '../../../projections/cut'
import * as Q from '../../../src/app/queries'
import { givenLedger, left, right } from './queryFixture'
import { wholeArc } from '../domain/marsAttack'

const at = (release: string) => asOfRelease(releaseId(release))

describe('given the Mars Attack arc in the ledger', () => {
  describe('when asking for the Mars Attack as of the Picard premiere', () => {
    it('then casualties are over 92,000 and there is no starship figure', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, {
          entity: 'Mars Attack',
          cut: at('pic-s1e01'),
          policy: onScreenOnly,
        })(),
      )
      const facts = Object.fromEntries(answer.facts.map((f) => [f.predicate, f]))
      expect(facts['casualties']?.claims[0]?.value.text).toBe('over 92,000 lives')
      expect(facts['starships-destroyed']).toBeUndefined()
      expect(facts['perpetrator']?.claims[0]?.value.text).toBe('rogue synths')
      expect(JSON.stringify(answer)).not.toMatch(/Oh|Nedar|20,000/)
    })
  })

  describe('when asking with an unknown name', () => {
    it('then it is NotFound with suggestions from the cut only', async () => {
      const deps = await givenLedger(...wholeArc)
      const error = left(
        await Q.entityAsOf(deps, {
          entity: 'Comodore Oh',
          cut: at('pic-s1e01'),
          policy: allSources,
        })(),
      )
      expect(error).toMatchObject({ _tag: 'NotFound', suggestions: [] })
      const later = left(
        await Q.entityAsOf(deps, { entity: 'Comodore Oh', cut: latest, policy: allSources })(),
      )
      expect(later).toMatchObject({ _tag: 'NotFound', suggestions: ['Commodore Oh'] })
    })
  })
})
