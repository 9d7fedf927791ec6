import { join } from 'node:path'
import { Writable } from 'node:stream'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { LedgerDeps } from '../../../src/app/ledger'
import type { CanonApp } from '../../../src/http/app'
import { createApp } from '../../../src/http/app'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import type { EventStore } from '../../../src/store/port'
import { openSqliteStore } from '../../../src/store/sqlite/sqliteStore'
import { tempDirs } from '../../support/tempStore'
import {
  bearer,
  depsOn,
  get,
  givenStarTrekLedger,
  post,
  problemType,
  storeContents,
  token,
} from './support'

const dirs = tempDirs('canon-hygiene-')

/** An app whose log lines are kept, parsed. */
const loggedApp = (
  deps: LedgerDeps,
  options: { writeToken?: string; pollIntervalMs?: number } = {},
) => {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  const app = createApp({
    deps,
    ...(options.writeToken === undefined ? {} : { writeToken: options.writeToken }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    logger: pino({ level: 'info' }, sink),
  })
  return { app, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) }
}

/** Asks until `ready` holds (the follower polls the store in the background). */
const eventually = async <T>(ask: () => Promise<T>, ready: (t: T) => boolean): Promise<T> => {
  for (;;) {
    const answer = await ask()
    if (ready(answer)) return answer
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('given a server with a write token', () => {
  it('when the token is sent in a read URL, in any parameter or in the path, then the URL is refused or missed, and the token is in no log line', async () => {
    const { app, lines } = loggedApp(await givenStarTrekLedger(), { writeToken: token })
    const inQuery = await get(app, `/v1/search?q=${token}`)
    expect(inQuery.status).toBe(400)
    expect(inQuery.body.type).toBe(problemType('token-in-query'))
    expect((await get(app, `/v1/releases?access_token=${token}`)).status).toBe(400)
    expect((await get(app, `/v1/entities/event/${token}`)).status).toBe(404)
    expect((await post(app, '/v1/releases', {}, bearer)).status).toBe(400)
    expect(lines.length).toBe(4)
    expect(lines.join('')).not.toContain(token)
    expect(lines.join('')).toContain('[redacted]')
  })
})

describe('given a malformed percent-escape in a path', () => {
  it('when it is requested, then it is a 400 malformed-url problem, and no stack trace is logged', async () => {
    const { app, records } = loggedApp(await givenStarTrekLedger())
    for (const url of [
      '/v1/entities/%E0%A4%A',
      '/v1/entities/event/%E0%A4%A',
      '/v1/entities/event/%ZZ/history',
      '/v1/search?q=%E0%A4%A',
    ]) {
      const res = await get(app, url)
      expect(res.status, url).toBe(400)
      expect(res.body.type, url).toBe(problemType('malformed-url'))
      expect(res.headers['content-type'], url).toContain('application/problem+json')
    }
    expect(records().every((r) => r['msg'] === 'request' && r['err'] === undefined)).toBe(true)
  })
})

describe('given a store whose reads fail while it still answers a ping', () => {
  const failing = (store: EventStore): EventStore => ({
    ...store,
    readStream: () =>
      TE.left({
        _tag: 'StoreFailure',
        store: 'sqlite:/var/secret/ledger.sqlite',
        reason: 'SQLITE_IOERR reading /var/secret/ledger.sqlite',
      }),
  })

  it('when reads are asked, then each is a 500 problem, the cause is logged, and /health says degraded with a reason and no path', async () => {
    const { app, records } = loggedApp(depsOn(failing(memoryStore())))
    const read = await get(app, '/v1/releases')
    expect(read.status).toBe(500)
    expect(read.text).not.toContain('/var/secret')
    const health = await get<Record<string, unknown>>(app, '/health')
    expect(health.status).toBe(503)
    expect(health.body).toMatchObject({
      status: 'degraded',
      reachable: true,
      store: 'memory',
    })
    expect(String(health.body['reason'])).toMatch(/^the store fails to answer/)
    expect(health.text).not.toContain('/var/secret')
    const logged = records()
    expect(
      logged.some(
        (r) =>
          r['msg'] === 'store failure' &&
          String(r['cause']).includes('SQLITE_IOERR reading /var/secret'),
      ),
    ).toBe(true)
    expect(
      logged.some(
        (r) => r['msg'] === 'request failed' && String(r['cause']).includes('SQLITE_IOERR'),
      ),
    ).toBe(true)
  })

  it('when the store is a SQLite file, then /health names its kind and never its path', async () => {
    const dir = await dirs.given()
    const opened = await openSqliteStore(join(dir, 'ledger.sqlite'))()
    if (E.isLeft(opened)) throw new Error('no store')
    try {
      const health = await get<Record<string, unknown>>(
        createApp({ deps: depsOn(opened.right) }),
        '/health',
      )
      expect(health.body['store']).toBe('sqlite')
      expect(health.text).not.toContain(dir)
    } finally {
      await opened.right.close()
    }
  })
})

describe('given a release whose title holds a bidirectional control character', () => {
  it('when it is posted, then it is a 400 naming the place and the character, and the ledger is unchanged', async () => {
    const deps = await givenStarTrekLedger()
    const { app } = loggedApp(deps, { writeToken: token })
    const before = await storeContents(deps.store)
    const res = await post(
      app,
      '/v1/releases',
      { id: 'spoof', title: 'Evil\u202eeman', series: 'S', kind: 'episode', date: '2030-01-01' },
      bearer,
    )
    expect(res.status).toBe(400)
    expect(res.body.type).toBe(problemType('invalid-body'))
    expect(res.body.detail).toContain("release 'spoof' at /release/title")
    expect(res.body.detail).toContain('U+202E')
    const escape = await post(
      app,
      '/v1/releases',
      { id: 'ansi', title: 'A\u001b[2J', series: 'S', kind: 'episode', date: '2030-01-01' },
      bearer,
    )
    expect(escape.status).toBe(400)
    expect(escape.body.detail).toContain('U+001B')
    expect(await storeContents(deps.store)).toEqual(before)
  })
})

describe('given a server following a SQLite ledger', () => {
  const served = async (): Promise<{ app: CanonApp; path: string; close: () => Promise<void> }> => {
    const path = join(await dirs.given(), 'ledger.sqlite')
    const opened = await openSqliteStore(path)()
    if (E.isLeft(opened)) throw new Error('no store')
    const deps = await givenStarTrekLedger(depsOn(opened.right))
    const { app } = loggedApp(deps, { pollIntervalMs: 10 })
    expect((await get(app, '/v1/releases')).status).toBe(200)
    return {
      app,
      path,
      close: async () => {
        await app.close()
        await opened.right.close()
      },
    }
  }

  it('when its last event is cut off under it, then it stops serving the ledger, and /health says where and why', async () => {
    const { app, path, close } = await served()
    try {
      const db = new Database(path)
      db.prepare('DELETE FROM events WHERE revision = (SELECT max(revision) FROM events)').run()
      db.close()
      const health = await eventually(
        () => get<Record<string, unknown>>(app, '/health'),
        (r) => r.status === 503,
      )
      expect(health.body).toMatchObject({ status: 'degraded', reachable: true })
      expect(String(health.body['reason'])).toMatch(
        /no longer holds position \d+, which this reader checked: it was truncated/,
      )
      const read = await get(app, '/v1/releases')
      expect(read.status).toBe(503)
      expect(read.body.type).toBe(problemType('ledger-untrusted'))
    } finally {
      await close()
    }
  })

  it('when its last event is rewritten under it, then it stops serving the ledger, naming the rewrite', async () => {
    const { app, path, close } = await served()
    try {
      const db = new Database(path)
      db.prepare(
        `UPDATE events SET metadata = json_set(metadata, '$.hash', '${'0'.repeat(64)}') WHERE revision = (SELECT max(revision) FROM events)`,
      ).run()
      db.close()
      // Nothing new after the tip: the follower's next idle poll looks at the tip itself.
      const health = await eventually(
        () => get<Record<string, unknown>>(app, '/health'),
        (r) => r.status === 503,
      )
      expect(String(health.body['reason'])).toMatch(/the ledger was rewritten/)
      expect((await get(app, '/v1/entities/event/mars-attack')).status).toBe(503)
    } finally {
      await close()
    }
  })
})
