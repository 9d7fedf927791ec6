import type * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { InUniverseTime } from '../../../src/domain/inUniverseTime'
import {
  InUniverseTime as InUniverseTimeCodec,
  formatInUniverseTime,
  parseEraTime,
  parseInUniverseTime,
  timelineSortKey,
} from '../../../src/domain/inUniverseTime'
import { compareSortKeys } from '../../../projections/port/page'
import { calendar, recordedEraYear, stardate } from '../../support/builders'

describe('in-universe time', () => {
  describe('when parsing', () => {
    it.each([
      ['2385', calendar('2385')],
      ['2385-04', calendar('2385-04')],
      ['2385-04-05', calendar('2385-04-05')],
      [' 2385-04-05 ', calendar('2385-04-05')],
      ['2024-02-29', calendar('2024-02-29')],
      ['stardate 41153.7', stardate(41153.7)],
      ['Stardate 41153.7', stardate(41153.7)],
      ['SD 41153.7', stardate(41153.7)],
      ['sd41153', stardate(41153)],
      ['stardate -311.2', stardate(-311.2)],
    ])('reads %j', (input, expected) => {
      expect(parseInUniverseTime(input)).toEqual(O.some(expected))
    })

    it.each([
      '',
      'soon',
      '2385-4',
      '2385-13',
      '2385-00',
      '2385-04-00',
      '2385-04-32',
      '2385-04-31',
      '2385-02-30',
      '2023-02-29',
      '2385/04/05',
      'stardate',
      'stardate 41153.7.1',
    ])('rejects %j', (input) => {
      expect(parseInUniverseTime(input)).toEqual(O.none)
    })
  })

  describe('when formatting', () => {
    it.each([
      [calendar('2385'), '2385'],
      [calendar('2385-04'), '2385-04'],
      [calendar('2385-04-05'), '2385-04-05'],
      [calendar('0044-03-15'), '0044-03-15'],
      [stardate(41153.7), 'stardate 41153.7'],
    ])('writes %j as %s', (time, expected) => {
      expect(formatInUniverseTime(time)).toBe(expected)
    })

    it('reads back what it writes, for any valid time (including years before year 0)', () => {
      const calendarTime = fc
        .record({
          year: fc.integer({ min: -9999, max: 99999 }),
          month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
          day: fc.integer({ min: 1, max: 28 }),
          withDay: fc.boolean(),
        })
        .map(({ year, month, day, withDay }): InUniverseTime => ({
          _tag: 'Calendar',
          year: year as t.Int,
          ...(month === undefined ? {} : { month: month as t.Int }),
          ...(month !== undefined && withDay ? { day: day as t.Int } : {}),
        }))
      const stardateTime = fc
        .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
        .filter((n) => !Object.is(n, -0) && !String(n).includes('e'))
        .map(stardate)
      fc.assert(
        fc.property(fc.oneof(calendarTime, stardateTime), (time) => {
          expect(parseInUniverseTime(formatInUniverseTime(time))).toEqual(O.some(time))
        }),
      )
    })
  })

  describe('when decoding a stored time', () => {
    it('accepts calendar times and stardates', () => {
      for (const time of [calendar('2385'), calendar('2385-04-05'), stardate(41153.7)])
        expect(InUniverseTimeCodec.decode(time)).toEqual(E.right(time))
    })

    it('rejects a month or day that does not exist', () => {
      for (const bad of [
        { _tag: 'Calendar', year: 2385, month: 13 },
        { _tag: 'Calendar', year: 2385, month: 0 },
        { _tag: 'Calendar', year: 2385, month: 2, day: 30 },
        { _tag: 'Calendar', year: 2385, day: 5 },
        { _tag: 'Calendar', year: 2385.5 },
        { _tag: 'Stardate', stardate: '41153.7' },
      ])
        expect(E.isLeft(InUniverseTimeCodec.decode(bad)), JSON.stringify(bad)).toBe(true)
    })
  })

  describe('when an era time is recorded', () => {
    it('prints as its year and era, and sorts across the era’s zero and the calendar’s eras', () => {
      const times = [
        recordedEraYear(4, 'ABY', 'galactic', 1, 'up'),
        recordedEraYear(0, 'ABY', 'galactic', 1, 'up'),
        recordedEraYear(32, 'BBY', 'galactic', 0, 'down'),
        recordedEraYear(0, 'BBY', 'galactic', 0, 'down'),
        recordedEraYear(283, 'AC', 'westeros', 1, 'up'),
        recordedEraYear(2, 'BC', 'westeros', 0, 'down'),
        calendar('2385'),
        stardate(41153.7),
      ]
      const byKey = (a: InUniverseTime, b: InUniverseTime): number =>
        compareSortKeys(timelineSortKey(a), timelineSortKey(b))
      expect([...times].sort(byKey).map(formatInUniverseTime)).toEqual([
        '2385',
        'stardate 41153.7',
        '32 BBY',
        '0 BBY',
        '0 ABY',
        '4 ABY',
        '2 BC',
        '283 AC',
      ])
    })

    it('parses as written: a whole year, a space, an era label', () => {
      expect(parseEraTime('32 BBY')).toEqual(O.some({ era: 'BBY', year: 32 }))
      expect(parseEraTime(' 283  AC ')).toEqual(O.some({ era: 'AC', year: 283 }))
      expect(parseEraTime('T.A. 3019')).toEqual(O.none)
      for (const bad of ['32BBY', '-5 ABY', 'BBY', '3.5 ABY', '32 B8Y', '2385'])
        expect(parseEraTime(bad), bad).toEqual(O.none)
    })
  })

  describe('when sorting a timeline', () => {
    it('puts a partial date before the precise dates within it, and stardates after the calendar', () => {
      const times = [
        stardate(41153.7),
        calendar('2385-04-05'),
        calendar('2399'),
        calendar('2385'),
        stardate(1000),
        calendar('2385-04'),
      ]
      const byKey = (a: InUniverseTime, b: InUniverseTime): number =>
        compareSortKeys(timelineSortKey(a), timelineSortKey(b))
      expect([...times].sort(byKey).map(formatInUniverseTime)).toEqual([
        '2385',
        '2385-04',
        '2385-04-05',
        '2399',
        'stardate 1000',
        'stardate 41153.7',
      ])
    })
  })
})
