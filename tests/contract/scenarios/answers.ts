import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import type { ReadError } from '../../../projections/port/errors'
import { describeReadError } from '../../../projections/port/errors'
import type { ClaimAnswer, EntityAnswer } from '../../../projections/port/answers'

/** The answer of a read that must answer (the spec fails naming the refusal otherwise). */
export const answered = <A>(r: E.Either<ReadError, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected an answer, got: ${describeReadError(r.left)}`)
  return r.right
}

/** The one claim of an entity's fact at the cut. */
export const claimOf = (a: EntityAnswer, predicate: string): ClaimAnswer => {
  const fact = a.facts.find((f) => f.predicate === predicate)
  expect(fact, `fact ${predicate} of ${a.entity.id}`).toBeDefined()
  const claim = fact?.claims[0]
  if (claim === undefined) throw new Error(`fact ${predicate} has no claim`)
  return claim
}
