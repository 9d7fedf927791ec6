import { describe, expect, it } from 'vitest'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { assert, commandOf, introduce, ref, release, released } from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { cutOf, factsOf, right, texts, watching } from './support'

/** A reference to an entity the cut does not admit names nothing of it. */
export const hiddenReferenceScenarios = (name: string, open: OpenReader): void => {
  describe(`given a viewer who watched only the series that mentions an entity introduced elsewhere, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger(
        [
          released(
            release('a1', { date: '2020-01-01', series: 'A' }),
            introduce('person/spoiler', 'Secret Villain'),
          ),
          released(
            release('b1', { date: '2020-02-01', series: 'B' }),
            introduce('event/raid', 'Raid'),
            assert('raid.by', {
              subject: 'event/raid',
              predicate: 'perpetrator',
              value: ref('person/spoiler'),
            }),
          ),
        ].map(commandOf),
      ),
    )
    it('when asking, then the reference is shown without its id or name', () => {
      const answer = right(reader.entity({ entity: 'Raid', at: cutOf(watching('b1')) }))
      expect(factsOf(answer)['perpetrator']?.claims[0]?.value).toEqual({
        text: 'an entity not introduced at this cut',
        value: { _tag: 'EntityRef', entity: null, name: 'an entity not introduced at this cut' },
      })
      expect(JSON.stringify(answer)).not.toMatch(/spoiler|Secret Villain/)
      const full = right(reader.entity({ entity: 'Raid', at: cutOf(latest) }))
      expect(texts(full, 'perpetrator')).toEqual(['Secret Villain'])
    })
  })
}
