import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import * as TE from 'fp-ts/TaskEither'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerReader } from '../../../src/app/queries'
import { lagHeaderName } from '../../../src/app/follow'
import { answerCache } from '../../../src/http/answerCache'
import type { AnswerCache } from '../../../src/http/answerCache'
import { createApp } from '../../../src/http/app'
import { fastRead } from '../../../src/http/fastRead'
import { startServer } from '../../../src/http/server'
import type { Snapshot, SnapshotSource } from '../../../src/http/snapshot'
import { givenStarTrekLedger, token } from './support'

/** A response as it came off the socket: status, header lines in order, body bytes. */
interface Raw {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: string
}

const raw = (
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const headers: Array<readonly [string, string]> = []
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            headers.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? ''])
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })

/** What only the moment decides: the Date header and Canon-Lag's age. */
const timeless = (r: Raw): Raw => ({
  ...r,
  headers: r.headers
    .filter(([name]) => name !== 'Date')
    .map(([name, value]): readonly [string, string] => [
      name,
      name === lagHeaderName ? value.replace(/age-ms=\d+/, 'age-ms=*') : value,
    ]),
})

/** The request log lines a server wrote, without what only the moment decides. */
const logSink = () => {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line !== '') {
          const {
            time: _t,
            pid: _p,
            hostname: _h,
            ms,
            ...rest
          } = JSON.parse(line) as Record<string, unknown>
          lines.push({ ...rest, ms: typeof ms })
        }
      done()
    },
  })
  return { lines, logger: pino({ level: 'info' }, stream) }
}

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The bundled ledger served on a socket, with the answer cache on or off (0 bytes). */
const givenServer = async (cacheBytes: number, writeToken?: string) => {
  const deps = await givenStarTrekLedger()
  const log = logSink()
  const app = createApp({
    deps,
    logger: log.logger,
    limits: { answerCacheBytes: cacheBytes },
    pollIntervalMs: 5,
    ...(writeToken === undefined ? {} : { writeToken }),
  })
  const server = await startServer({ app, port: 0 })
  closers.push(async () => {
    await server.close()
    await app.close()
  })
  return { url: server.url, log: log.lines }
}

const entityUrls = [
  '/v1/entities/event/mars-attack?release=pic-s1e01',
  '/v1/entities/event/mars-attack',
  '/v1/entities/person/commodore-oh?canon=all',
  '/v1/entities/place/utopia-planitia?date=2399-01-01',
]

/** Each request in turn, three times over: the second and third ask what the first answered. */
const askThrice = async (
  base: string,
  paths: ReadonlyArray<string>,
  options: Parameters<typeof raw>[2] = {},
) => {
  const out: Raw[] = []
  for (let round = 0; round < 3; round++)
    for (const p of paths) out.push(timeless(await raw(base, p, options)))
  return out
}

describe('given the same ledger served with the answer cache and without it', () => {
  it('when the same entity URLs are asked again and again, then status, header lines in order, bodies and log lines are identical', async () => {
    const cached = await givenServer(64 * 1024 * 1024)
    const plain = await givenServer(0)
    const a = await askThrice(cached.url, entityUrls)
    const b = await askThrice(plain.url, entityUrls)
    expect(a.map((r) => r.status)).toContain(200)
    expect(a).toEqual(b)
    expect(cached.log).toEqual(plain.log)
    expect(cached.log).toHaveLength(3 * entityUrls.length)
  })

  it('when a cached URL is asked conditionally (If-None-Match: its ETag), then both answer alike (304)', async () => {
    const cached = await givenServer(64 * 1024 * 1024)
    const plain = await givenServer(0)
    const path = entityUrls[0] ?? ''
    const etag = (await raw(cached.url, path)).headers.find(([n]) => n === 'ETag')?.[1] ?? 'missing'
    await raw(plain.url, path)
    const a = await askThrice(cached.url, [path], { headers: { 'If-None-Match': etag } })
    const b = await askThrice(plain.url, [path], { headers: { 'If-None-Match': etag } })
    expect(a[0]?.status).toBe(304)
    expect(a).toEqual(b)
  })

  it('when a cached URL is asked with HEAD, then both answer alike (200, no body)', async () => {
    const cached = await givenServer(64 * 1024 * 1024)
    const plain = await givenServer(0)
    const a = await askThrice(cached.url, entityUrls, { method: 'HEAD' })
    const b = await askThrice(plain.url, entityUrls, { method: 'HEAD' })
    expect(a[0]?.status).toBe(200)
    expect(a[0]?.body).toBe('')
    expect(a).toEqual(b)
  })

  it('when misses, refusals and credentials in the URL are asked repeatedly, then both answer and log alike', async () => {
    const cached = await givenServer(64 * 1024 * 1024)
    const plain = await givenServer(0)
    const paths = [
      '/v1/entities/person/nobody?release=pic-s1e01',
      '/v1/entities/event/mars-attack?release=no-such-release',
      '/v1/entities/event/mars-attack?relase=pic-s1e01',
      '/v1/entities/event/mars-attack?token=secret',
      '/V1/Entities/event/mars-attack',
      '/v1/entities/event/mars-attack/',
    ]
    const a = await askThrice(cached.url, paths)
    const b = await askThrice(plain.url, paths)
    expect(a.map((r) => r.status).slice(0, paths.length)).toEqual([404, 404, 400, 400, 200, 200])
    expect(a).toEqual(b)
    expect(cached.log).toEqual(plain.log)
  })

  it('when this server writes a release, then the next read of a cached URL answers at the new ledger position', async () => {
    const cached = await givenServer(64 * 1024 * 1024, token)
    const path = '/v1/entities/event/mars-attack'
    const before = await raw(cached.url, path)
    expect((await raw(cached.url, path)).body).toBe(before.body)
    const release = {
      id: 'fast-read-t1',
      title: 'Test Episode',
      series: 'Star Trek: Prodigy',
      kind: 'episode',
      date: '2024-12-01',
      changes: [
        {
          assert: 'mars-attack.fast-read-t1',
          subject: 'event/mars-attack',
          predicate: 'test-fact',
          value: 'a fact from a test',
        },
      ],
    }
    const written = await raw(cached.url, '/v1/releases', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(release),
    })
    expect(written.status).toBe(201)
    const after = await raw(cached.url, path)
    const etag = (r: Raw) => r.headers.find(([n]) => n === 'ETag')?.[1]
    expect(etag(after)).not.toBe(etag(before))
    expect(after.body).toContain('a fact from a test')
    expect(before.body).not.toContain('a fact from a test')
  })
})

