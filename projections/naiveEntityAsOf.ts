import * as E from 'fp-ts/Either'
import type { Recorded } from '../src/domain/events'
import type { EntityId } from '../src/domain/ids'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import { claimOrigins, foldCanon } from './canon'
import type { CutError, ReleaseCut } from './cut'
import { admittedReleases } from './cut'
import type { EntityView } from './entityView'
import { entityView } from './entityView'
import { ledgerView } from './ledgerView'

/**
 * The reference answer every faster path must equal: read the ledger at the position, cut it
 * on the release axis, fold canon under the policy (claim origins from every release of the
 * ledger view), and view the entity.
 */
export const naiveEntityAsOf = (
  events: ReadonlyArray<Recorded>,
  id: EntityId,
  cut: ReleaseCut,
  policy: CanonPolicy,
  at?: bigint,
): E.Either<CutError, EntityView | undefined> => {
  const view = ledgerView(events, at)
  return E.map((admitted: Parameters<typeof foldCanon>[0]) =>
    entityView(foldCanon(admitted, policy, claimOrigins(view.releases)), id),
  )(admittedReleases(view, cut))
}
