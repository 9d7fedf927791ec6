import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HistoryAnswer, ReleasesAnswer } from '../../projections/port/answers'
import { lagHeaderName } from '../../src/app/follow'
import type { CanonApp } from '../../src/http/app'
import { createApp } from '../../src/http/app'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import type { EventStore } from '../../src/store/port'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { depsOver, openSqlite, tempDir } from '../support/esdbLedger'
import { bearer, get, post, token } from './http/support'

/**
 * Live projections: two query servers on one store each follow it, so a release appended
 * through either is seen by the other; every read says in Canon-Lag how current it is.
 * Waits poll until the expected answer appears (bounded only by the test timeout).
 */

const generous = 30_000

const aRelease = (id: string, date: string) => ({
  id,
  title: `Episode ${id}`,
  series: 'Star Trek: Prodigy',
  kind: 'episode',
  date,
  changes: [{ introduce: `person/${id}`, name: `Person ${id}` }],
})

/** `live; behind=0; revision=41; age-ms=0` (see lagHeaderValue). */
const lagPattern =
  /^(catching-up|live|retrying|stopped); behind=(\d+|\?); revision=(\d+|none); age-ms=(\d+|\?)$/

interface Read {
  readonly ids: ReadonlyArray<string>
  readonly etag: string | undefined
  readonly lag: { state: string; behind: string; revision: string }
}

/** GET /v1/releases: the release ids in order, the ETag, and the parsed Canon-Lag header. */
const readReleases = async (app: CanonApp): Promise<Read> => {
  const res = await get<ReleasesAnswer>(app, '/v1/releases')
  expect(res.status).toBe(200)
  const header = res.headers[lagHeaderName.toLowerCase()]
  expect(header).toMatch(lagPattern)
  const [, state = '', behind = '', revision = ''] = lagPattern.exec(header ?? '') ?? []
  return {
    ids: res.body.releases.map((r) => r.id),
    etag: res.headers['etag'],
    lag: { state, behind, revision },
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `done` holds of a read; returns that read. */
const eventually = async (app: CanonApp, done: (r: Read) => boolean): Promise<Read> => {
  for (;;) {
    const r = await readReleases(app)
    if (done(r)) return r
    await pause(20)
  }
}

/** Appends through the server, retrying while the store is unreachable (503). */
const appendThrough = async (app: CanonApp, release: ReturnType<typeof aRelease>) => {
  for (;;) {
    const res = await post<{ ledgerPosition: string }>(app, '/v1/releases', release, bearer)
    if (res.status !== 503) {
      expect(res.status).toBe(201)
      return res.body.ledgerPosition
    }
    await pause(20)
  }
}

/** The ETag names the position the answer is at, and Canon-Lag's revision agrees with it. */
const expectLagAgrees = (r: Read) => {
  expect(r.etag).toBe(r.lag.revision === 'none' ? '"-1"' : `"${r.lag.revision}"`)
}

const twoServersOn = (stores: readonly [EventStore, EventStore]): [CanonApp, CanonApp] => [
  createApp({ deps: depsOver(stores[0]), writeToken: token, pollIntervalMs: 20 }),
  createApp({ deps: depsOver(stores[1]), writeToken: token, pollIntervalMs: 20 }),
]

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

/** Given two servers, when each appends a release, then the other one sees it. */
const expectEachSeesTheOther = async (a: CanonApp, b: CanonApp) => {
  const first = await readReleases(b)
  expect(first.ids).toEqual([])
  expectLagAgrees(first)

  const atA = await appendThrough(a, aRelease('live-a', '2024-12-01'))
  // The writer reads its own write at once.
  const own = await readReleases(a)
  expect(own.ids).toEqual(['live-a'])
  expect(own.etag).toBe(`"${atA}"`)
  expectLagAgrees(own)

  const seenByB = await eventually(b, (r) => r.ids.includes('live-a'))
  expect(seenByB.ids).toEqual(['live-a'])
  expectLagAgrees(seenByB)

  await appendThrough(b, aRelease('live-b', '2024-12-02'))
  const seenByA = await eventually(a, (r) => r.ids.includes('live-b'))
  expect(seenByA.ids).toEqual(['live-a', 'live-b'])
  expectLagAgrees(seenByA)
  // Both followers reach the head and say so.
  for (const app of [a, b]) {
    const current = await eventually(app, (r) => r.lag.state === 'live' && r.lag.revision === '1')
    expect(current.lag.behind).toBe('0')
  }
}

describe('given two servers on one SQLite file', () => {
  it(
    'when a release is appended through either, then the other sees it, and every read carries Canon-Lag',
    async () => {
      const { dir, remove } = tempDir()
      cleanups.push(remove)
      const path = join(dir, 'ledger.db')
      const stores = [await openSqlite(path), await openSqlite(path)] as const
      cleanups.push(() => Promise.all(stores.map((s) => s.close())).then(() => undefined))
      const [a, b] = twoServersOn(stores)
      cleanups.push(() => Promise.all([a.close(), b.close()]).then(() => undefined))

      await expectEachSeesTheOther(a, b)
    },
    generous,
  )
})

describe('given two servers on one EventStoreDB', () => {
  let standIn: StandIn
  const onStandIn = async () => {
    standIn = await startStandIn()
    cleanups.push(() => standIn.stop())
    // Resubscribe at once after a drop: the test waits on answers, never on time.
    const stores = [0, 1].map(() =>
      esdbStore(standIn.connectionString, { backoff: () => 10 }),
    ) as unknown as readonly [EventStore, EventStore]
    cleanups.push(() => Promise.all(stores.map((s) => s.close())).then(() => undefined))
    const apps = twoServersOn(stores)
    cleanups.push(() => Promise.all(apps.map((app) => app.close())).then(() => undefined))
    return apps
  }

  it(
    'when a release is appended through either, then the other sees it, and every read carries Canon-Lag',
    async () => {
      const [a, b] = await onStandIn()
      await expectEachSeesTheOther(a, b)
    },
    generous,
  )

  it(
    'when the server stops and comes back, then reads are served meanwhile, and a release appended after the restart is seen exactly once',
    async () => {
      const [a, b] = await onStandIn()
      await expectEachSeesTheOther(a, b)

      await standIn.stop()
      // Reads are still answered, from what the followers hold, and say they are retrying.
      for (const app of [a, b]) {
        const meanwhile = await eventually(app, (r) => r.lag.state === 'retrying')
        expect(meanwhile.ids).toEqual(['live-a', 'live-b'])
        expectLagAgrees(meanwhile)
      }
      await standIn.start()
      for (const app of [a, b]) await eventually(app, (r) => r.lag.state === 'live')

      await appendThrough(a, aRelease('live-after', '2024-12-03'))
      const seen = await eventually(b, (r) => r.ids.includes('live-after'))
      expect(seen.ids).toEqual(['live-a', 'live-b', 'live-after'])
      expect(seen.etag).toBe('"2"')
      // The follower has it exactly once: nothing more arrives after it either.
      const settled = await eventually(b, (r) => r.lag.state === 'live' && r.lag.revision === '2')
      expect(settled.ids).toEqual(['live-a', 'live-b', 'live-after'])
      expect(settled.lag.behind).toBe('0')
      const history = await get<HistoryAnswer>(b, '/v1/entities/person/live-after/history')
      expect(history.body.entries.map((e) => e.position)).toEqual(['2'])
    },
    generous,
  )
})
