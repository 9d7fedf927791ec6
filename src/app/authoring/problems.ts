import type * as t from 'io-ts'
import type { Locator } from '../decodeProblems'
import { decodeProblems, pathOf, whereOf } from '../decodeProblems'
import { verbatim } from './strict'

export { pathOf }

/**
 * One line per problem: where (the path, and the line and column when the input was a file),
 * what was expected, what was found; the authoring codecs' own sentences (marked verbatim) are
 * said as they are. At most 20 lines.
 */
export const authoringProblems = (errors: t.Errors, locate?: Locator): ReadonlyArray<string> => {
  const own = errors.filter((e) => e.message?.startsWith(verbatim) === true)
  const rest = errors.filter((e) => e.message?.startsWith(verbatim) !== true)
  const lines = [
    ...own.map((e) => `${whereOf(e.context, locate)}: ${(e.message ?? '').slice(verbatim.length)}`),
    ...decodeProblems(rest, locate),
  ]
  return [...new Set(lines)].slice(0, 20)
}
