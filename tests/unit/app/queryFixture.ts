import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { commandOf } from '../../support/builders'
import type { LedgerEvent } from '../../../src/domain/events'
import { universeId } from '../../../src/domain/ids'
import type { LedgerDeps } from '../../../src/app/ledger'
import { execute } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import type { AppError } from '../../../src/app/errors'
import { memoryStore } from '../../../src/store/memory/memoryStore'

/** Deps over a fresh memory store, with a clock that ticks one second per reading. */
export const memoryDeps = (): LedgerDeps => {
  let tick = 0
  return {
    store: memoryStore(),
    universe: universeId('test'),
    clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
    hash: (s) => createHash('sha256').update(s).digest('hex'),
  }
}

/**
 * Given a ledger: each event is appended through the real write path (decide, then append),
 * one append per event, in the order given, so positions follow that order.
 */
export const givenLedger = async (...events: ReadonlyArray<LedgerEvent>): Promise<LedgerDeps> => {
  const deps = memoryDeps()
  for (const event of events) await appendAll(deps, event)
  return deps
}

export const appendAll = async (deps: LedgerDeps, ...events: ReadonlyArray<LedgerEvent>) => {
  const r = await execute(
    deps,
    events.map((e) => ({ command: commandOf(e), source: 'spec' })),
  )()
  if (E.isLeft(r)) throw new Error(`the spec's ledger was refused: ${describeAppError(r.left)}`)
}

/** The answer of a use case, or the spec fails naming the error. */
export const right = <A>(r: E.Either<AppError, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected an answer, got: ${describeAppError(r.left)}`)
  return r.right
}

export const left = <A>(r: E.Either<AppError, A>): AppError => {
  if (E.isRight(r)) throw new Error(`expected an error, got an answer: ${JSON.stringify(r.right)}`)
  return r.left
}
