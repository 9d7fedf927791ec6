import fc from 'fast-check'
import request from 'supertest'
import { stringify } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/Either'
import type { Express } from 'express'
import { appendFiles } from '../../src/app/appendFiles'
import type { LedgerDeps } from '../../src/app/ledger'
import {
  appOn,
  depsOn,
  givenStarTrekLedger,
  storeContents,
  token,
} from '../integration/http/support'

/**
 * Hostile input, generated: whatever an author or a client sends, the ledger either takes a
 * valid entry or refuses with a clear message, never answers 500, and never changes on a refusal.
 */
const runs = 300

/** Values that are near the authoring format: right keys with wrong, odd or huge values. */
const oddScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '2023-02-30',
    '2020-13-01',
    '0000-00-00',
    'event/mars-attack',
    'pic-s1e01',
    'NaN',
    '',
    ' ',
    '__proto__',
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(5000)),
)
const oddValue = fc.oneof(
  oddScalar,
  fc.record({ atLeast: oddScalar }),
  fc.record({ entity: oddScalar }),
  fc.record({ date: oddScalar }),
  fc.record({ list: fc.array(oddScalar, { maxLength: 3 }) }),
)
const oddChange = fc.oneof(
  fc.record({ introduce: oddScalar, name: oddScalar }),
  fc.record({ assert: oddScalar, subject: oddScalar, predicate: oddScalar, value: oddValue }),
  fc.record({
    revise: fc.constantFrom('mars-attack.casualties', 'no-such-claim', 'mars-attack.perpetrator'),
    kind: oddScalar,
    value: oddValue,
  }),
  fc.record({ retract: oddScalar }),
  fc.record({ identify: oddScalar, sameAs: oddScalar }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'assert', 'value'),
    oddScalar,
  ),
)
const oddRelease = fc.record(
  {
    id: fc.oneof(oddScalar, fc.constantFrom('hostile-1', 'pic-s1e01', 'pro-s2e20')),
    title: oddScalar,
    series: oddScalar,
    kind: fc.oneof(oddScalar, fc.constantFrom('episode', 'film', 'article')),
    date: fc.oneof(oddScalar, fc.constantFrom('2019-01-01', '2030-01-01', '2020-01-23')),
    sequence: oddScalar,
    changes: fc.array(oddChange, { maxLength: 4 }),
  },
  { requiredKeys: [] },
)
const oddDocument = fc.oneof(
  fc.record({ releases: fc.array(oddRelease, { maxLength: 3 }) }),
  fc.record({
    corrections: fc.array(
      fc.record({
        id: oddScalar,
        release: oddScalar,
        set: fc.dictionary(fc.string({ maxLength: 8 }), oddScalar),
        reason: oddScalar,
      }),
      { maxLength: 2 },
    ),
  }),
  fc.anything(),
)

let deps: LedgerDeps
let app: Express
beforeAll(async () => {
  deps = await givenStarTrekLedger(depsOn())
  app = appOn(deps, { writeToken: token })
})

describe('given the bundled ledger', () => {
  it(`when ${runs} generated authoring files are appended, then each is taken or refused by name, and a refusal changes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(oddDocument, async (doc) => {
        const before = await storeContents(deps.store)
        const text = typeof doc === 'string' ? doc : ((stringify(doc) as string | undefined) ?? '')
        const result = await appendFiles(deps, [{ source: 'hostile.yaml', text }])()
        if (E.isLeft(result)) {
          const messages = JSON.stringify(result.left)
          expect(messages).toContain('hostile.yaml')
          expect(await storeContents(deps.store)).toEqual(before)
        }
      }),
      { numRuns: runs },
    )
  })

  it(`when ${runs} generated JSON bodies are posted with the token, then none is answered 500 and every refusal leaves the ledger as it was`, async () => {
    await fc.assert(
      fc.asyncProperty(oddDocument, async (doc) => {
        const before = await storeContents(deps.store)
        const body = JSON.stringify(doc) ?? 'null'
        const res = await request(app)
          .post('/v1/releases')
          .set('authorization', `Bearer ${token}`)
          .set('content-type', 'application/json')
          .send(body)
        expect(res.status).toBeLessThan(500)
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
          expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|\/work\/|node_modules/)
          expect(await storeContents(deps.store)).toEqual(before)
        }
      }),
      { numRuns: runs },
    )
  })

  it('when a release revises a fact that does not exist yet at its release position, then it is refused and nothing changes', async () => {
    const before = await storeContents(deps.store)
    const text = stringify({
      releases: [
        {
          id: 'too-early',
          title: 'Too early',
          series: 'Star Trek: Short Treks',
          kind: 'short',
          date: '2019-06-01',
          changes: [{ revise: 'mars-attack.casualties', kind: 'retcon', value: { atLeast: 1 } }],
        },
      ],
    })
    const result = await appendFiles(deps, [{ source: 'too-early.yaml', text }])()
    expect(E.isLeft(result)).toBe(true)
    expect(JSON.stringify(result)).toMatch(/ClaimNotYetAsserted/)
    expect(await storeContents(deps.store)).toEqual(before)
  })
})
