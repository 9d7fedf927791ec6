import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { allSources } from '../../domain/canonPolicy'
import type { ReplayProgress, ReplaySummary } from '../../app/replay'
import { replayLedger } from '../../app/replay'
import type { CliContext, GlobalFlags } from '../context'
import type { CutFlags } from '../cutOptions'
import { addCutOptions, parseCut } from '../cutOptions'
import { reportFailure, withLedger } from '../runner'
import { table } from '../output'
import { cutLabel } from '../render'

type ReplayFlags = CutFlags & { readonly json?: boolean }

const summaryText = (s: ReplaySummary, storeName: string): string => {
  const last = s.at.lastRelease
  return (
    table(
      ['events', 'releases', ...s.releases.byTier.map((t) => t.tier), 'ms'],
      [[s.events, s.releases.total, ...s.releases.byTier.map((t) => t.count), s.ms].map(String)],
    ) +
    `cut: ${cutLabel(s.at.cut)}, canon ${s.at.policy}, ledger position ${s.at.ledgerPosition}\n` +
    `releases admitted: ${s.at.releasesAdmitted}, the last ${last === null ? 'none' : `${last.id} (${last.title})`}\n` +
    `replayed ${s.events} events from ${storeName} in ${s.ms} ms\n`
  )
}

export const registerReplay = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  const replay = addCutOptions(
    program
      .command('replay')
      .summary('rebuild every projection from the store, as of a cut, with progress and a summary')
      .description(
        'Read the whole ledger from the store page by page and rebuild the reader every ' +
          'query reads; then say where canon stands at a cut (the latest release unless ' +
          '--as-of, --as-of-date or --watched is given; --ledger-position: the ledger as it stood ' +
          'then). Nothing is written. Every source tier counts unless --canon is given. On a ' +
          'terminal, progress is drawn on stderr; a summary (events, releases by tier, the cut, ' +
          'time taken) is printed at the end. An unknown release or a position beyond the ' +
          'ledger is refused (exit code 2).',
      ),
    'all (default for replay)',
  )
  replay
    .option('--json', 'machine-readable summary')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ canon replay\n' +
        '  $ canon replay --as-of pic-s1e10\n' +
        '  $ canon replay --as-of-date 2020-12-31 --canon on-screen\n' +
        '  $ canon replay --ledger-position 3 --json\n',
    )
    .action(async (opts: ReplayFlags, command: Command) => {
      // Replay counts every source unless asked otherwise.
      const parsed = parseCut(opts, allSources)
      if (E.isLeft(parsed)) return done(reportFailure(ctx, parsed.left))
      const request = parsed.right
      const bar = ctx.io.isTTY && opts.json !== true
      const onProgress = (p: ReplayProgress): void => {
        if (!bar) return
        switch (p.phase) {
          case 'read':
            return ctx.io.stderr(`\rreading and filing events: ${p.done}`)
          case 'built':
            return ctx.io.stderr(' done\n')
          default: {
            const never: never = p
            return never
          }
        }
      }
      return done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              replayLedger(ledger.deps, request, onProgress),
              // A refusal starts on its own line, not after the progress drawn so far.
              TE.tapError(() => TE.fromIO(() => (bar ? ctx.io.stderr('\n') : undefined))),
              TE.map((s) => ({ json: s, text: summaryText(s, ledger.storeName) })),
            ),
        ),
      )
    })
}
