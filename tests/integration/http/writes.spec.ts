import { beforeEach, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { EntityAnswer } from '../../../projections/port/answers'
import type { LedgerDeps } from '../../../src/app/ledger'
import {
  appOn,
  bearer,
  depsOn,
  get,
  givenStarTrekLedger,
  post,
  problemType,
  storeContents,
  token,
} from './support'

const newRelease = (id: string, title = 'Test Episode') => ({
  id,
  title,
  series: 'Star Trek: Prodigy',
  kind: 'episode',
  date: '2024-12-01',
  changes: [
    {
      assert: `mars-attack.${id}`,
      subject: 'event/mars-attack',
      predicate: 'test-fact',
      value: 'a fact from a test',
    },
  ],
})

/** Every refusal leaves the store exactly as it was: compared event by event. */
const expectRefusedUnchanged = async (
  deps: LedgerDeps,
  attempt: () => Promise<{ status: number; body: { type: string; detail: string } }>,
  status: number,
  type: string,
) => {
  const before = await storeContents(deps.store)
  const res = await attempt()
  expect(res.status).toBe(status)
  expect(res.body.type).toBe(problemType(type))
  expect(res.body.detail.length).toBeGreaterThan(10)
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|\/work\//)
  expect(await storeContents(deps.store)).toEqual(before)
  return res
}

describe('given a server with no write token configured', () => {
  it('when a release is posted, then it is refused as read-only (403) and the ledger is unchanged', async () => {
    const deps = await givenStarTrekLedger()
    const app = appOn(deps)
    await expectRefusedUnchanged(
      deps,
      () => post(app, '/v1/releases', newRelease('t-1'), bearer),
      403,
      'read-only',
    )
    const health = await get<{ writable: boolean }>(app, '/health')
    expect(health.body.writable).toBe(false)
  })
})

describe('given a server with a write token', () => {
  let deps: LedgerDeps
  let app: Express
  beforeEach(async () => {
    deps = await givenStarTrekLedger(depsOn())
    app = appOn(deps, { writeToken: token, limits: { maxBodyBytes: 4096 } })
  })

  describe('when the caller is not authorised', () => {
    it('then no Authorization header is a 401 with WWW-Authenticate', async () => {
      const res = await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-1')),
        401,
        'unauthorized',
      )
      expect(res.body.detail).toContain('Authorization: Bearer')
    })
    it('then a wrong token is a 401', async () => {
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-1'), { authorization: 'Bearer not-it' }),
        401,
        'unauthorized',
      )
    })
    it('then a token of another length, or another scheme, is a 401', async () => {
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-1'), { authorization: `Bearer ${token}x` }),
        401,
        'unauthorized',
      )
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-1'), { authorization: `Basic ${token}` }),
        401,
        'unauthorized',
      )
    })
    it('then the right token in the query string is refused (400) even with a good header', async () => {
      await expectRefusedUnchanged(
        deps,
        () => post(app, `/v1/releases?token=${token}`, newRelease('t-1'), bearer),
        400,
        'token-in-query',
      )
      await expectRefusedUnchanged(
        deps,
        () => post(app, `/v1/releases?access_token=${token}`, newRelease('t-1')),
        400,
        'token-in-query',
      )
      await expectRefusedUnchanged(
        deps,
        () => post(app, `/v1/releases?x=${token}`, newRelease('t-1'), bearer),
        400,
        'token-in-query',
      )
    })
  })

  describe('when the body is not acceptable', () => {
    it('then an oversized body is a 413', async () => {
      const huge = { ...newRelease('t-1'), note: 'x'.repeat(10_000) }
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', huge, bearer),
        413,
        'body-too-large',
      )
    })
    it('then malformed JSON is a 400 malformed-json', async () => {
      await expectRefusedUnchanged(
        deps,
        () =>
          post(app, '/v1/releases', '{"id": "t-1", "title": ', {
            ...bearer,
            'content-type': 'application/json',
          }),
        400,
        'malformed-json',
      )
    })
    it('then a body that is not JSON is a 415', async () => {
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', 'id: t-1', { ...bearer, 'content-type': 'text/yaml' }),
        415,
        'unsupported-media-type',
      )
    })
    it('then an invalid release is a 400 naming the path and what was expected', async () => {
      const res = await expectRefusedUnchanged(
        deps,
        () =>
          post(
            app,
            '/v1/releases',
            { releases: [{ ...newRelease('t-1'), date: '2024-02-30' }] },
            bearer,
          ),
        400,
        'invalid-body',
      )
      expect(res.body.detail).toContain('releases[0].date')
    })
    it('then corrections sent to the releases route are refused', async () => {
      await expectRefusedUnchanged(
        deps,
        () =>
          post(
            app,
            '/v1/releases',
            { corrections: [{ id: 'c-1', release: 'pic-s1e01', withdraw: true, reason: 'test' }] },
            bearer,
          ),
        400,
        'invalid-body',
      )
    })
  })

  describe('when the ledger refuses the content', () => {
    it('then a release with the id of another, with other content, is a 409', async () => {
      await expectRefusedUnchanged(
        deps,
        () =>
          post(
            app,
            '/v1/releases',
            {
              id: 'pic-s1e01',
              title: 'Not Remembrance',
              series: 'Star Trek: Picard',
              kind: 'episode',
              date: '2020-01-23',
            },
            bearer,
          ),
        409,
        'release-conflict',
      )
    })
    it('then a body whose second release is refused writes nothing of the first (422)', async () => {
      const bad = {
        ...newRelease('t-2'),
        changes: [{ confirm: 'no-such-claim' }],
      }
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', { releases: [newRelease('t-1'), bad] }, bearer),
        422,
        'rejected-by-ledger',
      )
    })
  })

  describe('when If-Match names a revision', () => {
    it('then a stale one is a 412 and the current one lands', async () => {
      const read = await get(app, '/v1/releases')
      const etag = read.headers.etag ?? ''
      expect(etag).toMatch(/^"\d+"$/)
      const first = await post(app, '/v1/releases', newRelease('t-1'), {
        ...bearer,
        'if-match': etag,
      })
      expect(first.status).toBe(201)
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-2'), { ...bearer, 'if-match': etag }),
        412,
        'stale-revision',
      )
      const fresh = first.headers.etag ?? ''
      const second = await post(app, '/v1/releases', newRelease('t-2'), {
        ...bearer,
        'if-match': fresh,
      })
      expect(second.status).toBe(201)
    })
    it('then a malformed one is a 400', async () => {
      await expectRefusedUnchanged(
        deps,
        () => post(app, '/v1/releases', newRelease('t-1'), { ...bearer, 'if-match': 'W/"3"' }),
        400,
        'invalid-header',
      )
    })
  })

  describe('when the write is good', () => {
    it('then it lands (201), the next read sees it, and the same body again changes nothing (200)', async () => {
      const res = await post<{ appended: Array<{ id: string }>; ledgerPosition: string }>(
        app,
        '/v1/releases',
        newRelease('t-1'),
        bearer,
      )
      expect(res.status).toBe(201)
      expect(res.body.appended.map((a) => a.id)).toEqual(['t-1'])
      expect(res.headers.etag).toBe(`"${res.body.ledgerPosition}"`)
      const read = await get<EntityAnswer>(app, '/v1/entities/event/mars-attack')
      expect(read.body.facts.map((f) => f.predicate)).toContain('test-fact')
      expect(read.headers.etag).toBe(res.headers.etag)

      const again = await post<{ appended: unknown[]; unchanged: number }>(
        app,
        '/v1/releases',
        newRelease('t-1'),
        bearer,
      )
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ appended: [], unchanged: 1 })
    })
    it('then a correction is recorded and the audit shows it', async () => {
      const res = await post(
        app,
        '/v1/corrections',
        {
          corrections: [
            {
              id: 'fix-remembrance-note',
              release: 'pic-s1e01',
              set: { note: 'A fixed note.' },
              reason: 'test',
            },
          ],
        },
        bearer,
      )
      expect(res.status).toBe(201)
      const releases = await get<{ releases: Array<{ id: string; note?: string }> }>(
        app,
        '/v1/releases',
      )
      expect(releases.body.releases.find((r) => r.id === 'pic-s1e01')?.note).toBe('A fixed note.')
    })
  })
})
