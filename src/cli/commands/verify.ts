import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { describeChainBreak } from '../../domain/hashChain'
import { verifyLedger } from '../../app/verify'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions } from '../runner'
import { withLedger } from '../runner'
import { exitOk, exitRefused } from '../output'

export const registerVerify = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('verify')
    .summary('walk the hash chain and report the first break')
    .description(
      "Walk the universe's hash chain over the events exactly as stored. Each event carries its\n" +
        "predecessor's hash, so an altered, dropped or reordered event is found. Exit code 0 when\n" +
        'the chain holds, 1 with the first bad position when it does not.',
    )
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon verify --store ./canon-ledger.sqlite\n')
    .action(async (opts: CommonOptions, command: Command) =>
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              verifyLedger(ledger.deps),
              TE.map((report) => {
                const ok = report.firstBreak === undefined
                return {
                  code: ok ? exitOk : exitRefused,
                  json: {
                    ok,
                    checked: report.checked,
                    head: report.head,
                    firstBreak:
                      report.firstBreak === undefined
                        ? null
                        : {
                            type: report.firstBreak._tag,
                            position: report.firstBreak.position.toString(),
                            message: describeChainBreak(report.firstBreak),
                          },
                  },
                  text: ok
                    ? `chain verified: ${report.checked} events, head ${report.head}\n`
                    : `chain BROKEN at position ${report.firstBreak?.position ?? '?'}: ${
                        report.firstBreak === undefined ? '' : describeChainBreak(report.firstBreak)
                      } (${report.checked} events verified before it)\n`,
                }
              }),
            ),
        ),
      ),
    )
}
