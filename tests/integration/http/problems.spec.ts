import { beforeAll, describe, expect, it } from 'vitest'
import * as TE from 'fp-ts/TaskEither'
import type { Express } from 'express'
import type { LedgerDeps } from '../../../src/app/ledger'
import { streamOf } from '../../../src/app/ledger'
import type { ProblemType } from '../../../src/http/problems'
import { problemTypes } from '../../../src/http/problems'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import type { EventStore } from '../../../src/store/port'
import type { Reply } from './support'
import {
  appOn,
  bearer,
  depsOn,
  get,
  givenStarTrekLedger,
  post,
  problemType,
  storeContents,
  token,
} from './support'
import type { Problem } from '../../../src/http/problems'

const release = (id: string) => ({
  id,
  title: 'T',
  series: 'S',
  kind: 'episode',
  date: '2030-01-01',
})

/** The Gregorian calendar the bundled ledger declares (ledgers/star-trek/010-...yaml). */
const gregorian = { id: 'gregorian', name: 'Gregorian calendar', kind: 'gregorian' }

/** A store that refuses every append as if another writer always got in first. */
const alwaysRaced = (store: EventStore): EventStore => ({
  ...store,
  appendToStream: (stream) =>
    TE.left({ _tag: 'WrongExpectedRevision', stream, expected: { _tag: 'Any' }, actual: 99n }),
})

/** A store whose reads fail with a vendor message that must not reach the client. */
const failing = (store: EventStore): EventStore => ({
  ...store,
  readStream: () =>
    TE.left({
      _tag: 'StoreFailure',
      store: 'sqlite',
      reason: 'SQLITE_IOERR at /var/secret/ledger.sqlite',
    }),
})

/** A ledger whose last event was stored with data no codec reads, and no chain link. */
const corrupt = async (): Promise<EventStore> => {
  const store = memoryStore()
  const good = await givenStarTrekLedger(depsOn(store))
  await good.store.appendToStream(streamOf(good.universe), { _tag: 'Any' }, [
    {
      eventId: 'x',
      type: 'ReleaseRecorded',
      data: { _tag: 'ReleaseRecorded', release: 42 },
      metadata: { hash: 'h', prevHash: 'p', recordedAt: 'r' },
    },
  ])()
  return store
}

/**
 * Every problem type the API can answer, each produced by a real request, with its status;
 * the table must list all of them. Refusals of writes leave the store as it was.
 */
