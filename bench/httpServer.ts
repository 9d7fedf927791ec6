import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse } from 'node:querystring'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as E from 'fp-ts/Either'
import express from 'express'
import pino from 'pino'
import { onScreenOnly } from '../src/domain/canonPolicy'
import { releaseId, universeId } from '../src/domain/ids'
import { openSqliteStore } from '../src/store/sqlite/sqliteStore'
import type { LedgerDeps } from '../src/app/ledger'
import type { Limits } from '../src/http/limits'
import { createApp } from '../src/http/app'
import { startServer } from '../src/http/server'
import { restoredReader } from '../projections/indexed/reader'
import { canonReaders, servedReader } from '../src/main/openStore'
import type { CanonReader } from '../projections/port/reader'

/**
 * The bench's HTTP servers, in one child process (the load generator runs in the parent, on
 * the other core): the product app as `canon serve` builds it (express, the SQLite store, the
 * reader restored from the snapshot behind its answer cache, the request log at info level to
 * stdout, which the parent points at /dev/null); the same app with its representation cache
 * off (every request computed); the app without its request log (what the log costs); express
 * alone, one route answering the bytes made in advance (the floor of any express app); and the
 * two anchors, bare node:http servers: one answering each URL's body serialized in advance (the
 * ceiling for repeated URLs), one computing each answer with the same reader (the anchor for
 * computed answers). Tells the parent their ports over IPC, and answers `cpu` messages with the
 * process's CPU time (for per-request CPU, asked one at a time) and how long its event loop was
 * held since the last.
 */
const [db = '', snapshotPath = '', urlsFile = ''] = process.argv.slice(2)

const sha256 = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex')

/** `/v1/entities/kind/slug?release=id`: the entity-as-of URLs the bare servers understand. */
const entityRead = (reader: CanonReader, url: string): E.Either<unknown, unknown> => {
  const q = url.indexOf('?')
  const path = decodeURIComponent(url.slice(0, q < 0 ? undefined : q))
  const query = parse(q < 0 ? '' : url.slice(q + 1))
  const entity = path.slice('/v1/entities/'.length)
  return reader.entity({
    entity,
    at: {
      release: { _tag: 'AsOfRelease', release: releaseId(String(query['release'])) },
      policy: onScreenOnly,
    },
  })
}

const listen = (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer({ keepAliveTimeout: 5_000 }, handler)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })

const main = async (): Promise<void> => {
  const restored = restoredReader(readFileSync(snapshotPath))
  if (E.isLeft(restored)) throw new Error(restored.left)
  restored.right.prepare()
  // The reader as `canon serve` reads through (behind its cache of entity answers), for the app
  // and for the bare server computing the same answers alike.
  const reader = servedReader(restored.right)
  const store = await openSqliteStore(db)()
  if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
  const deps: LedgerDeps = {
    store: store.right,
    universe: universeId('bench'),
    clock: () => new Date(),
    hash: sha256,
    readers: canonReaders,
  }
  const urls = JSON.parse(readFileSync(urlsFile, 'utf8')) as string[]
  const product = async (limits: Partial<Limits>, logLevel = 'info'): Promise<number> => {
    const app = createApp({
      deps,
      logger: pino({ level: logLevel }),
      initialReader: reader,
      trusted: reader.head,
      limits,
    })
    return (await startServer({ app, port: 0, limits })).port
  }
  const position = reader.head.position.toString()
  const headersOf = (body: Buffer) => ({
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    ETag: `"${position}"`,
  })
  const answerOf = (url: string): Buffer => {
    const a = entityRead(reader, url)
    return Buffer.from(JSON.stringify(E.isRight(a) ? a.right : a.left))
  }
  const fixed = new Map(urls.map((url) => [url, answerOf(url)]))
  const ports = {
    app: await product({}),
    uncached: await product({ representationCacheBytes: 0 }),
    appUnlogged: await product({}, 'silent'),
    bareFixed: await listen((req, res) => {
      const body = fixed.get(req.url ?? '') ?? Buffer.from('{}')
      res.writeHead(200, headersOf(body))
      res.end(body)
    }),
    bareComputed: await listen((req, res) => {
      const body = answerOf(req.url ?? '')
      res.writeHead(200, headersOf(body))
      res.end(body)
    }),
    expressFloor: await (async () => {
      const app = express()
      app.disable('x-powered-by')
      app.set('etag', false)
      app.get('/v1/entities/:kind/:slug', (req, res) => {
        const body = fixed.get(req.originalUrl) ?? Buffer.from('{}')
        res.writeHead(200, headersOf(body))
        res.end(body)
      })
      return (await startServer({ app, port: 0 })).port
    })(),
  }
  // How long the event loop was held since the last `cpu` message: what any request waited.
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  process.on('message', (m: unknown) => {
    if (m === 'exit') process.exit(0)
    if (m === 'cpu') {
      const c = process.cpuUsage()
      process.send?.({
        cpuMs: (c.user + c.system) / 1000,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
      })
      loop.reset()
    }
  })
  process.send?.({
    ports,
    meanBodyBytes: [...fixed.values()].reduce((n, b) => n + b.length, 0) / Math.max(1, fixed.size),
  })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
