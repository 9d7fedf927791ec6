import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { commandOf } from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import {
  articleRecorded,
  brokenPiecesRecorded,
  childrenOfMarsRecorded,
  ouroborosPart2Recorded,
  picardPremiereRecorded,
  wholeArc,
} from '../../unit/domain/marsAttack'
import { asOf, cutOf, page, right, texts } from './support'

/** Append order is not release order, and a reader extended with later events reads the longer ledger. */
export const appendOrderScenarios = (name: string, open: OpenReader): void => {
  describe(`given the arc appended out of release order, read by the ${name} reader`, () => {
    const inOrder = open(decidedLedger(wholeArc.map(commandOf)))
    const shuffled = open(
      decidedLedger(
        [
          childrenOfMarsRecorded,
          ouroborosPart2Recorded,
          brokenPiecesRecorded,
          picardPremiereRecorded,
          articleRecorded,
        ].map(commandOf),
      ),
    )
    it('when asked at every release under both policies, then the answers equal those of the ledger appended in order', () => {
      for (const r of [
        'st-children-of-mars',
        'pic-s1e01',
        'pic-s1e08',
        'pro-s2e20',
        'screenrant-mars-attack',
      ])
        for (const policy of [onScreenOnly, allSources]) {
          const q = { entity: 'Mars Attack', at: cutOf(asOf(r), policy) }
          expect(shuffled.entity(q)).toEqual(inOrder.entity(q))
          const t = { at: cutOf(asOf(r), policy), page }
          expect(shuffled.timeline(t)).toEqual(inOrder.timeline(t))
        }
    })
  })

  describe(`given a reader of the first two releases of the arc, read by the ${name} reader`, () => {
    const events = decidedLedger(wholeArc.map(commandOf))
    const reader = open(events.slice(0, 2))
    const q = { entity: 'Mars Attack', at: cutOf(latest) }
    it('when it is extended with Broken Pieces, then the extended reader knows the reattribution and the first still does not', () => {
      const extended = reader.extend(events.slice(2, 3))
      expect(extended.head.position).toBe(2n)
      expect(extended.head.hash).toBe(events[2]?.hash)
      expect(texts(right(extended.entity(q)), 'perpetrator')).toEqual(['Commodore Oh'])
      expect(texts(right(reader.entity(q)), 'perpetrator')).toEqual(['rogue synths'])
      expect(reader.head.position).toBe(1n)
    })
    it('when it is extended with nothing new, then it answers as before', () => {
      const same = reader.extend(events.slice(0, 2))
      expect(same.head).toEqual(reader.head)
      expect(same.entity(q)).toEqual(reader.entity(q))
    })
  })
}
