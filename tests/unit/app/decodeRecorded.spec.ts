import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LedgerEvent } from '../../../src/domain/events'
import { decodeRecorded } from '../../../src/app/ledger'
import type { RecordedEvent } from '../../../src/store/port'
import { randomLedger } from '../../support/randomLedger'

/**
 * `decodeRecorded` trusts the codec's guard: data that passes `LedgerEvent.is` is taken as its
 * own decoding, and only data that fails is decoded (for the reasons). That is sound only while
 * the codecs transform nothing: these properties pin it, on events as a store hands them back
 * (JSON text parsed) and on the same events with one value replaced or removed.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** Every path to a value inside a JSON document (the root excluded). */
const pathsOf = (
  doc: Json,
  prefix: ReadonlyArray<string | number> = [],
): Array<Array<string | number>> => {
  if (doc === null || typeof doc !== 'object') return []
  const entries: Array<[string | number, Json]> = Array.isArray(doc)
    ? doc.map((v, i) => [i, v])
    : Object.entries(doc)
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])])
}

/** The document with the value at `path` replaced (or removed, for `undefined`). */
const withValueAt = (
  doc: Json,
  path: ReadonlyArray<string | number>,
  value: Json | undefined,
): Json => {
  const copy = JSON.parse(JSON.stringify(doc)) as Json
  let parent = copy as Record<string | number, Json>
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>
  const last = path[path.length - 1] as string | number
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else parent[last] = value
  return copy
}

const storedEvents: ReadonlyArray<Json> = [1, 2, 3].flatMap((seed) =>
  randomLedger(seed, 6).map((r) => JSON.parse(JSON.stringify(LedgerEvent.encode(r.event))) as Json),
)

const asStored = (data: Json, revision = 0n): RecordedEvent => ({
  stream: 'canon-test',
  eventId: '00000000-0000-5000-a000-000000000000',
  revision,
  globalPosition: revision,
  type:
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    typeof data._tag === 'string'
      ? data._tag
      : '',
  data,
  metadata: { hash: 'h', prevHash: 'p', recordedAt: '2026-01-01T00:00:00.000Z' },
})

describe('decoding a stored event through the guard', () => {
  it('given events as a store returns them, when decoded, then each is its own decoding', () => {
    for (const data of storedEvents) {
      const decoded = LedgerEvent.decode(data)
      expect(E.isRight(decoded) && decoded.right === data).toBe(true)
      const recorded = decodeRecorded(asStored(data))
      expect(E.isRight(recorded) && recorded.right.event === data).toBe(true)
    }
  })

  it('given one value replaced or removed, when checked, then the guard and the decoder agree', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: storedEvents.length - 1 }),
        fc.nat(),
        fc.option(fc.jsonValue() as fc.Arbitrary<Json>, { nil: undefined }),
        (which, at, replacement) => {
          const doc = storedEvents[which] as Json
          const paths = pathsOf(doc)
          const mutated = withValueAt(doc, paths[at % paths.length] ?? [], replacement)
          const decoded = LedgerEvent.decode(mutated)
          // Agreement, and no transformation: a valid document decodes to itself.
          expect(LedgerEvent.is(mutated)).toBe(E.isRight(decoded))
          if (E.isRight(decoded)) expect(decoded.right).toBe(mutated)
          // The use case answers as the decoder does: the event itself, or the decoder's reasons.
          const recorded = decodeRecorded(asStored(mutated, 7n))
          if (E.isRight(decoded)) {
            if (E.isRight(recorded)) expect(recorded.right.event).toBe(mutated)
            else expect(recorded.left).toMatchObject({ _tag: 'CorruptEvent', position: 7n })
          } else
            expect(recorded).toMatchObject({
              _tag: 'Left',
              left: { _tag: 'CorruptEvent', position: 7n },
            })
        },
      ),
      { numRuns: 400 },
    )
  })
})
