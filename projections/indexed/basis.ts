import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { Cut, ReleaseCut } from '../port/cut'
import type { QueryField, ReadError } from '../port/errors'
import { entityAmbiguous, entityMissing, positionOf } from '../port/describe'
import type { Candidate } from '../reference/lookup'
import type { At } from './at'
import { atOf } from './at'
import { admissionOf, eventAt } from './admission'
import type { LedgerIndex } from './ledgerIndex'
import { lookupAt } from './lookup'

/** What a reader reads: the index, up to its head event `k` (ledger position `head`). */
export interface Basis {
  readonly ix: LedgerIndex
  readonly k: number
  readonly head: bigint
}

/*
 * The functions of every read's way in (a cut resolved, an entity found) test their Eithers
 * directly: fp-ts's curried combinators cost more than the rest of an entity read's lookup.
 */

/** The events a ledger position admits (the head when none is asked), refused past the head. */
export const eventOf = (b: Basis, asked: bigint | undefined): E.Either<ReadError, number> => {
  if (asked === undefined) return E.right(b.k)
  const position = positionOf(asked, b.head)
  return E.isLeft(position) ? position : E.right(eventAt(b.ix, b.k, position.right))
}

export const atRelease = (
  b: Basis,
  k: number,
  cut: ReleaseCut,
  policy: CanonPolicy,
  field?: QueryField,
): E.Either<ReadError, At> => {
  const admission = admissionOf(b.ix, k, cut, policy, field)
  return E.isLeft(admission) ? admission : E.right(atOf(admission.right))
}

/** Canon at every axis of a cut. */
export const atCut = (b: Basis, cut: Cut): E.Either<ReadError, At> => {
  const k = eventOf(b, cut.ledgerPosition)
  return E.isLeft(k) ? k : atRelease(b, k.right, cut.release, cut.policy)
}

/** An entity named by id, name or alias at the cut, or the refusal the reference gives. */
export const resolveEntity = (
  at: At,
  query: string,
): E.Either<ReadError, { readonly e: number; readonly matched: Candidate }> => {
  const found = lookupAt(at, query)
  switch (found._tag) {
    case 'Found':
      return E.right({ e: found.entity, matched: found.matched })
    case 'Ambiguous':
      return E.left(
        entityAmbiguous(query, at.a.cut, at.a.policy, [
          ...new Set(found.candidates.map((c) => c.entity)),
        ]),
      )
    case 'Missing':
      return E.left(entityMissing(query, at.a.cut, at.a.policy, found.suggestions))
    default: {
      const never: never = found
      return never
    }
  }
}
