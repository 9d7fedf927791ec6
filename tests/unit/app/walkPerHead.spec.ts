import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { AppError } from '../../../src/app/errors'
import type { LedgerWalk } from '../../../src/app/verify'
import { walkPerHead } from '../../../src/app/walkPerHead'

/** Walks the test finishes by hand, each ending at the head it is given. */
const walks = () => {
  const pending: Array<(r: E.Either<AppError, LedgerWalk>) => void> = []
  let started = 0
  const walkTo = (last: bigint, lastHash: string): LedgerWalk => ({
    checked: Number(last) + 1,
    head: lastHash,
    headPosition: last,
    last,
    lastHash,
  })
  const perHead = walkPerHead(
    (onProgress) => () => {
      started += 1
      onProgress(3n)
      return new Promise((resolve) => pending.push(resolve))
    },
    () => 0,
  )
  return {
    perHead,
    started: () => started,
    finish: (r: E.Either<AppError, LedgerWalk>) => pending.shift()?.(r),
    walkTo,
  }
}

const head = (position: bigint, hash: string) => ({ position, hash })

describe('given the walk of a ledger kept per head', () => {
  describe('when several ask while a walk goes on', () => {
    it('then one walk is done for all of them, and its progress is seen', async () => {
      const w = walks()
      const a = w.perHead(head(9n, 'h9'))
      const b = w.perHead(head(9n, 'h9'))
      expect(w.started()).toBe(1)
      expect(a._tag === 'Walking' && a.progress().walked).toBe(4n)
      w.finish(E.right(w.walkTo(9n, 'h9')))
      expect(a._tag === 'Walking' && b._tag === 'Walking' && a.result === b.result).toBe(true)
      await (a as { result: Promise<unknown> }).result
    })
  })

  describe('when asked again at the head the walk reached', () => {
    it('then the walk kept is answered, and no walk is started', async () => {
      const w = walks()
      const first = w.perHead(head(9n, 'h9'))
      w.finish(E.right(w.walkTo(9n, 'h9')))
      await (first as { result: Promise<unknown> }).result
      const again = w.perHead(head(9n, 'h9'))
      expect(again).toMatchObject({ _tag: 'Kept', walk: { last: 9n } })
      expect(w.started()).toBe(1)
    })
  })

  describe('when the head moved (an append), or its last event changed in place', () => {
    it('then a new walk is started', async () => {
      const w = walks()
      const first = w.perHead(head(9n, 'h9'))
      w.finish(E.right(w.walkTo(9n, 'h9')))
      await (first as { result: Promise<unknown> }).result
      expect(w.perHead(head(10n, 'h10'))._tag).toBe('Walking')
      w.finish(E.right(w.walkTo(10n, 'h10')))
      await Promise.resolve()
      expect(w.started()).toBe(2)
    })

    it('then a walk at the same position whose hash differs is not the kept one', async () => {
      const w = walks()
      const first = w.perHead(head(9n, 'h9'))
      w.finish(E.right(w.walkTo(9n, 'h9')))
      await (first as { result: Promise<unknown> }).result
      expect(w.perHead(head(9n, 'rewritten'))._tag).toBe('Walking')
    })
  })

  describe('when a walk fails', () => {
    it('then it is not kept: the next ask walks again', async () => {
      const w = walks()
      const first = w.perHead(head(9n, 'h9'))
      w.finish(
        E.left({ _tag: 'Store', error: { _tag: 'Unavailable', store: 'memory', reason: 'down' } }),
      )
      await (first as { result: Promise<unknown> }).result
      expect(w.perHead(head(9n, 'h9'))._tag).toBe('Walking')
      expect(w.started()).toBe(2)
    })
  })
})
