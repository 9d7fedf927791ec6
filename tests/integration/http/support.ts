import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as E from 'fp-ts/Either'
import type { Express } from 'express'
import request from 'supertest'
import type { Problem } from '../../../src/http/problems'
import type { LedgerDeps } from '../../../src/app/ledger'
import { appendFiles } from '../../../src/app/appendFiles'
import { universeId } from '../../../src/domain/ids'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import type { EventStore } from '../../../src/store/port'
import { createApp } from '../../../src/http/app'
import type { Limits } from '../../../src/http/limits'
import { canonReaders } from '../../../src/main/openStore'

/** Helpers for the HTTP specs: a memory-store ledger, the bundled Star Trek files, the app. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export const depsOn = (store: EventStore = memoryStore()): LedgerDeps => ({
  store,
  universe: universeId('star-trek'),
  clock: () => new Date('2026-01-01T00:00:00.000Z'),
  hash: sha256,
  readers: canonReaders,
})

export const starTrekDir = path.resolve(__dirname, '../../../ledgers/star-trek')

/** The bundled ledger's authoring files (top level of ledgers/star-trek), in name order. */
export const starTrekFiles = () =>
  readdirSync(starTrekDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ source: f, text: readFileSync(path.join(starTrekDir, f), 'utf8') }))

/** Given the bundled Star Trek ledger, appended through the same use case as `canon append`. */
export const givenStarTrekLedger = async (deps: LedgerDeps = depsOn()): Promise<LedgerDeps> => {
  const result = await appendFiles(deps, starTrekFiles())()
  if (E.isLeft(result))
    throw new Error(`the bundled ledger did not load: ${JSON.stringify(result.left)}`)
  return deps
}

export const token = 'test-write-token-0123456789'

/** The header a writer sends with the test token. */
export const bearer = { authorization: `Bearer ${token}` }

export const appOn = (
  deps: LedgerDeps,
  options: { writeToken?: string; limits?: Partial<Limits> } = {},
): Express =>
  createApp({
    deps,
    ...(options.writeToken === undefined ? {} : { writeToken: options.writeToken }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  })

/** Everything the store holds, for "the ledger is unchanged" assertions. */
export { storeContents } from '../../support/storeContents'

export const problemType = (slug: string): string => `https://canon-ledger.dev/problems/${slug}`

/** A reply with its body typed as the caller expects (the specs then check it). */
export interface Reply<T> {
  readonly status: number
  readonly body: T
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
}

const replyOf = <T>(res: request.Response): Reply<T> => ({
  status: res.status,
  body: res.body as T,
  headers: res.headers,
  text: res.text,
})

export const get = async <T = Problem>(
  app: Express,
  url: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply<T>> => {
  let req = request(app).get(url)
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
  return replyOf<T>(await req)
}

/** POSTs a JSON value, or a raw string as the body with the given content type. */
export const post = async <T = Problem>(
  app: Express,
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply<T>> => {
  let req = request(app).post(url)
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
  return replyOf<T>(await (typeof body === 'string' ? req.send(body) : req.send(body as object)))
}
