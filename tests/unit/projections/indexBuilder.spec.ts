import { describe, expect, it } from 'vitest'
import type { Recorded } from '../../../src/domain/events'
import { allSources } from '../../../src/domain/canonPolicy'
import type { StoredEvent } from '../../../projections/indexed/storedEvents'
import { indexBuilder, indexedReader } from '../../../projections/indexed/reader'
import { generatedLedger } from '../../support/generatedLedger'

/** An event as a store gives it back: its data through JSON, as stored. */
const stored = (r: Recorded): StoredEvent => ({
  position: r.position,
  recordedAt: r.recordedAt,
  hash: r.hash,
  prevHash: r.prevHash,
  type: r.event._tag,
  data: JSON.parse(JSON.stringify(r.event)) as unknown,
})

const at = { release: { _tag: 'Latest' as const }, policy: allSources }

describe('given events as a store holds them (JSON)', () => {
  const g = generatedLedger(20261207, 16)

  describe('when an index is built from them one by one', () => {
    it('then its reader answers as the reader of the decoded events does', () => {
      const builder = indexBuilder()
      for (const e of g.recorded) expect(builder.add(stored(e))).toBe(true)
      const built = builder.reader()
      const decoded = indexedReader(g.recorded)
      expect(built.head).toEqual(decoded.head)
      expect(built.history({ at, page: { limit: 1000 } })).toEqual(
        decoded.history({ at, page: { limit: 1000 } }),
      )
      for (const entity of g.entities)
        expect(built.entity({ entity, at })).toEqual(decoded.entity({ entity, at }))
    })
  })

  describe('when an event is not a ledger event (a change with a value of no known shape, a type that does not match)', () => {
    it('then it is refused and nothing of it is filed', () => {
      const builder = indexBuilder()
      const first = g.recorded.map(stored).find((e) => e.type === 'ReleaseRecorded')
      if (first === undefined) throw new Error('a ledger without releases')
      const bad = {
        ...first,
        data: {
          ...(first.data as object),
          changes: [
            {
              _tag: 'Asserted',
              claim: 'c',
              subject: 'thing/x',
              predicate: 'p',
              value: { _tag: 'Colour' },
            },
          ],
        },
      }
      expect(builder.add(bad)).toBe(false)
      expect(builder.add({ ...first, type: 'EntryCorrected' })).toBe(false)
      expect(builder.reader().head).toEqual({ position: -1n, hash: '' })
      expect(builder.add(first)).toBe(true)
      expect(builder.reader().head.position).toBe(first.position)
    })
  })

  describe('when a change carries an account of no known shape, or a change in the story a time of none', () => {
    it('then the event is refused', () => {
      const first = g.recorded.map(stored).find((e) => e.type === 'ReleaseRecorded')
      if (first === undefined) throw new Error('a ledger without releases')
      const withChanges = (changes: ReadonlyArray<unknown>) => ({
        ...first,
        data: { ...(first.data as object), changes },
      })
      const builder = indexBuilder()
      expect(
        builder.add(
          withChanges([{ _tag: 'Confirmed', claim: 'c', account: { by: [], as: 'said' } }]),
        ),
      ).toBe(false)
      expect(
        builder.add(withChanges([{ _tag: 'StoryChanged', claim: 'c', from: { _tag: 'Soon' } }])),
      ).toBe(false)
      expect(builder.reader().head).toEqual({ position: -1n, hash: '' })
    })
  })
})

describe('given a ledger that declares calendars and changes facts in the story', () => {
  const g = [20261207, 1, 2, 3, 4, 5]
    .map((seed) => generatedLedger(seed, 16))
    .find((l) => l.recorded.some((r) => r.event._tag === 'CalendarDeclared'))

  describe('when an index is built from its events as stored', () => {
    it('then every event is filed, and the reader answers as the reader of the decoded events', () => {
      if (g === undefined) throw new Error('no generated ledger declares a calendar')
      const builder = indexBuilder()
      for (const e of g.recorded) expect(builder.add(stored(e))).toBe(true)
      const built = builder.reader()
      const decoded = indexedReader(g.recorded)
      expect(built.head).toEqual(decoded.head)
      expect(built.timeline({ at, page: { limit: 1000 } })).toEqual(
        decoded.timeline({ at, page: { limit: 1000 } }),
      )
    })
  })
})
