import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as TE from 'fp-ts/TaskEither'
import type { Express } from 'express'
import type {
  DiffAnswer,
  EntityAnswer,
  HistoryAnswer,
  ReleasesAnswer,
  SearchAnswer,
  TimelineAnswer,
} from '../../../projections/port/answers'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import type { OpenApiDoc } from './openApiCheck'
import { openApiChecker } from './openApiCheck'
import {
  appOn,
  bearer,
  depsOn,
  get,
  givenStarTrekLedger,
  post,
  problemType,
  token,
} from './support'

describe('given the bundled ledger served over HTTP, when each route is called', () => {
  let app: Express
  let check: ReturnType<typeof openApiChecker>
  beforeAll(async () => {
    app = appOn(await givenStarTrekLedger(), { writeToken: token })
    const doc = await get<OpenApiDoc>(app, '/openapi.json')
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toBe('3.1.0')
    check = openApiChecker(doc.body)
    check.conforms('get', '/openapi.json', doc)
  })
  afterAll(() => {
    // Every documented operation had at least one response checked against its schema.
    expect(check.unchecked()).toEqual([])
  })

  describe('GET /health', () => {
    it('then it names the store, says it is reachable and read-write', async () => {
      const res = check.conforms(
        'get',
        '/health',
        await get<Record<string, unknown>>(app, '/health'),
      )
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ store: 'memory', reachable: true, writable: true })
    })
    it('then with a store that cannot be reached it answers 503 and says so', async () => {
      const down = {
        ...memoryStore(),
        ping: () => TE.left({ _tag: 'Unavailable' as const, store: 'x', reason: 'down' }),
      }
      const res = await get<Record<string, unknown>>(appOn(depsOn(down)), '/health')
      check.conforms('get', '/health', res)
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ reachable: false, status: 'unavailable', writable: false })
    })
  })

  describe('GET /v1/releases', () => {
    it('then releases come in release order, with an ETag of the ledger position', async () => {
      const res = check.conforms(
        'get',
        '/v1/releases',
        await get<ReleasesAnswer>(app, '/v1/releases'),
      )
      expect(res.status).toBe(200)
      const ids = res.body.releases.map((r) => r.id)
      expect(ids.indexOf('st-children-of-mars')).toBeLessThan(ids.indexOf('pic-s1e01'))
      expect(ids.indexOf('pro-s2e19')).toBe(ids.indexOf('pro-s2e20') - 1)
      expect(res.headers.etag).toBe(`"${res.body.at.ledgerPosition}"`)
    })
    it('then a cut lists only what it admits', async () => {
      const res = await get<ReleasesAnswer>(app, '/v1/releases?release=pic-s1e01')
      expect(res.body.releases.map((r) => r.id)).not.toContain('pro-s2e20')
      expect(res.body.releases.map((r) => r.id)).toContain('pic-s1e01')
    })
    it('then an unknown release is a 404 unknown-release with close release ids', async () => {
      const res = check.conforms(
        'get',
        '/v1/releases',
        await get(app, '/v1/releases?release=pic-s1e0'),
      )
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('unknown-release'))
      expect(res.body.detail).toContain("'pic-s1e0'")
      expect(res.body.suggestions).toContain('pic-s1e01')
    })
  })

  describe('GET /v1/entities/{kind}/{slug}', () => {
    const template = '/v1/entities/{kind}/{slug}'
    it('then each fact has its source release and revision kind', async () => {
      const res = check.conforms(
        'get',
        template,
        await get<EntityAnswer>(app, '/v1/entities/event/mars-attack?release=pic-s1e10'),
      )
      expect(res.status).toBe(200)
      const perpetrator = res.body.facts.find((f) => f.predicate === 'perpetrator')
      expect(perpetrator?.claims[0]?.source.id).toBe('pic-s1e08')
      expect(perpetrator?.claims[0]?.revisionKind).toBe('revelation')
      expect(res.body.at.lastRelease?.id).toBe('pic-s1e10')
    })
    it('then an unknown entity is a 404 whose suggestions are drawn from the cut only', async () => {
      const spelled = check.conforms(
        'get',
        template,
        await get(app, '/v1/entities/place/utopia-plantia'),
      )
      expect(spelled.status).toBe(404)
      expect(spelled.body.type).toBe(problemType('unknown-entity'))
      // A suggestion names the entity by its name at the cut, which a lookup finds, not its id.
      expect(spelled.body.suggestions).toEqual(['Utopia Planitia shipyards'])
      const early = await get(app, '/v1/entities/person/commodore-o?release=st-children-of-mars')
      expect(early.status).toBe(404)
      expect(early.text).not.toMatch(/commodore-oh|Commodore Oh/)
    })
    it('then the ledger-position cut reads the ledger as it stood then', async () => {
      // Positions 0 and 1 declare the universe's calendars; 2 records Children of Mars.
      const res = await get<EntityAnswer>(app, '/v1/entities/event/mars-attack?ledgerPosition=2')
      expect(res.status).toBe(200)
      expect(res.body.at.ledgerPosition).toBe('2')
      expect(res.body.facts.map((f) => f.predicate)).toContain('casualties')
      expect(res.body.facts.map((f) => f.predicate)).not.toContain('destroyed')
    })
    it('then secondary sources are admitted only when asked (General Nedar)', async () => {
      const onScreen = await get<EntityAnswer>(app, '/v1/entities/person/commodore-oh')
      expect(onScreen.text).not.toContain('Nedar')
      const all = await get<EntityAnswer>(app, '/v1/entities/person/commodore-oh?canon=all')
      expect(all.text).toContain('Nedar')
    })
    it.each([
      ['two cuts at once', 'release=pic-s1e01&date=2020-01-01', 'at most one'],
      ['a misspelt parameter', 'relase=pic-s1e01', "unknown parameter 'relase'"],
      ['a date that does not exist', 'date=2020-02-30', 'at date'],
      ['a negative ledger position', 'ledgerPosition=-1', 'at ledgerPosition'],
      ['an unknown canon policy', 'canon=fanon', 'at canon'],
      ['a repeated parameter', 'release=a&release=b', 'at release'],
      ['a bad progress list', 'watched=pic-s1e01,,', 'at watched'],
    ])('then %s is a 400 invalid-query naming it', async (_what, query, detail) => {
      const res = check.conforms(
        'get',
        template,
        await get(app, `/v1/entities/event/mars-attack?${query}`),
      )
      expect(res.status).toBe(400)
      expect(res.body.type).toBe(problemType('invalid-query'))
      expect(res.body.detail).toContain(detail)
    })
  })

  describe('GET /v1/canon (by name or alias)', () => {
    it('then an alias finds the entity at the cut', async () => {
      const res = check.conforms(
        'get',
        '/v1/canon',
        await get<EntityAnswer>(app, '/v1/canon?entity=Oh&release=pic-s1e10'),
      )
      expect(res.status).toBe(200)
      expect(res.body.entity.id).toBe('person/commodore-oh')
      expect(res.body.matched.by).toBe('alias')
    })
    it('then the article\'s misspelling "Utopia Plantia" is a 404 suggesting Utopia Planitia', async () => {
      const res = check.conforms(
        'get',
        '/v1/canon',
        await get(app, '/v1/canon?entity=Utopia%20Plantia'),
      )
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('unknown-entity'))
      expect(res.body.suggestions).toEqual(['Utopia Planitia shipyards'])
    })
    it('then before the finale the name of a later entity is neither found nor suggested', async () => {
      const res = await get(app, '/v1/canon?entity=USS%20Prodigy&release=pic-s1e10')
      expect(res.status).toBe(404)
      expect(res.body.suggestions).toEqual([])
    })
    it('then no name is a 400', async () => {
      const res = check.conforms('get', '/v1/canon', await get(app, '/v1/canon?release=pic-s1e10'))
      expect(res.status).toBe(400)
    })
  })

  describe('GET /v1/entities/{kind}/{slug}/history', () => {
    const template = '/v1/entities/{kind}/{slug}/history'
    it('then every change is listed with ledger position and recording time, corrections too', async () => {
      const res = check.conforms(
        'get',
        template,
        await get<HistoryAnswer>(
          app,
          '/v1/entities/event/mars-attack/history?predicate=perpetrator',
        ),
      )
      expect(res.status).toBe(200)
      expect(res.body.entries.map((e) => e.change)).toEqual(['asserted', 'confirmed', 'revised'])
      expect(res.body.entries[0]?.recordedAt).toBe('2026-01-01T00:00:00.000Z')
      const whole = await get<HistoryAnswer>(app, '/v1/entities/event/mars-attack/history')
      expect(whole.body.corrections.map((c) => c.id)).toContain('fix-children-of-mars-title')
    })
    it('then an unknown fact is a 404 listing the facts there are', async () => {
      const res = check.conforms(
        'get',
        template,
        await get(app, '/v1/entities/event/mars-attack/history?predicate=culprit'),
      )
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('unknown-fact'))
      expect(res.body.suggestions).toContain('perpetrator')
    })
    it('then a bad predicate is a 400', async () => {
      const res = check.conforms(
        'get',
        template,
        await get(app, '/v1/entities/event/mars-attack/history?predicate=Not%20One'),
      )
      expect(res.status).toBe(400)
    })
  })

  describe('GET /v1/claims/{claim}/history', () => {
    const template = '/v1/claims/{claim}/history'
    it('then the changes to that one claim are listed, at the cut asked', async () => {
      const res = check.conforms(
        'get',
        template,
        await get<HistoryAnswer>(app, '/v1/claims/mars-attack.perpetrator/history'),
      )
      expect(res.status).toBe(200)
      expect(res.body.claim).toBe('mars-attack.perpetrator')
      expect(res.body.entries.map((e) => e.change)).toEqual(['asserted', 'confirmed', 'revised'])
      const early = await get<HistoryAnswer>(
        app,
        '/v1/claims/mars-attack.perpetrator/history?release=pic-s1e01',
      )
      expect(early.body.entries.map((e) => e.change)).toEqual(['asserted', 'confirmed'])
    })
    it('then a claim the cut has not seen is a 404', async () => {
      const res = check.conforms(
        'get',
        template,
        await get(app, '/v1/claims/no-such-claim/history'),
      )
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('unknown-claim'))
    })
  })

  describe('GET /v1/history', () => {
    it('then changes=revised is the revision audit of the whole universe, a page at a time', async () => {
      const res = check.conforms(
        'get',
        '/v1/history',
        await get<HistoryAnswer>(app, '/v1/history?changes=revised&limit=1'),
      )
      expect(res.status).toBe(200)
      expect(res.body.entity).toBeNull()
      expect(res.body.entries).toHaveLength(1)
      expect(res.body.entries.every((e) => e.change === 'revised')).toBe(true)
      const next = res.body.page.next
      expect(next).not.toBeNull()
      const second = await get<HistoryAnswer>(
        app,
        `/v1/history?changes=revised&limit=1&cursor=${encodeURIComponent(next ?? '')}`,
      )
      expect(second.body.entries[0]).not.toEqual(res.body.entries[0])
    })
    it('then a cursor of another query is a 400 naming the cursor', async () => {
      const first = await get<HistoryAnswer>(app, '/v1/history?limit=1')
      const res = check.conforms(
        'get',
        '/v1/history',
        await get(
          app,
          `/v1/history?changes=revised&limit=1&cursor=${encodeURIComponent(first.body.page.next ?? '')}`,
        ),
      )
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ type: problemType('invalid-query'), parameter: 'cursor' })
    })
  })

  describe('GET /v1/diff', () => {
    it('then the whole universe diff lists what a release introduced', async () => {
      const res = check.conforms(
        'get',
        '/v1/diff',
        await get<DiffAnswer>(app, '/v1/diff?from=pic-s1e01&to=pic-s1e02'),
      )
      expect(res.status).toBe(200)
      expect(
        res.body.changes.some((c) => c.change === 'introduced' && c.entity.name === 'Commodore Oh'),
      ).toBe(true)
    })
    it('then from after to is a 400 saying so', async () => {
      const res = check.conforms(
        'get',
        '/v1/diff',
        await get(app, '/v1/diff?from=pro-s2e20&to=pic-s1e01'),
      )
      expect(res.status).toBe(400)
      expect(res.body.type).toBe(problemType('invalid-query'))
      expect(res.body.detail).toContain("'from' must not reach past 'to'")
    })
    it('then an unknown release is a 404', async () => {
      const res = check.conforms(
        'get',
        '/v1/diff',
        await get(app, '/v1/diff?from=nope&to=pro-s2e20'),
      )
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('unknown-release'))
    })
  })

  describe('GET /v1/timeline', () => {
    it('then entries come in in-universe order', async () => {
      const res = check.conforms(
        'get',
        '/v1/timeline',
        await get<TimelineAnswer>(app, '/v1/timeline?entity=event/mars-attack'),
      )
      expect(res.status).toBe(200)
      expect(res.body.entries.length).toBeGreaterThan(0)
    })
    it('then a bad cut is a 400', async () => {
      const res = check.conforms(
        'get',
        '/v1/timeline',
        await get(app, '/v1/timeline?date=yesterday'),
      )
      expect(res.status).toBe(400)
    })
    it('then an unknown entity is a 404', async () => {
      const res = check.conforms(
        'get',
        '/v1/timeline',
        await get(app, '/v1/timeline?entity=event/nothing-here'),
      )
      expect(res.status).toBe(404)
    })
  })

  describe('GET /v1/search', () => {
    it('then an alias spelled as in the article finds Utopia Planitia', async () => {
      const res = check.conforms(
        'get',
        '/v1/search',
        await get<SearchAnswer>(app, '/v1/search?q=Utopia%20Plantia'),
      )
      expect(res.status).toBe(200)
      expect(res.body.hits[0]?.id).toBe('place/utopia-planitia')
    })
    it('then nothing later than the cut is suggested', async () => {
      const res = await get<SearchAnswer>(app, '/v1/search?q=Oh&release=pic-s1e01')
      expect(res.text).not.toContain('commodore-oh')
      const later = await get<SearchAnswer>(app, '/v1/search?q=Oh&release=pic-s1e10')
      expect(later.body.hits.map((h) => h.id)).toContain('person/commodore-oh')
    })
    it('then a missing text is a 400', async () => {
      const res = check.conforms('get', '/v1/search', await get(app, '/v1/search'))
      expect(res.status).toBe(400)
      expect(res.body.detail).toContain('at q: required')
    })
    it('then an unknown cut release is a 404', async () => {
      const res = check.conforms(
        'get',
        '/v1/search',
        await get(app, '/v1/search?q=Mars&release=zzz'),
      )
      expect(res.status).toBe(404)
    })
  })

  describe('GET /v1/verify', () => {
    it('then the chain is whole', async () => {
      const res = check.conforms(
        'get',
        '/v1/verify',
        await get<{ ok: boolean; checked: number }>(app, '/v1/verify'),
      )
      expect(res.status).toBe(200)
      expect(res.body.ok).toBe(true)
      expect(res.body.checked).toBeGreaterThan(5)
    })
    it('then an unreachable store is a 503 problem', async () => {
      const down = {
        ...memoryStore(),
        readStream: () =>
          TE.left({ _tag: 'Unavailable' as const, store: 'x', reason: '/secret/path' }),
      }
      const res = check.conforms('get', '/v1/verify', await get(appOn(depsOn(down)), '/v1/verify'))
      expect(res.status).toBe(503)
      expect(res.body.type).toBe(problemType('store-unavailable'))
      expect(res.text).not.toContain('/secret/path')
    })
  })

  describe('GET /v1/verify?expectHead=', () => {
    it('then the head the ledger holds is held, another hash or a later position is missed, and a malformed one is a 400', async () => {
      const head = await get<{ headPosition: string; head: string }>(app, '/v1/verify')
      const at = `${head.body.head}@${head.body.headPosition}`
      const held = check.conforms(
        'get',
        '/v1/verify',
        await get<{ ok: boolean; anchors: Array<{ ok: boolean }> }>(
          app,
          `/v1/verify?expectHead=${at}`,
        ),
      )
      expect(held.body).toMatchObject({ ok: true, anchors: [{ ok: true }] })
      const later = `${head.body.head}@${BigInt(head.body.headPosition) + 5n}`
      const missed = await get<{ ok: boolean; anchors: Array<{ ok: boolean; detail: string }> }>(
        app,
        `/v1/verify?expectHead=${later}`,
      )
      expect(missed.status).toBe(200)
      expect(missed.body.ok).toBe(false)
      expect(missed.body.anchors[0]?.detail).toMatch(/lost events/)
      const other = await get<{ ok: boolean }>(
        app,
        `/v1/verify?expectHead=${'0'.repeat(64)}@${head.body.headPosition}`,
      )
      expect(other.body.ok).toBe(false)
      const bad = await get(app, '/v1/verify?expectHead=nonsense')
      expect(bad.status).toBe(400)
      expect(bad.body.type).toBe(problemType('invalid-query'))
    })
  })

  describe('GET /v1/head', () => {
    it("then it is the ledger's head as a checkpoint, the head verify reports", async () => {
      const res = check.conforms(
        'get',
        '/v1/head',
        await get<{ position: string; hash: string; format: string }>(app, '/v1/head'),
      )
      expect(res.status).toBe(200)
      const verified = await get<{ headPosition: string; head: string }>(app, '/v1/verify')
      expect(res.body).toMatchObject({
        format: 'canon-ledger/head@1',
        position: verified.body.headPosition,
        hash: verified.body.head,
      })
    })
  })

  describe('GET / (the page)', () => {
    it('then the page and its script are served with a strict CSP', async () => {
      const res = check.conforms('get', '/', await get(app, '/'))
      expect(res.status).toBe(200)
      expect(res.text).toContain('id="slider"')
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      const script = await get(app, '/app.js')
      expect(script.status).toBe(200)
      expect(script.headers['content-type']).toContain('javascript')
    })
  })

  describe('POST /v1/releases and /v1/corrections', () => {
    it('then a release lands (201) and a correction lands (201), both documented', async () => {
      const body = {
        id: 'test-route-release',
        title: 'A Test',
        series: 'Tests',
        kind: 'episode',
        date: '2030-01-01',
        changes: [],
      }
      const res = check.conforms(
        'post',
        '/v1/releases',
        await post(app, '/v1/releases', body, bearer),
      )
      expect(res.status).toBe(201)
      const fix = {
        corrections: [
          {
            id: 'fix-test-title',
            release: 'test-route-release',
            set: { title: 'A Better Test' },
            reason: 'typo',
          },
        ],
      }
      const fixed = check.conforms(
        'post',
        '/v1/corrections',
        await post(app, '/v1/corrections', fix, bearer),
      )
      expect(fixed.status).toBe(201)
      const refused = check.conforms(
        'post',
        '/v1/corrections',
        await post(app, '/v1/corrections', fix, {}),
      )
      expect(refused.status).toBe(401)
    })
  })

  describe('routes that do not exist', () => {
    it('then an unknown path is a 404 not-found problem', async () => {
      const res = await get(app, '/v2/nothing')
      expect(res.status).toBe(404)
      expect(res.body.type).toBe(problemType('not-found'))
    })
    it('then a known path with another method is a 405 with Allow', async () => {
      const res = await post(app, '/v1/verify', {})
      expect(res.status).toBe(405)
      expect(res.body.type).toBe(problemType('method-not-allowed'))
      expect(res.headers.allow).toBe('GET')
    })
  })
})
