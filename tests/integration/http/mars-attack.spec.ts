import { beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { DiffAnswer, EntityAnswer } from '../../../projections/port/answers'
import { appOn, get, givenStarTrekLedger, problemType } from './support'

const factsOf = (body: EntityAnswer): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(body.facts.map((f) => [f.predicate, f.claims.map((c) => c.value.text)]))

/** The article's scenario, over HTTP, on the bundled ledger. */
describe('given the bundled Star Trek ledger, when canon of the Mars Attack is read over HTTP', () => {
  let app: Express
  beforeAll(async () => {
    app = appOn(await givenStarTrekLedger())
  })
  const canon = (query: string) => get<EntityAnswer>(app, `/v1/entities/event/mars-attack?${query}`)

  it('then no episode gives a starship figure: as of Prodigy S2E20 on screen there is none, and the article tier has 20,000', async () => {
    const before = await canon('release=pro-s2e19')
    expect(before.status).toBe(200)
    expect(before.text).not.toContain('20,000')
    expect(factsOf(before.body).casualties).toEqual(['over 92,000 lives'])

    const after = await canon('release=pro-s2e20')
    expect(after.status).toBe(200)
    expect(after.text).not.toContain('20,000')
    expect(factsOf(after.body)['starships-destroyed']).toBeUndefined()

    const article = await canon('release=article-picard-mars-attack-worse&canon=all')
    expect(article.status).toBe(200)
    expect(factsOf(article.body)['starships-destroyed']).toEqual([
      '20,000 starships under construction',
    ])
  })

  it('then the culprit is revealed as the Zhat Vash, with Oh its orchestrator, as of Picard S1E8', async () => {
    const early = await canon('release=pic-s1e03')
    expect(factsOf(early.body).perpetrator).toEqual(['rogue synths'])
    const late = await canon('release=pic-s1e08')
    const perpetrator = late.body.facts.find((f) => f.predicate === 'perpetrator')
    expect(perpetrator?.claims[0]?.value.text).toBe('Zhat Vash')
    expect(perpetrator?.claims[0]?.revisionKind).toBe('revelation')
    expect(factsOf(late.body).orchestrator).toEqual(['Commodore Oh'])
  })

  it('then a viewer who saw the short and Picard season 1 but no Prodigy sees the Picard aftermath only', async () => {
    const res = await canon('watched=st-children-of-mars,..pic-s1e10')
    expect(res.status).toBe(200)
    expect(factsOf(res.body).perpetrator).toEqual(['Zhat Vash'])
    expect(res.text).not.toMatch(/Janeway/)
  })

  it('then a viewer who also finished Prodigy season 2 sees the finale’s aftermath, and still no starship figure', async () => {
    const res = await canon('watched=st-children-of-mars,..pic-s1e10,..pro-s2e20')
    expect(factsOf(res.body).aftermath?.join(' ')).toMatch(/Starfleet recalls its officers/)
    expect(factsOf(res.body)['starships-destroyed']).toBeUndefined()
  })

  it('then a viewer who watched only Picard does not know the attack yet (the short introduces it): 404 without spoilers', async () => {
    const res = await get(app, '/v1/entities/event/mars-attack?watched=pic-s1e10')
    expect(res.status).toBe(404)
    expect(res.body.type).toBe(problemType('unknown-entity'))
    expect(res.text).not.toMatch(/Prodigy|20,000|Janeway/)
  })

  it('then the diff across the finale classifies the aftermath as expanded, and the article’s figure as asserted', async () => {
    const res = await get<DiffAnswer>(
      app,
      '/v1/diff?from=pro-s2e19&to=pro-s2e20&entity=event/mars-attack',
    )
    expect(res.status).toBe(200)
    expect(res.body.changes).toContainEqual(
      expect.objectContaining({ change: 'revised:expansion', predicate: 'aftermath' }),
    )
    expect(res.text).not.toContain('starships-destroyed')
    const all = await get<DiffAnswer>(
      app,
      '/v1/diff?from=pro-s2e19&to=article-picard-mars-attack-worse&entity=event/mars-attack&canon=all',
    )
    expect(all.body.changes).toContainEqual(
      expect.objectContaining({ change: 'asserted', predicate: 'starships-destroyed' }),
    )
  })
})
