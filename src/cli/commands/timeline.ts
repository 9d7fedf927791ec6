import type { Command } from 'commander'
import type { CliContext } from '../context'
import type { CutFlags, PageFlags } from '../cutOptions'
import { addCutOptions, addPageOptions } from '../cutOptions'
import type { Json } from '../readCommand'
import { cutAndPage, cutHelp, pagedQuery } from '../readCommand'
import { renderTimeline } from '../render'

export const registerTimeline = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addPageOptions(
    addCutOptions(
      program
        .command('timeline')
        .summary('in-universe chronology of what was known at a cut')
        .description(
          'Facts dated in the story (validity and date values), in in-universe order, as known at ' +
            `the cut. Stardates sort after calendar dates: they share no scale.\n\n${cutHelp}`,
        )
        .option('--entity <entity>', 'only this entity'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ canon timeline --as-of pro-s2e20\n')
    .action(async (opts: CutFlags & PageFlags & Json & { entity?: string }, command: Command) =>
      done(
        await pagedQuery(
          ctx,
          command,
          opts.json === true,
          cutAndPage(opts),
          (r, p, page) =>
            r.timeline({
              at: p.at,
              ...(opts.entity === undefined ? {} : { entity: opts.entity }),
              page,
            }),
          renderTimeline,
        ),
      ),
    )
}
