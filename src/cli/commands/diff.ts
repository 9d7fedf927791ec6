import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { CliContext } from '../context'
import type { CutFlags, PageFlags } from '../cutOptions'
import { addCutOptions, addPageOptions, parseCut, parsePage } from '../cutOptions'
import type { Json } from '../readCommand'
import { bad, pagedQuery } from '../readCommand'
import { parseCutTerm } from '../../../projections/port/cutText'
import { renderDiff } from '../render'

export const registerDiff = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addPageOptions(
    addCutOptions(
      program
        .command('diff')
        .summary('what changed between two cuts, each change classified')
        .description(
          'List what changed after FROM up to and including TO: asserted, confirmed, revised ' +
            '(revelation / retcon / refinement / expansion / reattribution), retracted, ' +
            'identified, introduced, appeared, aliased; and each fact before and after. FROM and ' +
            'TO are each a release id, a date (YYYY-MM-DD, in --region if given), start, latest, ' +
            'or watched:A,B..C. FROM must admit nothing TO does not. --canon and ' +
            '--ledger-position apply to both ends.',
        )
        .argument('<from>', 'the earlier cut: a release id, a date, start, or watched:...')
        .argument('<to>', 'the later cut: a release id, a date, latest, or watched:...')
        .option('--entity <entity>', 'only this entity (id, name or alias)'),
    ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon diff pic-s1e01 pro-s2e20 --entity event/mars-attack\n  $ canon diff start 2020-12-31 --limit 20\n',
    )
    .action(
      async (
        from: string,
        to: string,
        opts: CutFlags & PageFlags & Json & { entity?: string },
        command: Command,
      ) =>
        done(
          await pagedQuery(
            ctx,
            command,
            opts.json === true,
            pipe(
              E.Do,
              E.bind('ends', () =>
                opts.asOf !== undefined || opts.asOfDate !== undefined || opts.watched !== undefined
                  ? bad(
                      'diff takes its two cuts as FROM and TO, not --as-of, --as-of-date or --watched',
                    )
                  : E.right(undefined),
              ),
              E.bind('from', () => term('FROM', from, opts.region)),
              E.bind('to', () => term('TO', to, opts.region)),
              E.bind('at', () => parseCut({ ...opts, region: undefined })),
              E.bind('page', () => parsePage(opts)),
            ),
            (r, p, page) =>
              r.diff({
                from: p.from,
                to: p.to,
                policy: p.at.policy,
                ...(p.at.ledgerPosition === undefined
                  ? {}
                  : { ledgerPosition: p.at.ledgerPosition }),
                ...(opts.entity === undefined ? {} : { entity: opts.entity }),
                page,
              }),
            renderDiff,
          ),
        ),
    )
}

const term = (name: string, text: string, region: string | undefined) => {
  const cut = parseCutTerm(text, region)
  return E.isLeft(cut) ? bad(`${name} '${text}': ${cut.left}`) : E.right(cut.right)
}
