import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../../app/errors'
import { checkSnapshot, takeSnapshot } from '../../app/indexSnapshot'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions, Rendered } from '../runner'
import { fileProblem, readBytes, withLedger } from '../runner'
import { exitOk, exitRefused } from '../output'

interface SnapshotOptions extends CommonOptions {
  readonly check?: boolean
}

const cannot = (what: string): AppError => ({
  _tag: 'Conflict',
  reason: `this shell cannot ${what}`,
})

const write =
  (ctx: CliContext, file: string) =>
  (bytes: Uint8Array): TE.TaskEither<AppError, void> =>
    TE.tryCatch(
      async () => {
        if (ctx.io.writeBytes === undefined) throw new Error('this shell cannot write files')
        await ctx.io.writeBytes(file, bytes)
      },
      fileProblem(file, 'written'),
    )

export const registerSnapshot = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('snapshot')
    .summary('write (or check) a snapshot of the temporal index, for a fast server start')
    .description(
      'Replay the ledger, build the temporal index that entity-as-of reads, and write it to FILE\n' +
        'with the ledger position it reflects and the hash of the event there. `canon serve\n' +
        '--snapshot FILE` then starts without building the index: entities are read from the file\n' +
        'as they are asked for (and the rest in the background), and the events recorded since\n' +
        'the snapshot are added. The file is sealed with a SHA-256 of all its bytes: a file that\n' +
        'fails its seal is refused (and `canon serve --snapshot` then builds the index from the\n' +
        'ledger). With --check, FILE is compared byte for byte with a fresh build\n' +
        'from the ledger up to its position (exit 1 when it differs). A snapshot of another\n' +
        'ledger is refused, naming the position where they part.',
    )
    .argument('<file>', 'the snapshot file')
    .option('--check', 'check FILE against a full replay instead of writing it')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon snapshot canon-ledger.index\n  $ canon snapshot canon-ledger.index --check\n  $ canon serve --snapshot canon-ledger.index\n',
    )
    .action(async (file: string, opts: SnapshotOptions, command: Command) => {
      const sealing = ctx.wiring.snapshotSeal
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger): TE.TaskEither<AppError, Rendered> =>
            sealing === undefined
              ? TE.left(cannot('write index snapshots (no seal)'))
              : opts.check === true
                ? pipe(
                    readBytes(ctx, file),
                    TE.flatMap((bytes) => checkSnapshot(ledger.deps, file, bytes, sealing)),
                    TE.map((fit) => ({
                      code: fit.matches ? exitOk : exitRefused,
                      json: { file, ...fit, position: fit.position.toString() },
                      text: fit.matches
                        ? `${file} matches a full replay of the ledger up to position ${fit.position}; the ledger holds ${fit.behind} events after it\n`
                        : `${file} does NOT match a full replay of the ledger up to position ${fit.position}: write a new one (canon snapshot ${file})\n`,
                    })),
                  )
                : pipe(
                    takeSnapshot(ledger.deps, sealing),
                    TE.tap((taken) => write(ctx, file)(taken.bytes)),
                    TE.map((taken) => ({
                      json: {
                        file,
                        position: taken.position.toString(),
                        headHash: taken.headHash,
                        entities: taken.entities,
                        claims: taken.claims,
                        bytes: taken.bytes.length,
                      },
                      text: `wrote ${file}: the index at ledger position ${taken.position} (${taken.entities} entities, ${taken.claims} claims, ${taken.bytes.length} bytes)\n`,
                    })),
                  ),
        ),
      )
    })
}
