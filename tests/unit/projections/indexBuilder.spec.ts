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
})
