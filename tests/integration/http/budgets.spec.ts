import { describe, expect, it } from 'vitest'
import type { LedgerDeps } from '../../../src/app/ledger'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import type { EventStore } from '../../../src/store/port'
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

interface Verify {
  readonly ok: boolean
  readonly checked: number
  readonly head: string
  readonly headPosition: string
}

/** A memory store that counts the pages of the stream read (reads of more than one event). */
const countingStore = (): { readonly store: EventStore; readonly pagesRead: () => number } => {
  const store = memoryStore()
  let pages = 0
  return {
    store: {
      ...store,
      readStream: (stream, options) => {
        if (options?.maxCount === undefined || options.maxCount > 1) pages += 1
        return store.readStream(stream, options)
      },
    },
    pagesRead: () => pages,
  }
}

const release = (id: string) => ({
  id,
  title: `Budget test ${id}`,
  series: 'Star Trek: Prodigy',
  kind: 'episode',
  date: '2024-12-01',
  changes: [
    {
      assert: `mars-attack.${id}`,
      subject: 'event/mars-attack',
      predicate: `fact-${id}`,
      value: `told in ${id}`,
    },
  ],
})

describe('given a server that waits 0 ms for the walk of its ledger (a tiny budget)', () => {
  it('when /v1/verify is asked at a new head, then it is cut off with 503 busy and Retry-After, the server goes on answering, the walk finishes meanwhile, and the ledger is unchanged', async () => {
    const deps: LedgerDeps = await givenStarTrekLedger()
    const app = appOn(deps, { limits: { readWaitMs: 0 } })
    const before = await storeContents(deps.store)
    const first = await get(app, '/v1/verify')
    expect(first.status).toBe(503)
    expect(first.headers['content-type']).toContain('application/problem+json')
    expect(first.body.type).toBe(problemType('busy'))
    expect(first.headers['retry-after']).toMatch(/^[1-9]\d*$/)
    expect(first.body.detail).toContain('ask again in')
    // The server answers the next request, a read and /health, while the walk goes on.
    expect((await get(app, '/health')).status).toBe(200)
    expect((await get(app, '/v1/entities/event/mars-attack')).status).toBe(200)
    // Asked again (as Retry-After says), it answers the walk it finished meanwhile.
    let again = await get<Verify>(app, '/v1/verify')
    while (again.status === 503) again = await get<Verify>(app, '/v1/verify')
    expect(again.status).toBe(200)
    expect(again.body.ok).toBe(true)
    expect(await storeContents(deps.store)).toEqual(before)
  })
})

describe('given a server over the Star Trek ledger', () => {
  it('when /v1/verify is asked again at the same head, then the walk kept is answered: no page of the stream is read again', async () => {
    const counting = countingStore()
    const deps = await givenStarTrekLedger(depsOn(counting.store))
    const app = appOn(deps)
    const first = await get<Verify>(app, '/v1/verify')
    expect(first.status).toBe(200)
    const pagesAfterFirst = counting.pagesRead()
    expect(pagesAfterFirst).toBeGreaterThan(0)
    const again = await get<Verify>(app, '/v1/verify')
    expect(again.body).toEqual(first.body)
    expect(counting.pagesRead()).toBe(pagesAfterFirst)
  })

  it('when a release is appended, then /v1/verify walks again: its answer names the new head', async () => {
    const deps = await givenStarTrekLedger()
    const app = appOn(deps, { writeToken: token })
    const before = await get<Verify>(app, '/v1/verify')
    const posted = await post(app, '/v1/releases', release('verify-after'), bearer)
    expect(posted.status).toBe(201)
    const after = await get<Verify>(app, '/v1/verify')
    expect(after.body.ok).toBe(true)
    expect(after.body.checked).toBe(before.body.checked + 1)
    expect(BigInt(after.body.headPosition)).toBe(BigInt(before.body.headPosition) + 1n)
    expect(after.body.head).not.toBe(before.body.head)
  })
})
