import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Release } from '../../../src/domain/release'
import { ordRelease, releaseSortKey, tierOf } from '../../../src/domain/release'
import { release } from '../../support/builders'

const ids = (rs: ReadonlyArray<Release>): ReadonlyArray<string> => rs.map((r) => r.id)
const sorted = (rs: ReadonlyArray<Release>): ReadonlyArray<Release> =>
  [...rs].sort(ordRelease.compare)

describe('release order (ordRelease)', () => {
  describe('given releases on different days', () => {
    it('orders by date first, whatever the sequence or id', () => {
      const rs = [
        release('a-late', { date: '2024-07-01', sequence: 0 }),
        release('z-early', { date: '2020-01-09', sequence: 999 }),
        release('m-middle', { date: '2020-01-23', sequence: 5 }),
      ]
      expect(ids(sorted(rs))).toEqual(['z-early', 'm-middle', 'a-late'])
    })
  })

  describe('given a season dropped on one day', () => {
    it('orders by episode (the default sequence season*1000+episode)', () => {
      const drop = [20, 3, 19, 1, 10].map((n) =>
        release(`pro-s2e${n}`, { date: '2024-07-01', season: 2, episode: n }),
      )
      expect(ids(sorted(drop))).toEqual([
        'pro-s2e1',
        'pro-s2e3',
        'pro-s2e10',
        'pro-s2e19',
        'pro-s2e20',
      ])
    })
  })

  describe('given two releases of one day and one sequence', () => {
    it('orders by id, so the order is total', () => {
      const a = release('b-second', { date: '2020-01-23' })
      const b = release('a-first', { date: '2020-01-23' })
      expect(ids(sorted([a, b]))).toEqual(['a-first', 'b-second'])
      expect(ordRelease.compare(a, a)).toBe(0)
    })
  })

  describe('given any releases', () => {
    const arbRelease = fc
      .record({
        id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/),
        date: fc.date({
          min: new Date('1966-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        sequence: fc.integer({ min: 0, max: 999_999_999_999 }),
      })
      .map(({ id, date, sequence }) =>
        release(id, { date: date.toISOString().slice(0, 10), sequence }),
      )

    it('the sort key orders exactly as ordRelease does', () => {
      fc.assert(
        fc.property(arbRelease, arbRelease, (a, b) => {
          const byOrd = Math.sign(ordRelease.compare(a, b))
          const [ka, kb] = [releaseSortKey(a), releaseSortKey(b)]
          expect(ka < kb ? -1 : ka > kb ? 1 : 0).toBe(byOrd)
        }),
      )
    })

    it('ordRelease is a total order: antisymmetric and transitive', () => {
      fc.assert(
        fc.property(arbRelease, arbRelease, arbRelease, (a, b, c) => {
          expect(Math.sign(ordRelease.compare(a, b))).toBe(-Math.sign(ordRelease.compare(b, a)))
          if (ordRelease.compare(a, b) <= 0 && ordRelease.compare(b, c) <= 0)
            expect(ordRelease.compare(a, c)).toBeLessThanOrEqual(0)
        }),
      )
    })
  })

  describe('source tiers', () => {
    it('puts on-screen kinds in the canon tier and the others in their own tier', () => {
      expect((['episode', 'film', 'short', 'special'] as const).map((k) => tierOf(k))).toEqual([
        'on-screen',
        'on-screen',
        'on-screen',
        'on-screen',
      ])
      expect((['article', 'interview', 'production', 'tie-in'] as const).map(tierOf)).toEqual([
        'article',
        'interview',
        'production',
        'tie-in',
      ])
    })
  })
})
