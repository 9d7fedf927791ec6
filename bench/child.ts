import { readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { onScreenOnly } from '../src/domain/canonPolicy'
import { entityId, releaseId, universeId } from '../src/domain/ids'
import type { Recorded } from '../src/domain/events'
import type { IndexedReader } from '../projections/indexed/reader'

/**
 * The bench's child processes: a fresh process per measurement, so cold starts start cold and
 * peak RSS belongs to what is measured alone. Each prints one JSON line. Each mode loads only
 * the modules it uses.
 */
const [mode = '', ...args] = process.argv.slice(2)
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6
const uptimeMs = (): number => process.uptime() * 1000
const rss = () => process.memoryUsage().rss
const maxRss = () => process.resourceUsage().maxRSS * 1024

const answer = (reader: IndexedReader, entity: string, release: string): string =>
  JSON.stringify(
    reader.entity({
      entity: entityId(entity),
      at: { release: { _tag: 'AsOfRelease', release: releaseId(release) }, policy: onScreenOnly },
    }),
  )

const hashOf = (body: string) => createHash('sha256').update(body).digest('hex')

/** Events are read a page at a time through the store port, as `canon replay` reads them. */
const pageSize = 250

/**
 * The floor under any replay through the store port: every page read (SQLite rows and their
 * JSON.parse, in the adapter) and held, nothing checked or indexed.
 */
const readFloor = async (db: string) => {
  const rssAtStartBytes = rss()
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
    maxRssBytes: maxRss(),
    rssHoldingBytes: rss(),
    rssAtStartBytes,
  }
}

/**
 * The indexed reader built from the store, as `canon replay` and `canon serve` build it: pages
 * read through the store port, each event filed as read (checked, not decoded first).
 */
const replay = async (db: string, entity: string, release: string, snapshotPath?: string) => {
  const t0 = process.hrtime.bigint()
  const { openSqliteStore } = await import('../src/store/sqlite/sqliteStore.js')
  const { streamOf } = await import('../src/app/ledger.js')
  const { indexBuilder } = await import('../projections/indexed/reader.js')
  const store = await openSqliteStore(db)()
  if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
  const builder = indexBuilder()
  let readNs = 0n
  let buildNs = 0n
  let events = 0
  for (let from = 0n; ; from += BigInt(pageSize)) {
    const ta = process.hrtime.bigint()
    const rows = await store.right.readStream(streamOf(universeId('bench')), {
      fromRevision: from,
      maxCount: pageSize,
    })()
    if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left))
    const tb = process.hrtime.bigint()
    for (const e of rows.right) {
      const m = e.metadata as { recordedAt: string; hash: string; prevHash: string }
      const filed = builder.add({
        position: e.revision,
        recordedAt: m.recordedAt,
        hash: m.hash,
        prevHash: m.prevHash,
        type: e.type,
        data: e.data,
      })
      if (!filed) throw new Error(`event ${e.revision} is not a ledger event`)
    }
    readNs += tb - ta
    buildNs += process.hrtime.bigint() - tb
    events += rows.right.length
    if (rows.right.length < pageSize) break
  }
  const reader = builder.reader()
  const body = answer(reader, entity, release)
  const firstAnswerMs = uptimeMs()
  const replayMs = ms(t0)
  await store.right.close()
  const maxRssBytes = maxRss()
  globalThis.gc?.()
  const rssAfterGc = rss()
  let snapshotBytes = 0
  let snapshotWriteMs = 0
  if (snapshotPath !== undefined) {
    const t3 = process.hrtime.bigint()
    const bytes = reader.snapshot()
    writeFileSync(snapshotPath, bytes)
    snapshotWriteMs = ms(t3)
    snapshotBytes = bytes.length
  }
  return {
    events,
    readMs: Number(readNs) / 1e6,
    buildMs: Number(buildNs) / 1e6,
    replayMs,
    firstAnswerMs,
    maxRssBytes,
    rssAfterGc,
    snapshotBytes,
    snapshotWriteMs,
    answerHash: hashOf(body),
  }
}

/**
 * A server's start from a snapshot: the body read and restored, the first answer, the whole
 * index ready (`prepare`), then an event appended right after: how long until it is read.
 * Then a serving process's memory, after answering random entities through the answer cache
 * (`capacity` answers), which then holds them.
 */
const restore = async (
  path: string,
  entity: string,
  release: string,
  appendFile: string,
  entitiesFile: string,
  capacity: number,
) => {
  const t0 = process.hrtime.bigint()
  const { restoredReader } = await import('../projections/indexed/reader.js')
  const restored = restoredReader(readFileSync(path))
  if (E.isLeft(restored)) throw new Error(restored.left)
  const restoreMs = ms(t0)
  const body = answer(restored.right, entity, release)
  const firstAnswerMs = uptimeMs()
  restored.right.prepare()
  const readyMs = uptimeMs()
  const appended = JSON.parse(readFileSync(appendFile, 'utf8'), (k, v: unknown) =>
    k === 'position' ? BigInt(v as string) : v,
  ) as { readonly event: Recorded; readonly entity: string }
  const t1 = process.hrtime.bigint()
  const extended = restored.right.extend([appended.event])
  const seen = extended.entity({
    entity: entityId(appended.entity),
    at: { release: { _tag: 'Latest' }, policy: onScreenOnly },
  })
  const appendVisibleMs = ms(t1)
  const entities = JSON.parse(readFileSync(entitiesFile, 'utf8')) as string[]
  const { cachedReader } = await import('../projections/cache/cachedReader.js')
  const served = cachedReader(extended, { capacity })
  for (const e of entities)
    served.entity({ entity: e, at: { release: { _tag: 'Latest' }, policy: onScreenOnly } })
  globalThis.gc?.()
  const memory = process.memoryUsage()
  return {
    restoreMs,
    firstAnswerMs,
    readyMs,
    appendVisibleMs,
    appendSeen: E.isRight(seen),
    servingRssBytes: rss(),
    servingHeapBytes: memory.heapUsed,
    servingArrayBytes: memory.arrayBuffers,
    maxRssBytes: maxRss(),
    answerHash: hashOf(body),
  }
}

/**
 * A serving process: the reader restored from the snapshot behind the answer cache (as the
 * composition root serves it, `capacity` answers), asked the bench's questions.
 */
const serving = async (path: string, questionsFile: string, capacity: number) => {
  const { restoredReader } = await import('../projections/indexed/reader.js')
  const { cachedReader } = await import('../projections/cache/cachedReader.js')
  const { questionsOf, serve } = await import('./serving.js')
  const restored = restoredReader(readFileSync(path))
  if (E.isLeft(restored)) throw new Error(restored.left)
  restored.right.prepare()
  return serve(
    cachedReader(restored.right, { capacity }),
    restored.right,
    questionsOf(readFileSync(questionsFile, 'utf8')),
  )
}

const main = async (): Promise<void> => {
  switch (mode) {
    case 'serve':
      console.log(JSON.stringify(await serving(args[0] ?? '', args[1] ?? '', Number(args[2]))))
      return
    case 'replay':
      console.log(
        JSON.stringify(await replay(args[0] ?? '', args[1] ?? '', args[2] ?? '', args[3])),
      )
      return
    case 'floor':
      console.log(JSON.stringify(await readFloor(args[0] ?? '')))
      return
    case 'restore':
      console.log(
        JSON.stringify(
          await restore(
            args[0] ?? '',
            args[1] ?? '',
            args[2] ?? '',
            args[3] ?? '',
            args[4] ?? '',
            Number(args[5]),
          ),
        ),
      )
      return
    default:
      throw new Error(`unknown mode '${mode}'`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
