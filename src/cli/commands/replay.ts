import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { ReplayProgress } from '../../app/replay'
import { replayLedger } from '../../app/replay'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions } from '../runner'
import { withLedger } from '../runner'
import { progressBar, table } from '../output'

export const registerReplay = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('replay')
    .summary('rebuild every projection from the store, with progress and a summary')
    .description(
      'Read the whole ledger from the store page by page and rebuild every projection (the\n' +
        'decider state, canon on-screen and with all sources). Nothing is written. On a terminal a\n' +
        'progress bar is drawn on stderr; a summary (events, releases, claims, entities,\n' +
        'corrections, time taken) is printed at the end.',
    )
    .option('--json', 'machine-readable summary')
    .addHelpText('after', '\nExample:\n  $ canon replay\n')
    .action(async (opts: CommonOptions, command: Command) => {
      const bar = ctx.io.isTTY && opts.json !== true
      const onProgress = (p: ReplayProgress): void => {
        if (!bar) return
        ctx.io.stderr(
          p.phase === 'read'
            ? `\rreading events: ${p.done}`
            : progressBar('folding releases', p.done, p.total),
        )
      }
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              replayLedger(ledger.deps, onProgress),
              TE.tap(() => TE.fromIO(() => (bar ? ctx.io.stderr('\n') : undefined))),
              TE.map((s) => ({
                json: s,
                text:
                  table(
                    ['events', 'releases', 'withdrawn', 'corrections', 'entities', 'claims', 'ms'],
                    [
                      [
                        s.events,
                        s.releases,
                        s.withdrawn,
                        s.corrections,
                        s.entities,
                        s.claims,
                        s.ms,
                      ].map(String),
                    ],
                  ) + `replayed ${s.events} events from ${ledger.storeName} in ${s.ms} ms\n`,
              })),
            ),
        ),
      )
    })
}