describe('given the problem catalogue, when each problem is provoked', () => {
  let deps: LedgerDeps
  let app: Express
  beforeAll(async () => {
    deps = await givenStarTrekLedger()
    app = appOn(deps, { writeToken: token, limits: { maxBodyBytes: 2048, maxUrlLength: 300 } })
  })

  const cases: Record<ProblemType, { status: number; provoke: () => Promise<Reply<Problem>> }> = {
    'invalid-query': { status: 400, provoke: () => get(app, '/v1/releases?date=soon') },
    'malformed-url': { status: 400, provoke: () => get(app, '/v1/entities/%E0%A4%A') },
    'invalid-header': {
      status: 400,
      provoke: () => post(app, '/v1/releases', release('a'), { ...bearer, 'if-match': 'x' }),
    },
    'invalid-body': {
      status: 400,
      provoke: () => post(app, '/v1/releases', { releases: 'none' }, bearer),
    },
    'malformed-json': {
      status: 400,
      provoke: () =>
        post(app, '/v1/releases', '{', { ...bearer, 'content-type': 'application/json' }),
    },
    'token-in-query': {
      status: 400,
      provoke: () => post(app, '/v1/releases?api_key=1', release('a')),
    },
    unauthorized: { status: 401, provoke: () => post(app, '/v1/releases', release('a')) },
    'read-only': {
      status: 403,
      provoke: () => post(appOn(deps), '/v1/releases', release('a'), bearer),
    },
    'unknown-entity': { status: 404, provoke: () => get(app, '/v1/entities/event/nope') },
    'unknown-release': {
      status: 404,
      provoke: () => get(app, '/v1/entities/event/mars-attack?release=nope'),
    },
    'unknown-fact': {
      status: 404,
      provoke: () => get(app, '/v1/entities/event/mars-attack/history?predicate=nope'),
    },
    'unknown-claim': {
      status: 404,
      provoke: () => get(app, '/v1/claims/no-such-claim/history'),
    },
    'not-found': { status: 404, provoke: () => get(app, '/nope/nope') },
    'method-not-allowed': { status: 405, provoke: () => post(app, '/health', {}) },
    'release-conflict': {
      status: 409,
      provoke: () =>
        post(app, '/v1/releases', { ...release('pic-s1e01'), series: 'Star Trek: Picard' }, bearer),
    },
    'calendar-conflict': {
      status: 409,
      provoke: () =>
        post(app, '/v1/releases', { calendars: [{ ...gregorian, name: 'Earth years' }] }, bearer),
    },
    'correction-conflict': {
      status: 409,
      provoke: () =>
        post(
          app,
          '/v1/corrections',
          {
            corrections: [
              {
                id: 'fix-children-of-mars-title',
                release: 'st-children-of-mars',
                set: { title: 'Other' },
                reason: 'x',
              },
            ],
          },
          bearer,
        ),
    },
    'concurrent-write': {
      status: 409,
      provoke: () =>
        post(
          appOn(depsOn(alwaysRaced(deps.store)), { writeToken: token }),
          '/v1/releases',
          release('a'),
          bearer,
        ),
    },
    'stale-revision': {
      status: 412,
      provoke: () => post(app, '/v1/releases', release('a'), { ...bearer, 'if-match': '"0"' }),
    },
    'body-too-large': {
      status: 413,
      provoke: () => post(app, '/v1/releases', { ...release('a'), note: 'n'.repeat(4000) }, bearer),
    },
    'uri-too-long': { status: 414, provoke: () => get(app, `/v1/search?q=${'q'.repeat(400)}`) },
    'unsupported-media-type': {
      status: 415,
      provoke: () =>
        post(app, '/v1/releases', 'a=b', {
          ...bearer,
          'content-type': 'application/x-www-form-urlencoded',
        }),
    },
    'rejected-by-ledger': {
      status: 422,
      provoke: () =>
        post(
          app,
          '/v1/releases',
          { ...release('a'), changes: [{ retract: 'no-such-claim' }] },
          bearer,
        ),
    },
    'corrupt-ledger': {
      status: 500,
      provoke: () =>
        get(
          appOn(
            depsOn({
              ...memoryStore(),
              readStream: () =>
                TE.left({
                  _tag: 'Corrupt',
                  store: 'sqlite:/var/secret/ledger.sqlite',
                  revision: 3n,
                  reason: 'its stored data is not JSON',
                }),
            }),
          ),
          '/v1/releases',
        ),
    },
    'ledger-untrusted': {
      status: 503,
      provoke: async () => {
        // The first read finds the broken chain (500 above); from then on nothing is served.
        const untrusted = appOn(depsOn(await corrupt()))
        await get(untrusted, '/v1/releases')
        return get(untrusted, '/v1/releases')
      },
    },
    internal: {
      status: 500,
      provoke: () => get(appOn(depsOn(failing(memoryStore()))), '/v1/releases'),
    },
    'store-unavailable': {
      status: 503,
      provoke: () =>
        get(
          appOn(
            depsOn({
              ...memoryStore(),
              readStream: () =>
                TE.left({
                  _tag: 'Unavailable',
                  store: 'esdb',
                  reason: 'esdb://10.0.0.1:2113 refused',
                }),
            }),
          ),
          '/v1/timeline',
        ),
    },
    busy: {
      status: 503,
      // A server that waits 0 ms for the walk of its ledger: the first verify at a head.
      provoke: () => get(appOn(deps, { limits: { readWaitMs: 0 } }), '/v1/verify'),
    },
    timeout: {
      status: 503,
      provoke: () =>
        get(
          appOn(
            depsOn({ ...memoryStore(), readStream: () => () => new Promise<never>(() => {}) }),
            { limits: { responseTimeoutMs: 20 } },
          ),
          '/v1/releases',
        ),
    },
  }

  it('then the table covers every problem type there is', () => {
    expect(Object.keys(cases).sort()).toEqual([...problemTypes].sort())
  })

  it.each(Object.entries(cases))(
    'then %s has its status, a detail, and no internals',
    async (type, c) => {
      const before = await storeContents(deps.store)
      const res = await c.provoke()
      expect(res.status).toBe(c.status)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.body).toMatchObject({ type: problemType(type), status: c.status })
      expect(res.body.detail.length).toBeGreaterThan(10)
      expect(res.text).not.toMatch(
        /\/var\/secret|10\.0\.0\.1|node_modules|\.ts:\d+|\bat [A-Za-z.]+ \(/,
      )
      expect(await storeContents(deps.store)).toEqual(before)
    },
  )
})
