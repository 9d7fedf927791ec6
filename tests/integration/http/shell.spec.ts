import { IncomingMessage, ServerResponse } from 'node:http'
import { Writable } from 'node:stream'
import express from 'express'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../src/http/app'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import { startServer } from '../../../src/http/server'
import { checkSchema } from '../../support/jsonSchemaCheck'
import { components } from '../../../src/http/openapi/components'
import { answerComponents } from '../../../src/http/openapi/answerSchemas'
import { appOn, depsOn, get, post, problemType, token } from './support'

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

describe('given the HTTP shell on an empty ledger', () => {
  const app = appOn(depsOn(), { writeToken: token, limits: { maxUrlLength: 200 } })

  it('when any response is sent (JSON, problem, page, unknown path), then it carries the security headers', async () => {
    for (const url of ['/health', '/v1/entities/event/x', '/', '/nothing', '/style.css']) {
      const res = await get(app, url)
      expect(res.headers, url).toMatchObject(securityHeaders)
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'")
      expect(res.headers['x-powered-by'], url).toBeUndefined()
    }
  })

  it('when the URL is over the limit, then it is a 414 problem', async () => {
    const res = await get(app, `/v1/search?q=${'a'.repeat(300)}`)
    expect(res.status).toBe(414)
    expect(res.body.type).toBe(problemType('uri-too-long'))
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('when the ledger is empty, then reads say so plainly: no releases, unknown entities 404', async () => {
    const releases = await get<{ releases: unknown[]; ledgerPosition: string }>(app, '/v1/releases')
    expect(releases.body).toMatchObject({ releases: [], at: { ledgerPosition: '-1' } })
    expect(releases.headers.etag).toBe('"-1"')
    const entity = await get(app, '/v1/entities/event/mars-attack')
    expect(entity.status).toBe(404)
    expect(entity.body.type).toBe(problemType('unknown-entity'))
  })

  it('when the first release is written with If-Match "-1" (the empty ledger), then it lands', async () => {
    const res = await post(
      app,
      '/v1/releases',
      { id: 'first', title: 'First', series: 'S', kind: 'episode', date: '2020-01-01' },
      { authorization: `Bearer ${token}`, 'if-match': '"-1"' },
    )
    expect(res.status).toBe(201)
  })
})

describe('given a store that never answers', () => {
  it('when a read waits on it, then the server answers a 503 timeout problem instead of hanging', async () => {
    let hang = true
    const store = memoryStore()
    const flaky = {
      ...store,
      readStream: (...args: Parameters<typeof store.readStream>) =>
        hang ? () => new Promise<never>(() => {}) : store.readStream(...args),
    }
    const app = appOn(depsOn(flaky), { limits: { responseTimeoutMs: 50 } })
    const res = await get(app, '/v1/releases')
    expect(res.status).toBe(503)
    expect(res.body.type).toBe(problemType('timeout'))
    // and when the store answers again, reads are served again (the stuck catch-up is dropped)
    hang = false
    const again = await get(app, '/v1/releases')
    expect(again.status).toBe(200)
  })
})

describe('given a request logger', () => {
  it('when requests are served, then each is one structured line, with credentials in the URL redacted', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const app = createApp({
      deps: depsOn(),
      writeToken: token,
      logger: pino({ level: 'info' }, sink),
    })
    await get(app, '/health')
    await post(app, `/v1/releases?token=${token}`, {})
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(records[0]).toMatchObject({ method: 'GET', url: '/health', status: 200, msg: 'request' })
    expect(records[1]).toMatchObject({ method: 'POST', status: 400 })
    expect(lines.join('')).not.toContain(token)
  })
})

describe('given startServer', () => {
  it('when started on port 0, then it answers on the bound port and closes', async () => {
    const server = await startServer({ app: appOn(depsOn()), port: 0, host: '127.0.0.1' })
    try {
      const res = await fetch(`${server.url}/health`)
      expect(res.status).toBe(200)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    } finally {
      await server.close()
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow()
  })

  it("when a request comes in, then its request and response are node's, born with the app's prototypes (express's swap changes nothing)", async () => {
    const app = express()
    const seen: unknown[] = []
    app.get('/probe', (req, res) => {
      seen.push(
        Object.getPrototypeOf(req) === app.request,
        Object.getPrototypeOf(res) === app.response,
        req instanceof IncomingMessage,
        res instanceof ServerResponse,
      )
      res.json({ path: req.path, query: req.query, accept: req.get('accept') })
    })
    const server = await startServer({ app, port: 0 })
    try {
      const res = await fetch(`${server.url}/probe?x=1`, {
        headers: { accept: 'application/json' },
      })
      expect(await res.json()).toEqual({
        path: '/probe',
        query: { x: '1' },
        accept: 'application/json',
      })
      expect(seen).toEqual([true, true, true, true])
    } finally {
      await server.close()
    }
  })
})

describe('given the schema checker the API tests rely on', () => {
  it('when a body misses a required field or has a wrong type, then it names the place', () => {
    const schemas = { ...components, ...answerComponents }
    const problems = checkSchema(
      { $ref: '#/components/schemas/SearchAnswer' },
      { query: 3, hits: [{ id: 'x' }] },
      schemas,
    )
    expect(problems).toContain("at $: missing required 'at'")
    expect(problems).toContain('at $.query: expected string, found number')
    expect(problems.some((p) => p.startsWith("at $.hits[0]: missing required 'name'"))).toBe(true)
  })
})
