import type * as t from 'io-ts'
import { decodeProblems, pathOf, where } from '../decodeProblems'
import { verbatim } from './strict'

export { pathOf }

/**
 * One line per problem: where, what was expected, what was found; the authoring codecs'
 * own sentences (marked verbatim) are said as they are. At most 20 lines.
 */
export const authoringProblems = (errors: t.Errors): ReadonlyArray<string> => {
  const own = errors.filter((e) => e.message?.startsWith(verbatim) === true)
  const rest = errors.filter((e) => e.message?.startsWith(verbatim) !== true)
  const lines = [
    ...own.map((e) => `${where(pathOf(e.context))}: ${(e.message ?? '').slice(verbatim.length)}`),
    ...decodeProblems(rest),
  ]
  return [...new Set(lines)].slice(0, 20)
}
