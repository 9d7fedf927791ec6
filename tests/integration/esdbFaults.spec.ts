import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeAppError } from '../../src/app/errors'
import { follow } from '../../src/app/follow'
import { execute, streamOf } from '../../src/app/ledger'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import type { NewEvent, RecordedEvent } from '../../src/store/port'
import { describeStoreError, expectExact, expectNoStream } from '../../src/store/port'
import { introduce, recordRelease, release } from '../support/builders'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { depsOver, right } from '../support/esdbLedger'

/** Resubscribe at once after a drop: the tests wait on statuses, never on time. */
const quickRetry = { backoff: () => 10 }

const anEvent = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'Happened',
  data: { i },
  metadata: { i },
})

/** Writes straight into the stand-in's log, as another node would while this client is cut off. */
const writeBehindTheClientsBack = (
  standIn: StandIn,
  stream: string,
  from: number,
  count: number,
) => {
  const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v))
  const outcome = standIn.log.append(
    stream,
    from === 0 ? { kind: 'no_stream' } : { kind: 'revision', revision: BigInt(from - 1) },
    Array.from({ length: count }, (_, k) => ({
      id: randomUUID(),
      type: 'Happened',
      contentType: 'application/json',
      data: encode({ i: from + k }),
      metadata: encode({ i: from + k }),
    })),
  )
  expect(outcome._tag).toBe('Written')
}

let standIn: StandIn
beforeEach(async () => {
  standIn = await startStandIn()
})
afterEach(async () => {
  await standIn.stop()
})

describe('given a follower subscribed to a stream', () => {
  it('when the server stops mid-subscription and comes back, then it resumes from its checkpoint: no event missed, none applied twice', async () => {
    const store = esdbStore(standIn.connectionString, quickRetry)
    const writer = esdbStore(standIn.connectionString)
    const stream = `faults-${randomUUID()}`
    const applied: RecordedEvent[] = []
    const follower = follow({ store, stream, apply: (e) => void applied.push(e) })
    try {
      await right(
        writer.appendToStream(stream, expectNoStream, [0, 1, 2].map(anEvent)),
        describeStoreError,
      )
      await follower.until((s) => s.state === 'live' && s.applied === 2n)

      await standIn.stop()
      const dropped = await follower.until((s) => s.state === 'retrying')
      expect(dropped.lastError).toMatch(/unavailable|failed/)
      writeBehindTheClientsBack(standIn, stream, 3, 2)
      await standIn.start()
      await follower.until((s) => s.state === 'live' && s.applied === 4n)

      await right(writer.appendToStream(stream, expectExact(4n), [anEvent(5)]), describeStoreError)
      const last = await follower.until((s) => s.state === 'live' && s.applied === 5n)

      expect(applied.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n])
      expect(applied.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5])
      const stored = await right(writer.readStream(stream), describeStoreError)
      expect(applied.map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId))
      expect(last.behind).toBe(0n)
    } finally {
      await follower.stop()
      await Promise.all([store.close(), writer.close()])
    }
  })

  it('when the server stops twice before the follower catches up, then it still applies each event exactly once', async () => {
    const store = esdbStore(standIn.connectionString, quickRetry)
    const stream = `faults-${randomUUID()}`
    const applied: bigint[] = []
    writeBehindTheClientsBack(standIn, stream, 0, 3)
    const follower = follow({
      store,
      stream,
      after: 0n,
      apply: (e) => void applied.push(e.revision),
    })
    try {
      await follower.until((s) => s.applied === 2n)
      for (const from of [3, 5]) {
        await standIn.stop()
        await follower.until((s) => s.state === 'retrying')
        writeBehindTheClientsBack(standIn, stream, from, 2)
        await standIn.start()
        await follower.until((s) => s.state === 'live' && s.applied === BigInt(from + 1))
      }
      expect(applied).toEqual([1n, 2n, 3n, 4n, 5n, 6n])
    } finally {
      await follower.stop()
      await store.close()
    }
  })
})

describe('given the server is down', () => {
  it('when an append is tried, then it fails cleanly as Unavailable, and the same append succeeds on retry exactly once', async () => {
    const store = esdbStore(standIn.connectionString)
    const stream = `outage-${randomUUID()}`
    const events = [0, 1].map(anEvent)
    try {
      await standIn.stop()
      const during = await store.appendToStream(stream, expectNoStream, events)()
      expect(E.isLeft(during) && during.left._tag).toBe('Unavailable')
      await standIn.start()
      expect(standIn.log.eventsOf(stream)).toEqual([])
      const retried = await right(
        store.appendToStream(stream, expectNoStream, events),
        describeStoreError,
      )
      expect(retried.nextExpectedRevision).toBe(1n)
      const read = await right(store.readStream(stream), describeStoreError)
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId))
    } finally {
      await store.close()
    }
  })
})

describe('given an append whose answer is lost after the server wrote it', () => {
  it('when the same append is retried with the same expected revision, then the deterministic ids make it land exactly once', async () => {
    const store = esdbStore(standIn.connectionString)
    const stream = `lost-answer-${randomUUID()}`
    const events = [0, 1, 2].map(anEvent)
    try {
      standIn.faults.loseNextAppendAnswer = true
      const lost = await store.appendToStream(stream, expectNoStream, events)()
      expect(E.isLeft(lost) && lost.left._tag).toBe('Unavailable')
      expect(standIn.log.eventsOf(stream)).toHaveLength(3)
      const retried = await right(
        store.appendToStream(stream, expectNoStream, events),
        describeStoreError,
      )
      expect(retried.nextExpectedRevision).toBe(2n)
      expect(await right(store.readStream(stream), describeStoreError)).toHaveLength(3)
    } finally {
      await store.close()
    }
  })

  it('when the release is recorded again through the ledger, then it is recognised as recorded and the ledger is unchanged', async () => {
    const store = esdbStore(standIn.connectionString)
    const deps = depsOver(store, `lost-${randomUUID().slice(0, 8)}`)
    const command = recordRelease(
      release('pic-s1e01', { date: '2020-01-23', title: 'Remembrance', season: 1, episode: 1 }),
      introduce('person/commodore-oh', 'Commodore Oh'),
    )
    try {
      standIn.faults.loseNextAppendAnswer = true
      const lost = await execute(deps, [{ command, source: 'a.yaml' }])()
      expect(E.isLeft(lost) && lost.left._tag).toBe('Store')
      const stored = standIn.log.eventsOf(streamOf(deps.universe))
      expect(stored).toHaveLength(1)
      const again = await right(execute(deps, [{ command, source: 'a.yaml' }]), describeAppError)
      expect(again).toMatchObject({ appended: [], unchanged: 1 })
      expect(standIn.log.eventsOf(streamOf(deps.universe))).toEqual(stored)
    } finally {
      await store.close()
    }
  })
})
