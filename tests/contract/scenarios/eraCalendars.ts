import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import type { Cut } from '../../../projections/port/cut'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import { galaxyLedger, westerosLedger } from './storyLedgers'
import { answered, claimOf } from './answers'

const all = { limit: 1000 } as const
const latestOnScreen: Cut = { release: latest, policy: onScreenOnly }

/**
 * Era calendars: Star Wars counts years before and after the Battle of Yavin (with a year
 * zero), Westeros before and after Aegon's Conquest (without one). Times are printed in their
 * era ("32 BBY", "283 AC") and ordered across the eras and across the calendar's zero.
 */
export const eraCalendars = (name: string, open: OpenReader): void => {
  describe(`given ledgers that count years in eras, read by the ${name} reader`, () => {
    describe('when the Battle of Naboo is asked', () => {
      it('then its date is printed as 32 BBY and carries its calendar, era and counting', () => {
        const reader = open(galaxyLedger())
        const date = claimOf(
          answered(reader.entity({ entity: 'Battle of Naboo', at: latestOnScreen })),
          'date',
        )
        expect(date.value).toEqual({
          text: '32 BBY',
          value: {
            _tag: 'Time',
            time: {
              _tag: 'Era',
              era: 'BBY',
              year: 32,
              calendar: 'galactic',
              eraIndex: 0,
              counts: 'down',
            },
            text: '32 BBY',
          },
        })
      })
    })

    describe('when the timeline of the films is asked', () => {
      it('then 32 BBY comes before 0 ABY, then 3, 4 and 35 ABY, whatever order the films came out in', () => {
        const reader = open(galaxyLedger())
        const timeline = answered(reader.timeline({ at: latestOnScreen, page: all }))
        const times = timeline.entries.map((e) => e.time)
        expect([...new Set(times)]).toEqual(['32 BBY', '0 ABY', '3 ABY', '4 ABY', '35 ABY'])
        expect(timeline.entries[0]).toMatchObject({
          time: '32 BBY',
          entity: { name: 'Battle of Naboo' },
          source: { id: 'sw-i' },
        })
      })
    })

    describe('when the timeline of a calendar without a year zero is asked', () => {
      it('then 2 BC comes before 283 AC, each printed in its era', () => {
        const reader = open(westerosLedger())
        const timeline = answered(
          reader.timeline({ at: { release: latest, policy: allSources }, page: all }),
        )
        expect(timeline.entries.map((e) => [e.time, e.entity.name, e.predicate])).toEqual([
          ['2 BC', 'Aegon Targaryen', 'conquest-begins'],
          ['283 AC', "Robert's Rebellion", 'ends'],
        ])
      })
    })
  })
}
