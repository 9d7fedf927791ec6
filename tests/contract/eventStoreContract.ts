import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import type {
  AppendResult,
  EventStore,
  NewEvent,
  RecordedEvent,
  StoreError,
  StreamName,
} from '../../src/store/port'
import { describeStoreError, expectAny, expectExact, expectNoStream } from '../../src/store/port'

/**
 * THE contract of the EventStore port, as one suite that every adapter runs with its own factory
 * (memory, SQLite, EventStoreDB). It has no per-adapter knob: where adapters differed (revision
 * numbering), the port was fixed instead.
 *
 * Every test opens a fresh store from the factory and gives it back through `cleanup` (which
 * closes it and removes what it made). Stream names and event ids are unique per test, and reads
 * of `$all` look only at the test's own streams, so the suite also runs against a shared server
 * that holds other data (a real EventStoreDB).
 */
export type EventStoreFactory = () => Promise<{
  readonly store: EventStore
  readonly cleanup: () => Promise<void>
}>

// ---- helpers -------------------------------------------------------------------------------

const succeeded = async <A>(te: TE.TaskEither<StoreError, A>): Promise<A> => {
  const result = await te()
  if (E.isLeft(result)) throw new Error(`expected success, got: ${describeStoreError(result.left)}`)
  return result.right
}

