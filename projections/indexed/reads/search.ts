import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { SearchAnswer } from '../../port/answers'
import type { SearchQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { checkSearch } from '../../reference/reads/search'
import type { Basis } from '../basis'
import { atCut } from '../basis'
import { cutAnswerOf } from '../admission'
import { searchAt } from '../lookup'

const rankNames = ['exact', 'prefix', 'contains', 'similar'] as const

/** Entities whose id, name or alias matches a text, among those the cut admits. */
export const searchRead = (b: Basis, q: SearchQuery): E.Either<ReadError, SearchAnswer> =>
  pipe(
    checkSearch(q),
    E.flatMap((limit) =>
      E.map((at: Parameters<typeof searchAt>[0]): SearchAnswer => ({
        at: cutAnswerOf(at.a),
        query: q.text,
        hits: searchAt(at, q.text, limit).map((h) => ({
          id: h.entity,
          name: h.state.name,
          aliases: h.state.aliases,
          matched: h.matched.text,
          by: h.matched.by,
          rank: rankNames[h.rank],
        })),
      }))(atCut(b, q.at)),
    ),
  )
