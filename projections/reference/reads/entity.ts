import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { EntityAnswer } from '../../port/answers'
import type { EntityQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { entityMissing } from '../../port/describe'
import { entityAnswerOf } from '../../answers/entity'
import { atCut, resolveEntity } from '../atCut'
import { entityView } from '../entityView'

/** An entity's canon at a cut: the view of the fold of exactly what the cut admits. */
export const entityRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: EntityQuery,
): E.Either<ReadError, EntityAnswer> =>
  pipe(
    atCut(events, head, q.at),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ entity, matched }) => {
          const view = entityView(at.state, entity)
          return view === undefined
            ? E.left(entityMissing(q.entity, q.at.release, q.at.policy, []))
            : E.right({
                at: at.answer,
                matched: { query: q.entity, text: matched.text, by: matched.by },
                ...entityAnswerOf(at.naming, view),
              })
        }),
      ),
    ),
  )
