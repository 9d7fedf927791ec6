import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../src/domain/events'
import type { EntityId } from '../../src/domain/ids'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { CutAnswer } from '../port/answers'
import type { Cut, ReleaseCut } from '../port/cut'
import type { QueryField, ReadError } from '../port/errors'
import { entityAmbiguous, entityMissing, positionOf } from '../port/describe'
import type { Naming } from '../answers/naming'
import { releaseRefs } from '../answers/naming'
import { cutAnswer } from '../answers/cut'
import type { LedgerView } from './ledgerView'
import { ledgerView } from './ledgerView'
import type { Admitted } from './admission'
import { admissionOf, admittedOf } from './admission'
import type { CanonState, ClaimOrigins } from './canon'
import { claimOrigins, foldCanon } from './canon'
import { canonicalEntity } from './entityView'
import type { Candidate } from './lookup'
import { lookupEntity } from './lookup'

/** Canon at a cut, folded from the events: what every reference read starts from. */
export interface AtCut {
  readonly view: LedgerView
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
  readonly admitted: Admitted
  readonly origins: ClaimOrigins
  readonly state: CanonState
  readonly naming: Naming
  readonly answer: CutAnswer
}

/** The ledger as it stood at a position (the head if none is asked): the view every cut reads. */
export const viewAt = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  asked: bigint | undefined,
): E.Either<ReadError, LedgerView> =>
  E.map((position: bigint) => ledgerView(events, position))(positionOf(asked, head))

/** Claim origins of every release read, live ones last so that they win over withdrawn ones. */
export const originsOf = (view: LedgerView): ClaimOrigins =>
  claimOrigins([...view.withdrawn, ...view.releases])

/** The state of canon a release cut and a policy admit of a ledger view. */
export const atCutOf = (
  view: LedgerView,
  cut: ReleaseCut,
  policy: CanonPolicy,
  field?: QueryField,
): E.Either<ReadError, AtCut> =>
  pipe(
    admissionOf(view, cut, field),
    E.map((admits) => {
      const admitted = admittedOf(view, admits, policy)
      const origins = originsOf(view)
      const state = foldCanon(admitted.releases, origins)
      return {
        view,
        cut,
        policy,
        admitted,
        origins,
        state,
        naming: {
          nameOf: (id: EntityId) => state.entities.get(id)?.name,
          rootOf: (id: EntityId) => canonicalEntity(state, id),
          release: releaseRefs([...admitted.releases, ...admitted.withdrawn]),
        },
        answer: cutAnswer(cut, policy, view.position, {
          count: admitted.releases.length,
          last: admitted.releases[admitted.releases.length - 1]?.release,
        }),
      }
    }),
  )

/** Canon at every axis of a cut, read from the events up to the reader's head. */
export const atCut = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  cut: Cut,
): E.Either<ReadError, AtCut> =>
  pipe(
    viewAt(events, head, cut.ledgerPosition),
    E.flatMap((view) => atCutOf(view, cut.release, cut.policy)),
  )

/**
 * An entity named by id, name or alias at the cut. A miss's suggestions come from the state
 * at the cut only, so they cannot spoil what comes later.
 */
export const resolveEntity = (
  at: AtCut,
  query: string,
): E.Either<ReadError, { readonly entity: EntityId; readonly matched: Candidate }> => {
  const found = lookupEntity(at.state, query)
  switch (found._tag) {
    case 'Found':
      return E.right({ entity: found.entity, matched: found.matched })
    case 'Ambiguous':
      return E.left(
        entityAmbiguous(query, at.cut, at.policy, [
          ...new Set(found.candidates.map((c) => c.entity)),
        ]),
      )
    case 'Missing':
      return E.left(entityMissing(query, at.cut, at.policy, found.suggestions))
    default: {
      const never: never = found
      return never
    }
  }
}
