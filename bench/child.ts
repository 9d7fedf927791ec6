import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { onScreenOnly } from '../src/domain/canonPolicy'
import { entityId, releaseId, universeId } from '../src/domain/ids'
import { openSqliteStore } from '../src/store/sqlite/sqliteStore'
import { decodeAll, streamOf } from '../src/app/ledger'
import { asOfRelease } from '../projections/cut'
import type { TemporalIndex } from '../projections/temporalIndexTypes'
import { buildIndex } from '../projections/temporalIndex'
import { entityAsOf } from '../projections/temporalIndexQuery'
import { fromSnapshot, toSnapshot } from '../projections/temporalSnapshot'

/**
 * The bench's child processes: a fresh process per measurement, so cold starts start cold and
 * peak RSS belongs to the replay alone. Prints one JSON line (or serves HTTP until killed).
 */
const [mode = '', ...args] = process.argv.slice(2)
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const uptimeMs = (): number => process.uptime() * 1000

const answer = (index: TemporalIndex, entity: string, release: string): string =>
  JSON.stringify(entityAsOf(index, entityId(entity), asOfRelease(releaseId(release)), onScreenOnly))

const replay = async (db: string, entity: string, release: string, snapshotPath?: string) => {
  const t0 = process.hrtime.bigint()
  const store = await openSqliteStore(db)()
  if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
  const rows = await store.right.readStream(streamOf(universeId('bench')))()
  if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left))
  const readMs = ms(t0)
  const t1 = process.hrtime.bigint()
  const decoded = decodeAll(rows.right)
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
  const decodeMs = ms(t1)
  const t2 = process.hrtime.bigint()
  const index = buildIndex(decoded.right)
  const buildMs = ms(t2)
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
    const json = JSON.stringify(toSnapshot(index))
    writeFileSync(snapshotPath, json)
    snapshotWriteMs = ms(t3)
    snapshotBytes = Buffer.byteLength(json)
  }
  return {
    events: decoded.right.length,
    readMs,
    decodeMs,
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

const loadSnapshot = (path: string): TemporalIndex => {
  const restored = fromSnapshot(JSON.parse(readFileSync(path, 'utf8')) as unknown)
  if (E.isLeft(restored)) throw new Error(restored.left.reason)
  return restored.right
}

const fromSnapshotFile = (path: string, entity: string, release: string) => {
  const t0 = process.hrtime.bigint()
  const index = loadSnapshot(path)
  const body = answer(index, entity, release)
  return {
    loadMs: ms(t0),
    firstAnswerMs: uptimeMs(),
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
    case 'snapshot':
      console.log(JSON.stringify(fromSnapshotFile(args[0] ?? '', args[1] ?? '', args[2] ?? '')))
      return
    case 'serve-index':
      serveIndex(args[0] ?? '', Number(args[1]))
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
