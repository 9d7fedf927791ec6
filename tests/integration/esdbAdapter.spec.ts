import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendInChunks, chunkBySize } from '../../src/store/appendInChunks'
import { describeConnection, isEsdbConnectionString } from '../../src/store/esdb/connection'
import { esdbStore, openEsdbStore } from '../../src/store/esdb/esdbStore'
import { translateError } from '../../src/store/esdb/translateError'
import type { NewEvent } from '../../src/store/port'
import { describeStoreError, expectAny, expectExact, expectNoStream } from '../../src/store/port'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { right } from '../support/esdbLedger'

const anEvent = (data: unknown = { ok: true }): NewEvent => ({
  eventId: randomUUID(),
  type: 'Happened',
  data,
  metadata: { note: 'test' },
})
const ofSize = (bytes: number): NewEvent => anEvent({ blob: 'x'.repeat(bytes) })

let standIn: StandIn
beforeAll(async () => {
  standIn = await startStandIn()
})
afterAll(async () => {
  await standIn.stop()
})

describe('given an EventStoreDB connection string', () => {
  it('when the store names itself, then credentials are left out', () => {
    expect(describeConnection('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'esdb://node1:2113,node2:2113?tls=true',
    )
    expect(describeConnection('esdb+discover://u:p@cluster.local:2113')).toBe(
      'esdb+discover://cluster.local:2113',
    )
    expect(esdbStore('esdb://admin:changeit@127.0.0.1:1?tls=false').description).toBe(
      'esdb://127.0.0.1:1?tls=false',
    )
    expect(isEsdbConnectionString('esdb://x')).toBe(true)
    expect(isEsdbConnectionString('./canon.sqlite')).toBe(false)
  })
})

describe('given a connection string the client cannot parse', () => {
  it('when the store is opened, then it is refused as a StoreFailure naming the string, not thrown', async () => {
    const opened = await openEsdbStore('esdb://admin:secret@host:notaport?tls=false')()
    expect(E.isLeft(opened) && opened.left).toMatchObject({
      _tag: 'StoreFailure',
      store: 'esdb://host:notaport?tls=false',
    })
    if (E.isLeft(opened))
      expect(describeStoreError(opened.left)).toContain('invalid EventStoreDB connection string')
  })
})

describe('given vendor errors', () => {
  it('when a raw gRPC status 14 arrives (an unreachable server), then it is Unavailable', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 })
    expect(translateError({ store: 'esdb://h' })(raw)).toEqual({
      _tag: 'Unavailable',
      store: 'esdb://h',
      reason: '14 UNAVAILABLE: No connection established',
    })
  })
  it('when something unknown arrives, then it is a StoreFailure naming it', () => {
    expect(translateError({ store: 'esdb://h' })(new Error('boom'))).toEqual({
      _tag: 'StoreFailure',
      store: 'esdb://h',
      reason: 'boom',
    })
  })
})

describe('given the stand-in, whose $all holds system events', () => {
  it('when all is read, page by page, then system events are skipped and ours come in order', async () => {
    const store = esdbStore(standIn.connectionString, { allPageSize: 2 })
    try {
      const stream = `adapter-${randomUUID()}`
      const appended = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()]
      await right(store.appendToStream(stream, expectNoStream, appended), describeStoreError)
      expect(standIn.log.all.some((e) => e.stream.startsWith('$'))).toBe(true)
      const all = await right(store.readAll(), describeStoreError)
      expect(all.some((e) => e.stream.startsWith('$') || e.type.startsWith('$'))).toBe(false)
      const ours = all.filter((e) => e.stream === stream)
      expect(ours.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId))
      // Commit and prepare positions are equal here, so no separate prepare position is kept.
      expect(ours.every((e) => e.preparePosition === undefined)).toBe(true)
      const page = await right(
        store.readAll({ after: ours[1]!.globalPosition, maxCount: 3 }),
        describeStoreError,
      )
      expect(page.map((e) => e.eventId)).toEqual(appended.slice(2).map((e) => e.eventId))
    } finally {
      await store.close()
    }
  })
})

describe('given a tombstoned stream', () => {
  it('when it is appended to or read, then the refusal is StreamDeleted', async () => {
    const store = esdbStore(standIn.connectionString)
    try {
      const stream = `deleted-${randomUUID()}`
      await right(store.appendToStream(stream, expectNoStream, [anEvent()]), describeStoreError)
      await store.client.tombstoneStream(stream)
      const append = await store.appendToStream(stream, expectAny, [anEvent()])()
      expect(append).toEqual(E.left({ _tag: 'StreamDeleted', stream }))
      const read = await store.readStream(stream)()
      expect(read).toEqual(E.left({ _tag: 'StreamDeleted', stream }))
    } finally {
      await store.close()
    }
  })
})

describe('given the server limit of 1 MiB per append', () => {
  it('when one append is over it, then it is refused as AppendTooLarge and nothing is written', async () => {
    const store = esdbStore(standIn.connectionString)
    try {
      const stream = `large-${randomUUID()}`
      const events = [ofSize(600_000), ofSize(600_000)]
      const result = await store.appendToStream(stream, expectNoStream, events)()
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'AppendTooLarge',
        stream,
        limit: 1_048_576,
      })
      if (E.isLeft(result) && result.left._tag === 'AppendTooLarge')
        expect(result.left.bytes).toBeGreaterThan(1_200_000)
      expect(await right(store.readStream(stream), describeStoreError)).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('when an import is split into appends under the limit, then all events land in order', async () => {
    const store = esdbStore(standIn.connectionString)
    try {
      const stream = `split-${randomUUID()}`
      const events = Array.from({ length: 5 }, () => ofSize(400_000))
      expect(chunkBySize(events, 900 * 1024).map((c) => c.length)).toEqual([2, 2, 1])
      const result = await right(
        appendInChunks(store, stream, expectNoStream, events),
        describeStoreError,
      )
      expect(result).toMatchObject({ appends: 3, nextExpectedRevision: 4n })
      const read = await right(store.readStream(stream), describeStoreError)
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId))
      // Run again (as after a failure midway): the server recognises every part as written.
      const again = await right(
        appendInChunks(store, stream, expectNoStream, events),
        describeStoreError,
      )
      expect(again.nextExpectedRevision).toBe(4n)
      expect(await right(store.readStream(stream), describeStoreError)).toHaveLength(5)
      const stale = await appendInChunks(store, stream, expectExact(1n), [anEvent()])()
      expect(E.isLeft(stale) && stale.left._tag).toBe('WrongExpectedRevision')
    } finally {
      await store.close()
    }
  })
})

describe('given no server listening', () => {
  it('when the store is used, then every operation is refused as Unavailable', async () => {
    const down = await startStandIn()
    const store = esdbStore(down.connectionString)
    await down.stop()
    try {
      const stream = `down-${randomUUID()}`
      for (const result of [
        await store.appendToStream(stream, expectNoStream, [anEvent()])(),
        await store.readStream(stream)(),
        await store.readAll()(),
        await store.ping()(),
      ]) {
        expect(E.isLeft(result) && result.left._tag).toBe('Unavailable')
        if (E.isLeft(result))
          expect(describeStoreError(result.left)).toContain(down.connectionString)
      }
    } finally {
      await store.close()
    }
  })
})
