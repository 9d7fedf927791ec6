import * as E from 'fp-ts/Either'
import type { PageAnswer, PageRequest } from '../../projections/port/page'
import { pageLimits } from '../../projections/port/page'
import type { ReadError } from '../../projections/port/errors'
import type { CliContext } from './context'
import { jsonLine, terminalSafe } from './output'

/**
 * Prints a paged read as it is read. With a page asked for (--limit, --cursor): that page and,
 * when there is more, the cursor to ask for the next. Otherwise every page in turn, each
 * printed before the next is read, so memory stays flat however long the answer. `--json`
 * prints one JSON answer per line, one line per page (exactly what HTTP returns for it).
 */
export const printPages = <A extends { readonly page: PageAnswer }>(
  ctx: CliContext,
  json: boolean,
  asked: PageRequest | undefined,
  read: (page: PageRequest) => E.Either<ReadError, A>,
  text: (answer: A, first: boolean) => string,
): E.Either<ReadError, void> => {
  let request: PageRequest = asked ?? { limit: pageLimits.max }
  for (let first = true; ; first = false) {
    const answer = read(request)
    if (E.isLeft(answer)) return answer
    ctx.io.stdout(json ? jsonLine(answer.right) : terminalSafe(text(answer.right, first)))
    const next = answer.right.page.next
    if (next === null) return E.right(undefined)
    if (asked !== undefined) {
      if (!json) ctx.io.stdout(`\nmore: ask again with --cursor ${next}\n`)
      return E.right(undefined)
    }
    request = { ...request, cursor: next }
  }
}