const refused = async <A>(te: TE.TaskEither<StoreError, A>): Promise<StoreError> => {
  const result = await te()
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${String(result.right)}`)
  return result.left
}

/** A stream name no other test (nor an earlier run on a shared server) uses. */
const freshStream = (label: string): StreamName => `contract_${label}-${randomUUID()}`

const anEvent = (type: string, data: unknown, metadata: unknown = { note: type }): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
})

const events = (label: string, count: number): ReadonlyArray<NewEvent> =>
  Array.from({ length: count }, (_, i) => anEvent(`${label}Happened`, { label, i }))

/** Given a stream holding `count` events (revisions 0n .. count-1n). */
const givenStream = async (store: EventStore, label: string, count: number) => {
  const stream = freshStream(label)
  const appended = events(label, count)
  const result = await succeeded(store.appendToStream(stream, expectNoStream, appended))
  return { stream, appended, result }
}

const readAllOf = async (
  store: EventStore,
  streams: ReadonlyArray<StreamName>,
  options: { readonly after?: bigint; readonly maxCount?: number } = {},
): Promise<ReadonlyArray<RecordedEvent>> =>
  (await succeeded(store.readAll(options))).filter((e) => streams.includes(e.stream))

/** What a reader sees of the stream and of its events in `$all`: compared before and after. */
const snapshot = async (store: EventStore, stream: StreamName) => ({
  stream: await succeeded(store.readStream(stream)),
  all: await readAllOf(store, [stream]),
})

const wrongRevision = (
  stream: StreamName,
  expected: Parameters<EventStore['appendToStream']>[1],
  actual: bigint | 'no_stream',
): StoreError => ({ _tag: 'WrongExpectedRevision', stream, expected, actual })

/** The JSON a ledger event carries at its worst: nesting, unicode, odd keys, big strings. */
const awkwardData = (): Record<string, unknown> => {
  let deep: unknown = { leaf: 'bottom' }
  for (let i = 0; i < 40; i += 1) deep = { level: i, next: deep, list: [i, deep === null] }
  return {
    text: 'Mars Attack — First Contact Day, 2385-04-05',
    unicode: 'Ünïcödé · 日本語 · עברית · 🖖🏽 · e\u0301 · "quotes" \\ back\\slash \n\t\r\u0000\u2028',
    keys: { 'with space': 1, 'with.dot': 2, ключ: 3, '': 4, '🖖': 5 },
    numbers: [0, -1, 92000, 20000, 0.1, -2.5e-7, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER],
    flags: [true, false, null],
    empty: { object: {}, array: [], string: '' },
    mixed: [1, 'two', { three: [3] }, [[4]], null],
    big: 'x'.repeat(100_000) + 'é'.repeat(50_000),
    deep,
  }
}

// ---- the suite -----------------------------------------------------------------------------

export const describeEventStoreContract = (name: string, factory: EventStoreFactory): void => {
  const withStore = (test: (store: EventStore) => Promise<void>) => async () => {
    const { store, cleanup } = await factory()
    try {
      await test(store)
    } finally {
      await cleanup()
    }
  }

  describe(`EventStore contract: ${name}`, () => {
    describe('given an open store', () => {
      it(
        'when pinged, then it answers and names itself',
        withStore(async (store) => {
          await succeeded(store.ping())
          expect(store.description.length).toBeGreaterThan(0)
        }),
      )
    })

    describe('given a stream that was never written', () => {
      it(
        'when it is read, then it reads empty (from any revision)',
        withStore(async (store) => {
          const stream = freshStream('never')
          expect(await succeeded(store.readStream(stream))).toEqual([])
          expect(await succeeded(store.readStream(stream, { fromRevision: 3n }))).toEqual([])
          expect(await readAllOf(store, [stream])).toEqual([])
        }),
      )

      it(
        'when events are appended expecting no stream, then they take revisions 0n, 1n, 2n and the result names the last',
        withStore(async (store) => {
          const stream = freshStream('first')
          const appended = events('first', 3)
          const result = await succeeded(store.appendToStream(stream, expectNoStream, appended))
          const read = await succeeded(store.readStream(stream))
          expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n])
          expect(read.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId))
          expect(read.every((e) => e.stream === stream)).toBe(true)
          expect(result).toEqual<AppendResult>({
            nextExpectedRevision: 2n,
            globalPosition: read[2]!.globalPosition,
          })
        }),
      )

      it(
        'when an event is appended expecting any revision, then it takes revision 0n',
        withStore(async (store) => {
          const stream = freshStream('any')
          const result = await succeeded(store.appendToStream(stream, expectAny, events('any', 1)))
          expect(result.nextExpectedRevision).toBe(0n)
          expect((await succeeded(store.readStream(stream))).map((e) => e.revision)).toEqual([0n])
        }),
      )

      it(
        "when an append expects an exact revision, then it is refused with 'no_stream' and nothing is written",
        withStore(async (store) => {
          const stream = freshStream('exact')
          const error = await refused(
            store.appendToStream(stream, expectExact(0n), events('exact', 2)),
          )
          expect(error).toEqual(wrongRevision(stream, expectExact(0n), 'no_stream'))
          expect(await snapshot(store, stream)).toEqual({ stream: [], all: [] })
        }),
      )

      it(
        'when zero events are appended expecting no stream, then it is accepted with -1n and the stream stays empty',
        withStore(async (store) => {
          const stream = freshStream('zero')
          const result = await succeeded(store.appendToStream(stream, expectNoStream, []))
          expect(result).toEqual<AppendResult>({ nextExpectedRevision: -1n, globalPosition: -1n })
          expect(await snapshot(store, stream)).toEqual({ stream: [], all: [] })
        }),
      )

      it(
        'when zero events are appended expecting an exact revision, then it is refused like any append',
        withStore(async (store) => {
          const stream = freshStream('zero')
          const error = await refused(store.appendToStream(stream, expectExact(0n), []))
          expect(error).toEqual(wrongRevision(stream, expectExact(0n), 'no_stream'))
        }),
      )
    })

    describe('given a stream of three events', () => {
      it(
        'when appending expecting its last revision (2n), then the events follow at 3n and 4n',
        withStore(async (store) => {
          const { stream } = await givenStream(store, 'exact', 3)
          const result = await succeeded(
            store.appendToStream(stream, expectExact(2n), events('more', 2)),
          )
          const read = await succeeded(store.readStream(stream))
          expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n])
          expect(result).toEqual<AppendResult>({
            nextExpectedRevision: 4n,
            globalPosition: read[4]!.globalPosition,
          })
        }),
      )

      it(
        'when appending expecting any revision, then the event follows at 3n',
        withStore(async (store) => {
          const { stream } = await givenStream(store, 'any', 3)
          const result = await succeeded(store.appendToStream(stream, expectAny, events('x', 1)))
          expect(result.nextExpectedRevision).toBe(3n)
          const read = await succeeded(store.readStream(stream))
          expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n])
        }),
      )

      for (const [label, expected] of [
        ['no stream', expectNoStream],
        ['a stale revision (1n)', expectExact(1n)],
        ['a revision ahead of it (5n)', expectExact(5n)],
      ] as const) {
        it(
          `when an append of two events expects ${label}, then it is refused with the actual revision 2n and the stream is identical`,
          withStore(async (store) => {
            const { stream } = await givenStream(store, 'refused', 3)
            const before = await snapshot(store, stream)
            const rejected = events('rejected', 2)
            const error = await refused(store.appendToStream(stream, expected, rejected))
            expect(error).toEqual(wrongRevision(stream, expected, 2n))
            expect(await snapshot(store, stream)).toEqual(before)
            const ids = (await succeeded(store.readAll())).map((e) => e.eventId)
            expect(rejected.filter((e) => ids.includes(e.eventId))).toEqual([])
          }),
        )
      }

      it(
        'when zero events are appended expecting 2n, then it answers the stream as it stands and changes nothing',
        withStore(async (store) => {
          const { stream, result: given } = await givenStream(store, 'zero', 3)
          const before = await snapshot(store, stream)
          const result = await succeeded(store.appendToStream(stream, expectExact(2n), []))
          expect(result).toEqual(given)
          expect(result.globalPosition).toBe(before.stream[2]!.globalPosition)
          expect(await snapshot(store, stream)).toEqual(before)
        }),
      )

      it(
        'when zero events are appended expecting a stale revision, then it is refused with 2n',
        withStore(async (store) => {
          const { stream } = await givenStream(store, 'zero', 3)
          const error = await refused(store.appendToStream(stream, expectExact(0n), []))
          expect(error).toEqual(wrongRevision(stream, expectExact(0n), 2n))
        }),
      )

      it(
        'when read from a revision and with a maximum count, then it answers that window in revision order',
        withStore(async (store) => {
          const { stream } = await givenStream(store, 'window', 3)
          const revisions = async (options: { fromRevision?: bigint; maxCount?: number }) =>
            (await succeeded(store.readStream(stream, options))).map((e) => e.revision)
          expect(await revisions({})).toEqual([0n, 1n, 2n])
          expect(await revisions({ fromRevision: 1n })).toEqual([1n, 2n])
          expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n])
          expect(await revisions({ fromRevision: 1n, maxCount: 1 })).toEqual([1n])
          expect(await revisions({ fromRevision: 2n, maxCount: 10 })).toEqual([2n])
          expect(await revisions({ fromRevision: 3n })).toEqual([])
        }),
      )
    })

    describe('given two appends of several events each', () => {
      it(
        'when they are issued at once to two streams, then each lands whole, its events contiguous in commit order',
        withStore(async (store) => {
          const [a, b] = [freshStream('atomicA'), freshStream('atomicB')]
          const [forA, forB] = [events('atomicA', 4), events('atomicB', 4)]
          await Promise.all([
            succeeded(store.appendToStream(a, expectNoStream, forA)),
            succeeded(store.appendToStream(b, expectNoStream, forB)),
          ])
          const all = await readAllOf(store, [a, b])
          expect(all).toHaveLength(8)
          const order = all.map((e) => e.stream)
          const firstStream = order[0]!
          // Not interleaved: all of one append, then all of the other.
          expect(order.slice(0, 4).every((s) => s === firstStream)).toBe(true)
          expect(order.slice(4).every((s) => s !== firstStream)).toBe(true)
          for (const [stream, appended] of [
            [a, forA],
            [b, forB],
          ] as const) {
            const read = await succeeded(store.readStream(stream))
            expect(read.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId))
            expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n])
          }
        }),
      )
    })

    describe('given appends to stream A, then B, then A again', () => {
      const given = async (store: EventStore) => {
        const [a, b] = [freshStream('orderA'), freshStream('orderB')]
        const results = [
          await succeeded(store.appendToStream(a, expectNoStream, events('a', 2))),
          await succeeded(store.appendToStream(b, expectNoStream, events('b', 1))),
          await succeeded(store.appendToStream(a, expectExact(1n), events('a', 1))),
        ]
        return { a, b, results }
      }

      it(
        'when all is read, then the events come in commit order with increasing global positions',
        withStore(async (store) => {
          const { a, b, results } = await given(store)
          const all = await readAllOf(store, [a, b])
          expect(all.map((e) => [e.stream, e.revision])).toEqual([
            [a, 0n],
            [a, 1n],
            [b, 0n],
            [a, 2n],
          ])
          const positions = all.map((e) => e.globalPosition)
          expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true)
          expect(results.map((r) => r.globalPosition)).toEqual([
            positions[1],
            positions[2],
            positions[3],
          ])
          const a0 = (await succeeded(store.readStream(a)))[0]!
          expect(all[0]).toEqual(a0)
        }),
      )

      it(
        'when all is read after a position, then only the later events come',
        withStore(async (store) => {
          const { a, b } = await given(store)
          const all = await readAllOf(store, [a, b])
          const after = await readAllOf(store, [a, b], { after: all[1]!.globalPosition })
          expect(after).toEqual(all.slice(2))
          const afterLast = await readAllOf(store, [a, b], { after: all[3]!.globalPosition })
          expect(afterLast).toEqual([])
        }),
      )

      it(
        'when all is read after a position with a maximum count, then it answers at most that many of the next events',
        withStore(async (store) => {
          const { a, b } = await given(store)
          const all = await readAllOf(store, [a, b])
          const after = all[0]!.globalPosition
          const page = await succeeded(store.readAll({ after, maxCount: 2 }))
          expect(page).toHaveLength(2)
          expect(page.every((e) => e.globalPosition > after)).toBe(true)
          expect(page[1]!.globalPosition).toBeGreaterThan(page[0]!.globalPosition)
          // On a store of its own the page is exactly A1, B0; on a shared one others may come first.
          const ours = page.filter((e) => e.stream === a || e.stream === b)
          expect(ours).toEqual(all.slice(1, 1 + ours.length))
        }),
      )
    })

    describe('given events whose data and metadata are awkward JSON', () => {
      it(
        'when they are read back by stream and from all, then data, metadata, type and id are exactly as appended',
        withStore(async (store) => {
          const stream = freshStream('roundTrip')
          const appended = [
            anEvent('Awkward', awkwardData(), { schema: 1, quote: '“over 92,000”', nested: [{}] }),
            anEvent('Plain.Type-2', { ok: true }, { recordedAt: '2026-11-24T19:00:00.000Z' }),
          ]
          await succeeded(store.appendToStream(stream, expectNoStream, appended))
          const expected = appended.map((e, i) => ({ ...e, stream, revision: BigInt(i) }))
          const read = await succeeded(store.readStream(stream))
          expect(read.map(({ globalPosition: _, ...rest }) => rest)).toEqual(expected)
          expect(await readAllOf(store, [stream])).toEqual(read)
        }),
      )

      it(
        'when they are read asking for their text, then they read the same, and any text given parses to the data',
        withStore(async (store) => {
          const stream = freshStream('withText')
          const appended = [anEvent('Awkward', awkwardData(), { schema: 1 }), anEvent('Plain', 7)]
          await succeeded(store.appendToStream(stream, expectNoStream, appended))
          const plain = await succeeded(store.readStream(stream))
          const withText = await succeeded(store.readStream(stream, { withText: true }))
          expect(withText.map(({ dataText: _, ...rest }) => rest)).toEqual(plain)
          for (const e of withText)
            if (e.dataText !== undefined) expect(JSON.parse(e.dataText)).toEqual(e.data)
        }),
      )

      it(
        'when the caller changes the appended or the read objects afterwards, then the stored events do not change',
        withStore(async (store) => {
          const stream = freshStream('aliasing')
          const data = { list: [1, 2], inner: { name: 'Oh' } }
          await succeeded(
            store.appendToStream(stream, expectNoStream, [anEvent('Aliased', data, { m: [1] })]),
          )
          data.list.push(3)
          data.inner.name = 'Nedar'
          const first = await succeeded(store.readStream(stream))
          ;(first[0]!.data as { list: number[] }).list.push(4)
          const again = await succeeded(store.readStream(stream))
          expect(again[0]!.data).toEqual({ list: [1, 2], inner: { name: 'Oh' } })
        }),
      )
    })

    describe('given two writers that read the same revision', () => {
      it(
        'when both append expecting that revision at once, then exactly one wins and the other is told the new revision',
        withStore(async (store) => {
          const { stream } = await givenStream(store, 'race', 1)
          const [one, two] = [anEvent('One', { w: 1 }), anEvent('Two', { w: 2 })]
          const outcomes = await Promise.all([
            store.appendToStream(stream, expectExact(0n), [one])(),
            store.appendToStream(stream, expectExact(0n), [two])(),
          ])
          const wins = outcomes.filter(E.isRight)
          const losses = outcomes.filter(E.isLeft)
          expect(wins).toHaveLength(1)
          expect(losses.map((l) => l.left)).toEqual([wrongRevision(stream, expectExact(0n), 1n)])
          const winner = E.isRight(outcomes[0]) ? one : two
          const read = await succeeded(store.readStream(stream))
          expect(read.map((e) => e.revision)).toEqual([0n, 1n])
          expect(read[1]!.eventId).toBe(winner.eventId)
        }),
      )

      it(
        'when both create the stream expecting no stream at once, then exactly one wins',
        withStore(async (store) => {
          const stream = freshStream('raceNew')
          const outcomes = await Promise.all([
            store.appendToStream(stream, expectNoStream, events('one', 2))(),
            store.appendToStream(stream, expectNoStream, events('two', 2))(),
          ])
          expect(outcomes.filter(E.isRight)).toHaveLength(1)
          expect(outcomes.filter(E.isLeft).map((l) => l.left)).toEqual([
            wrongRevision(stream, expectNoStream, 1n),
          ])
          expect(await succeeded(store.readStream(stream))).toHaveLength(2)
        }),
      )
    })
  })
}
