import * as E from 'fp-ts/Either'
import pino from 'pino'
import { processIo, wiring } from '../src/main/wiring'
import { serveLedger } from '../src/main/serve'
import { createApp } from '../src/http/app'
import { startServer } from '../src/http/server'

/**
 * The product: `canon serve` as the composition root wires it (SQLite store, universe `bench`,
 * read-only since no CANON_TOKEN is passed, pino request log at info). It reads the ledger and
 * builds its index on the first request, so one warm-up request (`warmPath`) is answered before
 * the parent is told it is ready. `uncached`: the same app with its answer cache off
 * (`answerCacheBytes: 0`), so that every request computes its answer (the first ask's cost).
 */
export const serveApp = async (
  db: string,
  port: number,
  warmPath: string,
  uncached: boolean,
): Promise<void> => {
  const io = { ...processIo(), env: { LOG_LEVEL: process.env['LOG_LEVEL'] } }
  const opened = await wiring.open({ store: db, universe: 'bench' }, io)()
  if (E.isLeft(opened)) throw new Error(JSON.stringify(opened.left))
  const url = uncached
    ? (
        await startServer({
          app: createApp({
            deps: opened.right.deps,
            logger: pino({ level: process.env['LOG_LEVEL'] ?? 'info' }),
            limits: { answerCacheBytes: 0 },
          }),
          port,
          host: '127.0.0.1',
        })
      ).url
    : await (async () => {
        const served = await serveLedger(opened.right, { port, host: '127.0.0.1' }, io)()
        if (E.isLeft(served)) throw new Error(JSON.stringify(served.left))
        void served.right.stopped.then(() => process.exit(0))
        return served.right.url
      })()
  // On a large ledger the first read may outlast the response timeout (503) while the ledger is
  // still being read: ask again until it answers.
  for (let attempt = 1; ; attempt++) {
    const warm = await fetch(`${url}${warmPath}`)
    await warm.arrayBuffer()
    if (warm.status === 200) break
    if (warm.status !== 503 || attempt >= 20)
      throw new Error(`warm-up ${warmPath} answered ${warm.status}`)
  }
  process.send?.('ready')
}
