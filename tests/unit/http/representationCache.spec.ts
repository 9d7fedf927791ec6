import { describe, expect, it } from 'vitest'
import type { Representation } from '../../../src/http/representation'
import { jsonRepresentation } from '../../../src/http/representation'
import type { ReadRequest, Represent } from '../../../src/http/representationCache'
import { cachedRepresentations, computed } from '../../../src/http/representationCache'

/** A read whose answer names its head, its key and how many times it was computed. */
const counting = () => {
  let computations = 0
  const request = (head: bigint, key: string, status = 200, bodyBytes = 10): ReadRequest => ({
    head,
    key,
    represent: () => {
      computations += 1
      return jsonRepresentation(
        { head: head.toString(), key, n: computations, pad: 'x'.repeat(bodyBytes) },
        status,
      )
    },
  })
  return { request, computations: () => computations }
}

const bodyOf = async (answer: Representation | Promise<Representation>) =>
  JSON.parse((await answer).body.toString('utf8')) as { head: string; key: string; n: number }

describe('given a representation cache around computed reads', () => {
  describe('when the same request is read twice at one head', () => {
    it('then it is computed once and the second answer is the first, byte for byte', async () => {
      const reads = counting()
      const represent = cachedRepresentations(computed, 1 << 20)
      const first = await represent(reads.request(5n, '/v1/x'))
      const second = await represent(reads.request(5n, '/v1/x'))
      expect(reads.computations()).toBe(1)
      expect(second.body.equals(first.body)).toBe(true)
    })
  })

  describe('when the head moves on (an append)', () => {
    it('then the read is computed again at the new head, never answered from the old one', async () => {
      const reads = counting()
      const represent = cachedRepresentations(computed, 1 << 20)
      await represent(reads.request(5n, '/v1/x'))
      const after = await bodyOf(represent(reads.request(6n, '/v1/x')))
      expect(after).toMatchObject({ head: '6', n: 2 })
      expect(reads.computations()).toBe(2)
    })

    it('then an answer computed at the older head, finishing late, is not kept', async () => {
      const reads = counting()
      // The inner step holds each work until released, as a queued read would be held.
      const waiting: Array<() => void> = []
      const held: Represent = (r) =>
        new Promise((resolve) => waiting.push(() => resolve(r.represent())))
      const releaseAll = () => waiting.splice(0).forEach((go) => go())
      const represent = cachedRepresentations(held, 1 << 20)
      const late = represent(reads.request(5n, '/v1/x'))
      const newer = represent(reads.request(6n, '/v1/y'))
      releaseAll()
      await Promise.all([late, newer])
      const again = represent(reads.request(5n, '/v1/x'))
      releaseAll()
      await again
      expect(reads.computations()).toBe(3)
    })
  })

  describe('when answers are a server failure or a refusal to wait', () => {
    it('then they are never kept; a client refusal (404) is', async () => {
      const reads = counting()
      const represent = cachedRepresentations(computed, 1 << 20)
      await represent(reads.request(1n, '/v1/fail', 503))
      await represent(reads.request(1n, '/v1/fail', 503))
      expect(reads.computations()).toBe(2)
      await represent(reads.request(1n, '/v1/missing', 404))
      await represent(reads.request(1n, '/v1/missing', 404))
      expect(reads.computations()).toBe(3)
    })
  })

  describe('when more is read than its bytes allow', () => {
    it('then the least recently used answers go first, and what is kept stays within the bound', async () => {
      const reads = counting()
      // Room for about two answers of ~1 KB.
      const represent = cachedRepresentations(computed, 2_600)
      await represent(reads.request(1n, 'a', 200, 1000))
      await represent(reads.request(1n, 'b', 200, 1000))
      await represent(reads.request(1n, 'a', 200, 1000)) // a used last: b is the oldest
      await represent(reads.request(1n, 'c', 200, 1000)) // evicts b
      expect(reads.computations()).toBe(3)
      await represent(reads.request(1n, 'a', 200, 1000))
      await represent(reads.request(1n, 'c', 200, 1000))
      expect(reads.computations()).toBe(3)
      await represent(reads.request(1n, 'b', 200, 1000))
      expect(reads.computations()).toBe(4)
    })

    it('then an answer larger than the whole cache is answered, not kept', async () => {
      const reads = counting()
      const represent = cachedRepresentations(computed, 500)
      await represent(reads.request(1n, 'big', 200, 1000))
      await represent(reads.request(1n, 'big', 200, 1000))
      expect(reads.computations()).toBe(2)
    })
  })

  describe('when its size is 0', () => {
    it('then every read is computed', async () => {
      const reads = counting()
      const represent = cachedRepresentations(computed, 0)
      await represent(reads.request(1n, 'a'))
      await represent(reads.request(1n, 'a'))
      expect(reads.computations()).toBe(2)
    })
  })
})
