import type { Command } from 'commander'
import type { CliContext } from '../context'
import type { CutFlags, PageFlags } from '../cutOptions'
import { addCutOptions, addPageOptions } from '../cutOptions'
import type { Json } from '../readCommand'
import { cutAndPage, cutHelp, pagedQuery } from '../readCommand'
import { allSources } from '../../domain/canonPolicy'
import { renderReleases } from '../render'

export const registerReleases = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addPageOptions(
    addCutOptions(
      program
        .command('releases')
        .summary('releases in release order (date, then tie-break)')
        .description(
          "The release catalog in release order: date, then the day's tie-break (a season released " +
            `at once sorts by episode). Every tier unless --canon is given.\n\n${cutHelp}`,
        )
        .option('--series <name>', 'only this series (case-insensitive)'),
      'all (default for releases)',
    ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon releases\n  $ canon releases --as-of-date 2020-12-31 --series "Star Trek: Picard"\n',
    )
    .action(async (opts: CutFlags & PageFlags & Json & { series?: string }, command: Command) =>
      done(
        await pagedQuery(
          ctx,
          command,
          opts.json === true,
          cutAndPage(opts, allSources),
          (r, p, page) =>
            r.releases({
              at: p.at,
              ...(opts.series === undefined ? {} : { series: opts.series }),
              page,
            }),
          renderReleases,
        ),
      ),
    )
}
