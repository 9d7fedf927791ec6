import { beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { SearchAnswer } from '../../../projections/port/answers'
import { appOn, get, givenStarTrekLedger, problemType, token } from './support'

/**
 * The app keeps the last query string it parsed (express parses `req.query` at every access,
 * and a request reads it more than once): what one request sent never answers another's.
 */
describe('given the bundled Star Trek ledger served with its representation cache off', () => {
  let app: Express
  beforeAll(async () => {
    app = appOn(await givenStarTrekLedger(), {
      writeToken: token,
      limits: { representationCacheBytes: 0 },
    })
  })

  describe('when searches with different query strings alternate', () => {
    it('then each is answered for its own query, as when asked alone', async () => {
      const planitia = '/v1/search?q=Utopia%20Plantia'
      const oh = '/v1/search?q=Oh&release=pic-s1e10'
      const alone = {
        planitia: (await get<SearchAnswer>(app, planitia)).body,
        oh: (await get<SearchAnswer>(app, oh)).body,
      }
      const asked = []
      for (const url of [planitia, oh, planitia, planitia, oh])
        asked.push((await get<SearchAnswer>(app, url)).body)
      expect(asked).toEqual([alone.planitia, alone.oh, alone.planitia, alone.planitia, alone.oh])
      expect(alone.planitia.hits[0]?.id).toBe('place/utopia-planitia')
      expect(alone.oh.hits.map((h) => h.id)).toContain('person/commodore-oh')
    })
  })

  describe('when a request with the token in its query string comes between two without', () => {
    it('then only that one is refused', async () => {
      const before = await get<SearchAnswer>(app, '/v1/search?q=Oh&release=pic-s1e10')
      const leaked = await get(app, `/v1/search?q=Oh&release=pic-s1e10&x=${token}`)
      const after = await get<SearchAnswer>(app, '/v1/search?q=Oh&release=pic-s1e10')
      expect(leaked.status).toBe(400)
      expect(leaked.body.type).toBe(problemType('token-in-query'))
      expect(before.status).toBe(200)
      expect(after.status).toBe(200)
      expect(after.body).toEqual(before.body)
    })
  })

  describe('when a parameter is repeated right after a request that sent it once', () => {
    it('then the repeated one is refused and the single one answered', async () => {
      const once = await get<SearchAnswer>(app, '/v1/search?q=Oh')
      const twice = await get(app, '/v1/search?q=Oh&q=Ah')
      expect(once.status).toBe(200)
      expect(twice.status).toBe(400)
      expect(twice.body.detail).toContain('q')
    })
  })
})
