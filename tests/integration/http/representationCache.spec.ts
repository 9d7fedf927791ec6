import * as E from 'fp-ts/Either'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendFiles } from '../../../src/app/appendFiles'
import type { LedgerDeps } from '../../../src/app/ledger'
import { createApp } from '../../../src/http/app'
import type { RunningServer } from '../../../src/http/server'
import { startServer } from '../../../src/http/server'
import { bearer, givenStarTrekLedger, token } from './support'

/** A release that asserts a new fact of the Mars Attack and introduces a new entity. */
const release = (id: string) => ({
  id,
  title: `Cache test ${id}`,
  series: 'Star Trek: Prodigy',
  kind: 'episode',
  date: '2024-12-01',
  changes: [
    { introduce: `person/${id}`, name: `Cachetest Person ${id}` },
    {
      assert: `mars-attack.${id}`,
      subject: 'event/mars-attack',
      predicate: `fact-${id}`,
      value: `told in ${id}`,
    },
  ],
})

/** The same release as an authoring file (JSON is YAML), for a writer other than the server. */
const authoringFile = (id: string) => JSON.stringify({ releases: [release(id)] })

interface Read {
  readonly status: number
  readonly etag: string | null
  readonly text: string
}

/**
 * Reads over real HTTP, with the representation cache on (its default): what a read answers
 * after an append is never the answer kept from before it, whether this server took the write
 * or another writer appended to the store this server follows.
 */
describe('given a server over the Star Trek ledger, answering repeated reads from its representation cache', () => {
  let deps: LedgerDeps
  let server: RunningServer
  let close: () => Promise<void>
  beforeEach(async () => {
    deps = await givenStarTrekLedger()
    const app = createApp({ deps, writeToken: token, pollIntervalMs: 10 })
    server = await startServer({ app, port: 0 })
    close = app.close
  })
  afterEach(async () => {
    await server.close()
    await close()
  })

  const read = async (path: string): Promise<Read> => {
    const res = await fetch(`${server.url}${path}`)
    return { status: res.status, etag: res.headers.get('etag'), text: await res.text() }
  }
  const paths = [
    '/v1/entities/event/mars-attack',
    '/v1/canon?entity=Mars%20Attack',
    '/v1/search?q=Cachetest',
    '/v1/entities/event/mars-attack/history?limit=1000',
    '/v1/releases?limit=1000',
    '/v1/diff?from=start&to=latest&entity=event/mars-attack&limit=1000',
  ]

  describe('when the same URLs are read again with nothing appended', () => {
    it('then each answer is the same, byte for byte, with the same ETag', async () => {
      for (const path of paths) {
        const first = await read(path)
        const again = await read(path)
        expect(again, path).toEqual(first)
      }
    })

    it('then a read naming its ETag in If-None-Match is a 304', async () => {
      const first = await read(paths[0] as string)
      const res = await fetch(`${server.url}${paths[0]}`, {
        // fetch would add `cache-control: no-cache` to a conditional request; a browser
        // revalidating sends max-age=0.
        headers: { 'if-none-match': first.etag ?? '', 'cache-control': 'max-age=0' },
      })
      expect(res.status).toBe(304)
    })
  })

  describe('when this server takes a write', () => {
    it('then every read after it answers the new ledger, never the answer kept from before', async () => {
      const before = await Promise.all(paths.map(read))
      const posted = await fetch(`${server.url}/v1/releases`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify(release('cache-post')),
      })
      expect(posted.status).toBe(201)
      for (const [i, path] of paths.entries()) {
        const after = await read(path)
        expect(after.etag, path).not.toBe(before[i]?.etag)
        expect(after.text, path).not.toBe(before[i]?.text)
        expect(after.text, path).toContain('cache-post')
      }
    })
  })

  describe('when another writer appends to the store this server follows', () => {
    it('then, once the server has read the append, no read answers what was kept from before', async () => {
      const before = await Promise.all(paths.map(read))
      const written = await appendFiles(deps, [
        { source: 'other.yaml', text: authoringFile('cache-other') },
      ])()
      expect(E.isRight(written) ? 'written' : JSON.stringify(written.left)).toBe('written')
      // Polled until the server's head moves (its follower polls every 10 ms).
      let moved = await read(paths[0] as string)
      while (moved.etag === before[0]?.etag) moved = await read(paths[0] as string)
      for (const [i, path] of paths.entries()) {
        const after = await read(path)
        expect(after.etag, path).not.toBe(before[i]?.etag)
        expect(after.text, path).toContain('cache-other')
      }
    })
  })
})
