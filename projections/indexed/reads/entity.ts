import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityAnswer } from '../../port/answers'
import type { EntityQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { entityMissing } from '../../port/describe'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { entityAnswerAt } from '../entityAnswer'

/** An entity's canon at a cut, from the columns. */
export const entityRead = (b: Basis, q: EntityQuery): E.Either<ReadError, EntityAnswer> =>
  pipe(
    atCut(b, q.at),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ e, matched }) => {
          const answer = entityAnswerAt(at, e, q.entity, matched)
          return answer === undefined
            ? E.left(entityMissing(q.entity, q.at.release, q.at.policy, []))
            : E.right(answer)
        }),
      ),
    ),
  )
