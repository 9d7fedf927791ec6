import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { CliContext } from '../context'
import type { CutFlags } from '../cutOptions'
import { addCutOptions, parseCut } from '../cutOptions'
import type { Json } from '../readCommand'
import { cutHelp, query } from '../readCommand'
import type { Rendered } from '../runner'
import { readOnce } from '../../app/reads'
import { renderSearch } from '../render'

export const registerSearch = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addCutOptions(
    program
      .command('search')
      .summary('entities whose name, alias or id matches a text, among those the cut admits')
      .description(
        `Find entities by name, alias or id (or part of one, or a close spelling).\n\n${cutHelp}`,
      )
      .argument('<text>', 'a name, alias or id, or part of one'),
  )
    .option('--limit <n>', 'at most n hits (1 to 50; default 20)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon search utopia --as-of pic-s1e01\n')
    .action(async (text: string, opts: CutFlags & Json & { limit?: string }, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (ledger, at) =>
          pipe(
            readOnce(ledger.deps, (r) =>
              r.search({
                text,
                at,
                ...(opts.limit === undefined ? {} : { limit: Number(opts.limit) }),
              }),
            ),
            TE.map((a): Rendered => ({ json: a, text: renderSearch(a) })),
          ),
        ),
      ),
    )
}
