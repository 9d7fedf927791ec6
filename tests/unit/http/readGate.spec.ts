import { describe, expect, it } from 'vitest'
import type { Representation } from '../../../src/http/representation'
import { jsonRepresentation } from '../../../src/http/representation'
import type { GateOptions } from '../../../src/http/readGate'
import { gatedRepresentations } from '../../../src/http/readGate'
import type { ReadRequest } from '../../../src/http/representationCache'
import { computed } from '../../../src/http/representationCache'

/**
 * A gate on a clock and an event loop of the test's own: each read advances the clock by its
 * cost, and `turn()` runs what was scheduled for after the loop turned.
 */
const world = (options: Partial<GateOptions> = {}) => {
  let t = 0
  let scheduled: Array<() => void> = []
  const ran: string[] = []
  const overBudget: Array<[string, number]> = []
  const gate = gatedRepresentations(computed, {
    sliceMs: 10,
    maxQueue: 100,
    maxWaitMs: 1_000,
    budgetMs: 50,
    now: () => t,
    later: (f) => scheduled.push(f),
    onOverBudget: (key, ms) => overBudget.push([key, ms]),
    ...options,
  })
  const read = (key: string, costMs: number, fail = false): ReadRequest => ({
    head: 1n,
    key,
    represent: () => {
      t += costMs
      ran.push(key)
      if (fail) throw new Error(`read ${key} failed`)
      return jsonRepresentation({ key })
    },
  })
  const turn = () => {
    const now = scheduled
    scheduled = []
    now.forEach((f) => f())
  }
  return {
    gate,
    read,
    turn,
    ran,
    overBudget,
    wait: (ms: number) => {
      t += ms
    },
  }
}

const statusOf = async (a: Representation | Promise<Representation>) => (await a).status

describe('given a gate for computed reads (slices of 10 ms)', () => {
  describe('when reads arrive while the slice lasts', () => {
    it('then they run at once, in the order they came', () => {
      const w = world()
      const answers = ['a', 'b', 'c'].map((k) => w.gate(w.read(k, 3)))
      expect(w.ran).toEqual(['a', 'b', 'c'])
      expect(answers.every((a) => !(a instanceof Promise))).toBe(true)
    })
  })

  describe('when reads arrive after the slice ran out', () => {
    it('then they wait until the event loop has turned, and run a slice at a time, in order', async () => {
      const w = world()
      void w.gate(w.read('a', 12))
      const later = ['b', 'c', 'd'].map((k) => w.gate(w.read(k, 6)))
      expect(w.ran).toEqual(['a'])
      w.turn()
      // b (6 ms) and c (6 ms more: the slice's 10 ms are then spent) run; d waits a turn more.
      expect(w.ran).toEqual(['a', 'b', 'c'])
      w.turn()
      expect(w.ran).toEqual(['a', 'b', 'c', 'd'])
      expect(await Promise.all(later.map(statusOf))).toEqual([200, 200, 200])
    })

    it('then each slice runs at least one read, so the queue moves even with slices of 0 ms', () => {
      const w = world({ sliceMs: 0 })
      void w.gate(w.read('a', 1))
      void w.gate(w.read('b', 1))
      void w.gate(w.read('c', 1))
      w.turn()
      expect(w.ran).toEqual(['a', 'b'])
      w.turn()
      expect(w.ran).toEqual(['a', 'b', 'c'])
    })
  })

  describe('when the queue is full', () => {
    it('then one more read is answered 503 busy with Retry-After at once, and not computed', async () => {
      const w = world({ maxQueue: 1 })
      void w.gate(w.read('a', 20))
      void w.gate(w.read('b', 1))
      const refused = await w.gate(w.read('c', 1))
      expect(refused.status).toBe(503)
      expect(refused.headers?.['Retry-After']).toMatch(/^[1-9]\d*$/)
      expect(JSON.parse(refused.body.toString())).toMatchObject({
        type: 'https://canon-ledger.dev/problems/busy',
      })
      w.turn()
      expect(w.ran).toEqual(['a', 'b'])
    })
  })

  describe('when a read waited past its bound before its turn came', () => {
    it('then it is answered 503 busy with Retry-After, and not computed; the next read is served', async () => {
      const w = world({ maxWaitMs: 100 })
      void w.gate(w.read('a', 20))
      const late = w.gate(w.read('b', 1))
      w.wait(150)
      w.turn()
      const refused = await late
      expect(refused.status).toBe(503)
      expect(refused.headers?.['Retry-After']).toBeDefined()
      expect(w.ran).toEqual(['a'])
      expect(await statusOf(w.gate(w.read('c', 1)))).toBe(200)
    })
  })

  describe('when a read costs more than its budget', () => {
    it('then it is answered, and reported with its key and time', () => {
      const w = world()
      const answer = w.gate(w.read('slow', 70)) as Representation
      expect(answer.status).toBe(200)
      expect(w.overBudget).toEqual([['slow', 70]])
    })
  })

  describe('when a waiting read fails', () => {
    it('then its request fails (the error handler answers it), and the reads after it run', async () => {
      const w = world()
      void w.gate(w.read('a', 20))
      const failing = w.gate(w.read('b', 1, true))
      const next = w.gate(w.read('c', 1))
      w.turn()
      await expect(failing).rejects.toThrow('read b failed')
      expect(await statusOf(next)).toBe(200)
    })
  })
})
