import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../../app/errors'
import { checkSnapshot, takeSnapshot } from '../../app/indexSnapshots'
import type { SnapshotSeal } from '../../app/snapshotSeal'
import type { CliContext, GlobalFlags, OpenedLedger } from '../context'
import type { CommonOptions, Rendered } from '../runner'
import { readBytes, withLedger, writtenFile } from '../runner'
import { exitOk, exitRefused } from '../output'

interface SnapshotOptions extends CommonOptions {
  readonly check?: boolean
}

const take = (
  ctx: CliContext,
  file: string,
  sealing: SnapshotSeal,
  ledger: OpenedLedger,
): TE.TaskEither<AppError, Rendered> =>
  pipe(
    takeSnapshot(ledger.deps, sealing, ledger.anchors ?? []),
    TE.tap((taken) => writtenFile(ctx.io, file, taken.bytes)),
    TE.map((taken) => ({
      json: {
        file,
        position: taken.position.toString(),
        hash: taken.hash,
        bytes: taken.bytes.length,
      },
      text: `wrote ${file}: the index at ledger position ${taken.position} (${taken.bytes.length} bytes, sealed with its SHA-256)\n`,
    })),
  )

const check = (
  ctx: CliContext,
  file: string,
  sealing: SnapshotSeal,
  ledger: OpenedLedger,
): TE.TaskEither<AppError, Rendered> =>
  pipe(
    readBytes(ctx, file),
    TE.flatMap((bytes) => checkSnapshot(ledger.deps, sealing, file, bytes)),
    TE.map((fit) => ({
      code: fit.matches ? exitOk : exitRefused,
      json: {
        file,
        matches: fit.matches,
        position: fit.position.toString(),
        behind: fit.behind.toString(),
      },
      text: fit.matches
        ? `${file} matches a full replay of the ledger up to position ${fit.position}; the ledger holds ${fit.behind} events after it\n`
        : `${file} does NOT match a full replay of the ledger up to position ${fit.position}: write a new one (canon snapshot ${file})\n`,
    })),
  )

export const registerSnapshot = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('snapshot')
    .summary('write (or check) a snapshot of the reader, for a server that starts at once')
    .description(
      'Read the whole ledger, walk its hash chain from genesis and check the anchors (as a ' +
        "server's start does), build the indexed reader and write it to FILE, sealed with its " +
        'SHA-256 and naming the ledger position it reflects. `canon serve --snapshot FILE` then ' +
        'starts from the file: it checks the seal and that the ledger holds the event the ' +
        'snapshot ends with, and walks and adds only the events recorded since. With --check, ' +
        'FILE is compared byte for byte with a fresh build from the ledger up to its position ' +
        '(exit 1 when it differs). A damaged file, or a snapshot of another ledger, is refused ' +
        'naming the file (exit 2).',
    )
    .argument('<file>', 'the snapshot file (replaced whole when written)')
    .option('--check', 'check FILE against a full replay instead of writing it')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon snapshot canon-ledger.index\n  $ canon snapshot canon-ledger.index --check\n',
    )
    .action(async (file: string, opts: SnapshotOptions, command: Command) => {
      const sealing = ctx.wiring.snapshotSeal
      if (sealing === undefined) {
        ctx.io.stderr('canon: this build cannot write or read index snapshots\n')
        return done(exitRefused)
      }
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            opts.check === true
              ? check(ctx, file, sealing, ledger)
              : take(ctx, file, sealing, ledger),
          'read',
          // Taking one walks the chain and checks the anchors itself, as a server's start does.
          opts.check === true ? 'check' : 'report',
        ),
      )
    })
}