describe('given the fast path on its own, over a cache holding one answer', () => {
  const snapshotAt = (position: bigint): Snapshot => ({
    position,
    reader: {} as LedgerReader,
    lag: `live; behind=0; revision=${position}; age-ms=1`,
  })
  const sourceOf = (ready: Snapshot | undefined): SnapshotSource => ({
    current: () => TE.left({ _tag: 'Conflict', reason: 'not used' }),
    refresh: () => TE.left({ _tag: 'Conflict', reason: 'not used' }),
    ready: () => ready,
    stop: () => Promise.resolve(),
  })
  /** A server answering 599 whenever the fast path declines (express would take the request). */
  const serveFast = async (cache: AnswerCache, ready: Snapshot | undefined) => {
    const fast = fastRead({ cache, snapshots: sourceOf(ready), logger: pino({ level: 'silent' }) })
    const server = createServer((req, res) => {
      if (!fast(req, res)) {
        res.statusCode = 599
        res.end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => server.close(() => resolve())))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const held = '/v1/entities/event/x?release=r1'
  const cacheWithOne = () => {
    const cache = answerCache(1024 * 1024)
    cache.put(held, { position: 7n, etag: '"7"', body: '{"a":1}' })
    return cache
  }

  it('when the held URL is asked with GET at its position, then it answers the held body', async () => {
    const base = await serveFast(cacheWithOne(), snapshotAt(7n))
    const r = await raw(base, held)
    expect(r.status).toBe(200)
    expect(r.body).toBe('{"a":1}')
    expect(r.headers).toContainEqual(['ETag', '"7"'])
  })

  it.each([
    ['HEAD', held, {}],
    ['GET', held, { 'If-None-Match': '"7"' }],
    ['GET', held, { 'If-Modified-Since': 'Tue, 24 Nov 2026 00:00:00 GMT' }],
    ['GET', `${held}&canon=all`, {}],
    ['POST', held, {}],
  ])('when asked %s %s with headers %j, then it declines', async (method, path, headers) => {
    const base = await serveFast(cacheWithOne(), snapshotAt(7n))
    expect((await raw(base, path, { method, headers })).status).toBe(599)
  })

  it('when the ledger has moved past the held answer, then it declines', async () => {
    const base = await serveFast(cacheWithOne(), snapshotAt(8n))
    expect((await raw(base, held)).status).toBe(599)
  })

  it('when the follower has not yet been current, then it declines (the read must catch up)', async () => {
    const base = await serveFast(cacheWithOne(), undefined)
    expect((await raw(base, held)).status).toBe(599)
  })
})

describe('given the answer cache', () => {
  const answer = (position: bigint, bytes: number) => ({
    position,
    etag: `"${position}"`,
    body: 'x'.repeat(bytes),
  })

  it('when an answer to a URL is put again, then the later one replaces it', () => {
    const cache = answerCache(1 << 20)
    cache.put('/a', answer(1n, 10))
    expect(cache.get('/a')?.position).toBe(1n)
    cache.put('/a', answer(2n, 10))
    expect(cache.get('/a')?.position).toBe(2n)
    expect(cache.get('/b')).toBeUndefined()
  })

  it('when more is put than its bound, then the first stored are dropped first and it stays bounded', () => {
    const cache = answerCache(10_000)
    for (let i = 0; i < 100; i++) cache.put(`/e${i}`, answer(1n, 1_000))
    const held = Array.from({ length: 100 }, (_, i) => cache.get(`/e${i}`) !== undefined)
    expect(held.filter(Boolean).length).toBeGreaterThan(0)
    expect(held.filter(Boolean).length * 1_000).toBeLessThanOrEqual(10_000)
    expect(held[99]).toBe(true)
    expect(held[0]).toBe(false)
  })

  it('when the bound is 0 or an answer is larger than the bound, then nothing is held', () => {
    const none = answerCache(0)
    none.put('/a', answer(1n, 1))
    expect(none.get('/a')).toBeUndefined()
    const small = answerCache(500)
    small.put('/big', answer(1n, 1_000))
    expect(small.get('/big')).toBeUndefined()
  })
})
