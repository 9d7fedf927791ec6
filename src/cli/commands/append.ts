import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import type { AppendMode, AppendReport, DecodedFiles } from '../../app/appendFiles'
import { appendDecoded, decodeFiles } from '../../app/appendFiles'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions, Failure, Rendered } from '../runner'
import { readFiles, reportFailure, withWritableLedger } from '../runner'
import { table } from '../output'

const render = (report: AppendReport): Rendered => {
  const appended = report.files.reduce((n, f) => n + f.appended, 0)
  const unchanged = report.files.reduce((n, f) => n + f.unchanged, 0)
  const positions =
    report.positions === undefined
      ? 'nothing new: the ledger is unchanged'
      : `recorded at ledger positions ${report.positions.first}..${report.positions.last}`
  return {
    json: {
      appended,
      unchanged,
      files: report.files,
      positions:
        report.positions === undefined
          ? null
          : { first: report.positions.first.toString(), last: report.positions.last.toString() },
    },
    text:
      table(
        ['file', 'appended', 'unchanged'],
        report.files.map((f) => [f.source, String(f.appended), String(f.unchanged)]),
      ) + `${appended} appended, ${unchanged} unchanged; ${positions}\n`,
  }
}

/**
 * Reads and decodes every file before the ledger is opened: unreadable or invalid input is
 * refused without touching the store (a SQLite file is not even created).
 */
const action =
  (ctx: CliContext, mode: AppendMode, done: (code: number) => void) =>
  async (files: string[], opts: CommonOptions, command: Command): Promise<void> => {
    const decoded = await pipe(
      readFiles(ctx, files),
      TE.flatMap((read) => TE.fromEither<Failure, DecodedFiles>(decodeFiles(read, mode))),
    )()
    if (E.isLeft(decoded)) return done(reportFailure(ctx, decoded.left))
    done(
      await withWritableLedger(
        ctx,
        command.optsWithGlobals<GlobalFlags>(),
        opts.json === true,
        (ledger) => pipe(appendDecoded(ledger.deps, decoded.right), TE.map(render)),
      ),
    )
  }

export const registerAppend = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('append')
    .summary('append releases (and corrections) from YAML authoring files')
    .description(
      'Append releases and corrections from YAML authoring files. Every file is checked first; ' +
        'if any is invalid, or the ledger refuses any entry, nothing is appended. Appending a ' +
        'release that is already recorded with the same content changes nothing; with different ' +
        'content it is refused (record a correction instead).',
    )
    .argument('<files...>', 'authoring files (.yaml)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon append ledgers/star-trek/*.yaml\n')
    .action(action(ctx, 'all', done))
  program
    .command('correct')
    .summary('record editorial corrections of earlier entries from YAML files')
    .description(
      'Record editorial corrections (a typo, a wrong date, a bogus entry) from YAML files that ' +
        'hold only `corrections:`. A correction never rewrites history: it is a new event, and ' +
        '`canon history` shows the entry and its fix.',
    )
    .argument('<files...>', 'authoring files holding `corrections:`')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample file (examples/fix-prodigy-note.yaml):\n  corrections:\n    - id: note-prodigy-s2e20-netflix\n      release: pro-s2e20\n      set: { note: First released in France on 2024-03-22 ... }\n      reason: The entry did not say why it carries two dates.\n\nExample:\n  $ canon correct examples/fix-prodigy-note.yaml\n',
    )
    .action(action(ctx, 'corrections-only', done))
}
