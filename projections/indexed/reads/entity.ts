import * as E from 'fp-ts/Either'
import type { EntityAnswer } from '../../port/answers'
import type { EntityQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { entityMissing } from '../../port/describe'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { entityAnswerAt } from '../entityAnswer'

/** An entity's canon at a cut, from the columns (the hot read: no step it does not need). */
export const entityRead = (b: Basis, q: EntityQuery): E.Either<ReadError, EntityAnswer> => {
  const at = atCut(b, q.at)
  if (E.isLeft(at)) return at
  const found = resolveEntity(at.right, q.entity)
  if (E.isLeft(found)) return found
  const answer = entityAnswerAt(at.right, found.right.e, q.entity, found.right.matched)
  return answer === undefined
    ? E.left(entityMissing(q.entity, q.at.release, q.at.policy, []))
    : E.right(answer)
}
