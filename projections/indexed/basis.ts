import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
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

/** The events a ledger position admits (the head when none is asked), refused past the head. */
export const eventOf = (b: Basis, asked: bigint | undefined): E.Either<ReadError, number> =>
  E.map((position: bigint) => (asked === undefined ? b.k : eventAt(b.ix, b.k, position)))(
    positionOf(asked, b.head),
  )

export const atRelease = (
  b: Basis,
  k: number,
  cut: ReleaseCut,
  policy: CanonPolicy,
  field?: QueryField,
): E.Either<ReadError, At> => E.map(atOf)(admissionOf(b.ix, k, cut, policy, field))

/** Canon at every axis of a cut. */
export const atCut = (b: Basis, cut: Cut): E.Either<ReadError, At> =>
  pipe(
    eventOf(b, cut.ledgerPosition),
    E.flatMap((k) => atRelease(b, k, cut.release, cut.policy)),
  )

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
