import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { describeChainBreak } from '../../domain/hashChain'
import type { Anchor } from '../../app/anchor'
import { describeAnchorMiss, parseAnchor } from '../../app/anchor'
import type { AppError } from '../../app/errors'
import type { VerifyReport } from '../../app/verify'
import { verified, verifyLedger } from '../../app/verify'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions, Rendered } from '../runner'
import { withLedger } from '../runner'
import { exitOk, exitRefused } from '../output'

interface VerifyOptions extends CommonOptions {
  readonly expectHead?: string
}

const render = (report: VerifyReport): Rendered => {
  const ok = verified(report)
  const b = report.firstBreak
  const lines = [
    b === undefined
      ? `chain verified: ${report.checked} events, head ${report.head}${report.headPosition < 0n ? '' : `@${report.headPosition}`}`
      : `chain BROKEN at position ${b.position}: ${describeChainBreak(b)} (${report.checked} events verified before it)`,
    ...report.anchors.map((a) => {
      const miss = report.misses.find((m) => m.anchor === a)
      return miss === undefined
        ? `anchor held: ${a.source} (position ${a.position})`
        : `anchor MISSED: ${describeAnchorMiss(miss)}`
    }),
    ...(report.integrity === undefined
      ? []
      : report.integrity.length === 0
        ? ['store integrity check: ok']
        : [`store integrity check FAILED: ${report.integrity.slice(0, 10).join('; ')}`]),
  ]
  return {
    code: ok ? exitOk : exitRefused,
    json: {
      ok,
      checked: report.checked,
      head: report.head,
      headPosition: report.headPosition.toString(),
      firstBreak:
        b === undefined
          ? null
          : { type: b._tag, position: b.position.toString(), message: describeChainBreak(b) },
      anchors: report.anchors.map((a) => {
        const miss = report.misses.find((m) => m.anchor === a)
        return {
          source: a.source,
          position: a.position.toString(),
          hash: a.hash,
          ok: miss === undefined,
          ...(miss === undefined ? {} : { message: describeAnchorMiss(miss) }),
        }
      }),
      integrity: report.integrity ?? null,
    },
    text: lines.map((l) => `${l}\n`).join(''),
  }
}

export const registerVerify = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('verify')
    .summary("walk the hash chain, run the store's integrity check, check anchors")
    .description(
      "Walk the universe's hash chain over the events exactly as stored. Each event carries its " +
        "predecessor's hash, so an altered, dropped, reordered or unreadable event is found by its " +
        "position. On SQLite, SQLite's own integrity check runs first. A chain alone cannot show " +
        'that its tail was cut off or that the whole of it was rewritten: anchor it with ' +
        '--expect-head HASH@POSITION (what `canon head` printed) or --checkpoint FILE|URL (what ' +
        '`canon head --out` wrote, signed with --public-key checked). Exit code 0 when everything ' +
        'holds, 1 naming the first fault when it does not.',
    )
    .option('--expect-head <hash@position>', 'the ledger must hold this head (from `canon head`)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon verify\n  $ canon verify --expect-head "$(canon head)"\n',
    )
    .action(async (opts: VerifyOptions, command: Command) =>
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) => {
            const expected: E.Either<AppError, ReadonlyArray<Anchor>> = opts.expectHead ===
            undefined
              ? E.right([])
              : pipe(
                  parseAnchor(opts.expectHead, '--expect-head'),
                  E.map((a) => [a]),
                  E.mapLeft((problem): AppError => ({
                    _tag: 'InvalidInput',
                    source: 'the command line',
                    problems: [problem],
                  })),
                )
            return pipe(
              TE.fromEither(expected),
              TE.flatMap((anchors) =>
                verifyLedger(ledger.deps, [...(ledger.anchors ?? []), ...anchors]),
              ),
              TE.map(render),
            )
          },
          'read',
          'report',
        ),
      ),
    )
}
