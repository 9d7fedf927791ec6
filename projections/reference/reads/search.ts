import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { SearchAnswer } from '../../port/answers'
import type { SearchQuery } from '../../port/queries'
import { searchLimits } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { invalidQuery } from '../../port/errors'
import type { AtCut } from '../atCut'
import { atCut } from '../atCut'
import { searchEntities } from '../lookup'

const rankNames = ['exact', 'prefix', 'contains', 'similar'] as const

/** The search text and limit a search may have, whichever shell asks. */
export const checkSearch = (q: SearchQuery): E.Either<ReadError, number> => {
  const limit = q.limit ?? searchLimits.default
  if (q.text.trim() === '' || q.text.length > 100)
    return E.left(invalidQuery('query', 'a search text is 1 to 100 characters'))
  return Number.isInteger(limit) && limit >= 1 && limit <= searchLimits.max
    ? E.right(limit)
    : E.left(
        invalidQuery('limit', `${limit} is not a number of hits from 1 to ${searchLimits.max}`),
      )
}

/** Entities whose id, name or alias matches a text, among those the cut admits. */
export const searchRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: SearchQuery,
): E.Either<ReadError, SearchAnswer> =>
  pipe(
    checkSearch(q),
    E.flatMap((limit) =>
      E.map((at: AtCut): SearchAnswer => ({
        at: at.answer,
        query: q.text,
        hits: searchEntities(at.state, q.text, limit).map((h) => {
          const e = at.state.entities.get(h.entity)
          return {
            id: h.entity,
            name: e?.name ?? '',
            aliases: e?.aliases ?? [],
            matched: h.matched.text,
            by: h.matched.by,
            rank: rankNames[h.rank],
          }
        }),
      }))(atCut(events, head, q.at)),
    ),
  )
