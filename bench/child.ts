import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { onScreenOnly } from '../src/domain/canonPolicy'
import { entityId, releaseId, universeId } from '../src/domain/ids'
import { materializeAll } from '../projections/temporalIndexLazy'
import { asOfRelease } from '../projections/cut'
import type { TemporalIndex } from '../projections/temporalIndexTypes'
import { emptyIndex, linkRecorded, refoldStale } from '../projections/temporalIndex'
import { entityAsOf } from '../projections/temporalIndexQuery'
import { fromSnapshot, toSnapshot } from '../projections/temporalSnapshot'

/**
 * The bench's child processes: a fresh process per measurement, so cold starts start cold and
 * peak RSS belongs to the replay alone. Prints one JSON line (or serves HTTP until killed).
 * Each mode loads only the modules it uses (the store and codecs for a replay, the product
 * app for serve-app), so a cold start from a snapshot pays for the index's modules only.
 */
const [mode = '', ...args] = process.argv.slice(2)
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const uptimeMs = (): number => process.uptime() * 1000

const answer = (index: TemporalIndex, entity: string, release: string): string =>
  JSON.stringify(entityAsOf(index, entityId(entity), asOfRelease(releaseId(release)), onScreenOnly))

/** Events are read, decoded and linked a page at a time: a page's rows are garbage once linked. */
const pageSize = 250

const replay = async (db: string, entity: string, release: string, snapshotPath?: string) => {
  const t0 = process.hrtime.bigint()
  const { openSqliteStore } = await import('../src/store/sqlite/sqliteStore.js')
  const { decodeAll, streamOf } = await import('../src/app/ledger.js')
  const store = await openSqliteStore(db)()
  if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
  const index = emptyIndex()
  let readNs = 0n
  let decodeNs = 0n
  let linkNs = 0n
  let events = 0
  for (let from = 0n; ; from += BigInt(pageSize)) {
    const ta = process.hrtime.bigint()
    const rows = await store.right.readStream(streamOf(universeId('bench')), {
      fromRevision: from,
      maxCount: pageSize,
    })()
    if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left))
    const tb = process.hrtime.bigint()
    const decoded = decodeAll(rows.right)
    if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
    const tc = process.hrtime.bigint()
    for (const e of decoded.right) linkRecorded(index, e)
    const td = process.hrtime.bigint()
    readNs += tb - ta
    decodeNs += tc - tb
    linkNs += td - tc
    events += decoded.right.length
    if (rows.right.length < pageSize) break
  }
  const t2 = process.hrtime.bigint()
  refoldStale(index)
  const buildMs = Number(linkNs) / 1e6 + ms(t2)
  const body = answer(index, entity, release)
  const firstAnswerMs = uptimeMs()
  const replayMs = ms(t0)
  await store.right.close()
  const maxRssBytes = process.resourceUsage().maxRSS * 1024
  globalThis.gc?.()
  const rssAfterGc = process.memoryUsage().rss
  let snapshotBytes = 0
  let snapshotWriteMs = 0
  if (snapshotPath !== undefined) {
    const t3 = process.hrtime.bigint()
    const bytes = toSnapshot(index, crc32)
    writeFileSync(snapshotPath, bytes)
    snapshotWriteMs = ms(t3)
    snapshotBytes = bytes.length
  }
  return {
    events,
    readMs: Number(readNs) / 1e6,
    decodeMs: Number(decodeNs) / 1e6,
    buildMs,
    replayMs,
    firstAnswerMs,
    maxRssBytes,
    rssAfterGc,
    snapshotBytes,
    snapshotWriteMs,
    answerHash: createHash('sha256').update(body).digest('hex'),
  }
}

/**
 * The floor under any replay through the store port: every page read (SQLite rows and their
 * JSON.parse) and held, nothing decoded or indexed. What a replay cannot go below in time, and
 * what holding the parsed events alone costs in memory.
 */
const readFloor = async (db: string) => {
  const rssAtStartBytes = process.memoryUsage().rss
  const t0 = process.hrtime.bigint()
  const { openSqliteStore } = await import('../src/store/sqlite/sqliteStore.js')
  const { streamOf } = await import('../src/app/ledger.js')
  const store = await openSqliteStore(db)()
  if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
  const held: unknown[][] = []
  for (let from = 0n; ; from += BigInt(pageSize)) {
    const rows = await store.right.readStream(streamOf(universeId('bench')), {
      fromRevision: from,
      maxCount: pageSize,
    })()
    if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left))
    held.push(rows.right as unknown[])
    if (rows.right.length < pageSize) break
  }
  const readMs = ms(t0)
  await store.right.close()
  globalThis.gc?.()
  return {
    events: held.reduce((n, page) => n + page.length, 0),
    readMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssHoldingBytes: process.memoryUsage().rss,
    rssAtStartBytes,
  }
}

const loadSnapshot = (path: string): TemporalIndex => {
  const restored = fromSnapshot(readFileSync(path), crc32)
  if (E.isLeft(restored)) throw new Error(restored.left.reason)
  return restored.right
}

/** Restores lazily, answers once (first answer), then materializes everything (fully loaded). */
const fromSnapshotFile = (path: string, entity: string, release: string) => {
  const t0 = process.hrtime.bigint()
  const index = loadSnapshot(path)
  const body = answer(index, entity, release)
  const loadMs = ms(t0)
  const firstAnswerMs = uptimeMs()
  const t1 = process.hrtime.bigint()
  materializeAll(index)
  const materializeMs = ms(t1)
  return {
    loadMs,
    firstAnswerMs,
    materializeMs,
    fullyLoadedMs: uptimeMs(),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    answerHash: createHash('sha256').update(body).digest('hex'),
  }
}

/** GET /entity/<id>?release=<id>: the entity as of a release, on-screen canon, from the index. */
const serveIndex = (snapshot: string, port: number) => {
  const index = loadSnapshot(snapshot)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const entity = decodeURIComponent(url.pathname.slice('/entity/'.length))
    const result = entityAsOf(
      index,
      entityId(entity),
      asOfRelease(releaseId(url.searchParams.get('release') ?? '')),
      onScreenOnly,
    )
    const status = E.isLeft(result) ? 404 : result.right === undefined ? 404 : 200
    const body = JSON.stringify(E.isLeft(result) ? { error: result.left } : (result.right ?? null))
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  })
  server.listen(port, '127.0.0.1', () => process.send?.('ready'))
}

/** The ceiling: the same route shape answering a precomputed body. */
const serveBare = (bodyFile: string, port: number) => {
  const body = readFileSync(bodyFile)
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(body)
  })
  server.listen(port, '127.0.0.1', () => process.send?.('ready'))
}

const main = async (): Promise<void> => {
  switch (mode) {
    case 'replay':
      console.log(
        JSON.stringify(await replay(args[0] ?? '', args[1] ?? '', args[2] ?? '', args[3])),
      )
      return
    case 'floor':
      console.log(JSON.stringify(await readFloor(args[0] ?? '')))
      return
    case 'snapshot':
      console.log(JSON.stringify(fromSnapshotFile(args[0] ?? '', args[1] ?? '', args[2] ?? '')))
      return
    case 'serve-index':
      serveIndex(args[0] ?? '', Number(args[1]))
      return
    case 'serve-app':
    case 'serve-app-uncached':
      await (
        await import('./childApp.js')
      ).serveApp(args[0] ?? '', Number(args[1]), args[2] ?? '/health', mode !== 'serve-app')
      return
    case 'serve-bare':
      serveBare(args[0] ?? '', Number(args[1]))
      return
    default:
      throw new Error(`unknown mode '${mode}'`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
