import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAppError } from '../../src/app/errors'
import type { FollowStatus, Follower } from '../../src/app/follow'
import { follow, lagHeaderValue } from '../../src/app/follow'
import { execute, streamOf } from '../../src/app/ledger'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import { memoryStore } from '../../src/store/memory/memoryStore'
import type { EventStore, RecordedEvent } from '../../src/store/port'
import { describeStoreError } from '../../src/store/port'
import { introduce, recordRelease, release } from '../support/builders'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { depsOver, openSqlite, right, tempDir } from '../support/esdbLedger'

const stream = streamOf(depsOver(memoryStore()).universe)

const children = recordRelease(
  release('st-children-of-mars', { date: '2020-01-09', title: 'Children of Mars' }),
  introduce('event/mars-attack', 'Mars Attack'),
)
const remembrance = recordRelease(
  release('pic-s1e01', { date: '2020-01-23', title: 'Remembrance', season: 1, episode: 1 }),
  introduce('person/commodore-oh', 'Commodore Oh'),
)

/** A follower that records what it applied, in order. */
const recordingFollower = (store: EventStore, after?: bigint) => {
  const applied: RecordedEvent[] = []
  const follower = follow({
    store,
    stream,
    ...(after === undefined ? {} : { after }),
    apply: (e) => {
      applied.push(e)
    },
    pollIntervalMs: 20,
  })
  return { follower, applied }
}

const appliedThrough = (f: Follower, revision: bigint): Promise<FollowStatus> =>
  f.until((s) => s.state === 'live' && s.applied !== undefined && s.applied >= revision)

/** Two handles on one store, as two query servers would have. */
interface TwoHandles {
  readonly kind: string
  readonly open: () => Promise<{
    readonly a: EventStore
    readonly b: EventStore
    readonly close: () => Promise<void>
  }>
}

let standIn: StandIn
const sqlite = tempDir()
beforeAll(async () => {
  standIn = await startStandIn()
})
afterAll(async () => {
  await standIn.stop()
  sqlite.remove()
})

const kinds: ReadonlyArray<TwoHandles> = [
  {
    kind: 'memory (polling)',
    open: () => {
      const store = memoryStore()
      return Promise.resolve({ a: store, b: store, close: () => store.close() })
    },
  },
  {
    kind: 'SQLite, one file opened twice (polling)',
    open: async () => {
      const path = join(sqlite.dir, `follow-${randomUUID()}.sqlite`)
      const [a, b] = [await openSqlite(path), await openSqlite(path)]
      return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) }
    },
  },
  {
    kind: 'EventStoreDB stand-in, two clients (subscription)',
    open: () => {
      const [a, b] = [esdbStore(standIn.connectionString), esdbStore(standIn.connectionString)]
      return Promise.resolve({
        a,
        b,
        close: async () => void (await Promise.all([a.close(), b.close()])),
      })
    },
  },
]

describe('given two followers on one store', () => {
  for (const { kind, open } of kinds) {
    it(`when a release is appended through either (${kind}), then both followers apply it once, in order`, async () => {
      const { a, b, close } = await open()
      // The EventStoreDB stand-in is shared by the tests: each test starts after what is there.
      const start = (await right(a.readStream(stream), describeStoreError)).length
      const after = start === 0 ? undefined : BigInt(start - 1)
      const one = recordingFollower(a, after)
      const two = recordingFollower(b, after)
      try {
        await Promise.all([
          one.follower.until((s) => s.state === 'live'),
          two.follower.until((s) => s.state === 'live'),
        ])
        await right(execute(depsOver(a), [{ command: children, source: 'a' }]), describeAppError)
        await Promise.all([
          appliedThrough(one.follower, BigInt(start)),
          appliedThrough(two.follower, BigInt(start)),
        ])
        await right(execute(depsOver(b), [{ command: remembrance, source: 'b' }]), describeAppError)
        const [s1, s2] = await Promise.all([
          appliedThrough(one.follower, BigInt(start + 1)),
          appliedThrough(two.follower, BigInt(start + 1)),
        ])
        const stored = (await right(a.readStream(stream), describeStoreError)).slice(start)
        for (const f of [one, two]) {
          expect(f.applied.map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId))
          expect(f.applied.map((e) => e.type)).toEqual(['ReleaseRecorded', 'ReleaseRecorded'])
        }
        for (const s of [s1, s2]) expect(s.behind).toBe(0n)
        expect(one.follower.status().mode).toBe(
          kind.includes('subscription') ? 'subscription' : 'polling',
        )
      } finally {
        await Promise.all([one.follower.stop(), two.follower.stop()])
        await close()
      }
    })
  }
})

describe('given a follower resuming from a checkpoint', () => {
  it('when it starts after revision 0, then it applies only the later events', async () => {
    const store = memoryStore()
    await right(execute(depsOver(store), [{ command: children, source: 'x' }]), describeAppError)
    await right(execute(depsOver(store), [{ command: remembrance, source: 'y' }]), describeAppError)
    const { follower, applied } = recordingFollower(store, 0n)
    await appliedThrough(follower, 1n)
    await follower.stop()
    expect(applied.map((e) => e.revision)).toEqual([1n])
    expect(follower.status().state).toBe('stopped')
  })
})

describe('given follower statuses', () => {
  const base: FollowStatus = {
    mode: 'subscription',
    state: 'live',
    applied: 41n,
    head: 41n,
    behind: 0n,
    currentAt: new Date('2026-01-01T00:00:00.000Z'),
    lastError: undefined,
  }
  it('when live, then the lag header says so with the revision and the age', () => {
    expect(lagHeaderValue(base, new Date('2026-01-01T00:00:01.500Z'))).toBe(
      'live; behind=0; revision=41; age-ms=1500',
    )
  })
  it('when retrying with an unknown head on an empty ledger, then unknowns read as ? and none', () => {
    expect(
      lagHeaderValue(
        {
          ...base,
          state: 'retrying',
          applied: undefined,
          head: undefined,
          behind: undefined,
          currentAt: undefined,
        },
        new Date(),
      ),
    ).toBe('retrying; behind=?; revision=none; age-ms=?')
  })
})
