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
import { renderEntity } from '../render'

export const registerShow = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addCutOptions(
    program
      .command('show')
      .summary("an entity's canon at a cut: each fact with its source and revision kind")
      .description(
        `Show what viewers knew about an entity at a cut. Conflicting claims of one tier are all shown. The entity may be named by id, name or alias.\n\n${cutHelp}`,
      )
      .argument('<entity>', 'entity id (event/mars-attack), name or alias'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon show event/mars-attack --as-of pic-s1e01\n  $ canon show "Commodore Oh" --as-of-date 2024-07-01 --canon all\n  $ canon show event/mars-attack --watched st-children-of-mars,..pic-s1e10,pro-s2e20\n',
    )
    .action(async (entity: string, opts: CutFlags & Json, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (ledger, at) =>
          pipe(
            readOnce(ledger.deps, (r) => r.entity({ entity, at })),
            TE.map((a): Rendered => ({ json: a, text: renderEntity(a) })),
          ),
        ),
      ),
    )
}
