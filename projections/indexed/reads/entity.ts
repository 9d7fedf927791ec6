import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityAnswer } from '../../port/answers'
import type { EntityQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { entityMissing } from '../../port/describe'
import { entityAnswerOf } from '../../answers/entity'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { cutAnswerOf } from '../admission'
import { entityViewAt } from '../entityView'
import { namingAt } from '../views'

/** An entity's canon at a cut, from the columns. */
export const entityRead = (b: Basis, q: EntityQuery): E.Either<ReadError, EntityAnswer> =>
  pipe(
    atCut(b, q.at),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ e, matched }) => {
          const view = entityViewAt(at, e)
          return view === undefined
            ? E.left(entityMissing(q.entity, q.at.release, q.at.policy, []))
            : E.right({
                at: cutAnswerOf(at.a),
                matched: { query: q.entity, text: matched.text, by: matched.by },
                ...entityAnswerOf(namingAt(at), view),
              })
        }),
      ),
    ),
  )
