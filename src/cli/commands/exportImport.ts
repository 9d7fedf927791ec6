import { constants } from 'node:buffer'
import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../../app/errors'
import { exportLedger, importLedger } from '../../app/exportImport'
import type { CliContext, GlobalFlags } from '../context'
import type { CommonOptions, Rendered } from '../runner'
import { readText, standardStream, withLedger, withWritableLedger, writtenFile } from '../runner'

/** An export is read as one text: the longest this runtime can hold. */
const importLimitBytes = constants.MAX_STRING_LENGTH

export const registerExportImport = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('export')
    .summary('write the ledger as NDJSON (stdout, or FILE)')
    .description(
      'Write every recorded event of the universe as one JSON line: position, type, data and ' +
        'metadata with the hash chain, exactly as stored. `canon import` of this output into an ' +
        'empty ledger (any store) reproduces it, hash for hash.',
    )
    .argument('[file]', "file to write ('-' or none: standard output)")
    .option('--json', 'with FILE: print a JSON summary (the export itself is always NDJSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon export ledger.ndjson\n  $ canon export - | canon --store copy.sqlite import -\n',
    )
    .action(async (file: string | undefined, opts: CommonOptions, command: Command) =>
      done(
        await withLedger(ctx, command.optsWithGlobals<GlobalFlags>(), false, (ledger) =>
          pipe(
            exportLedger(ledger.deps),
            TE.flatMap((lines): TE.TaskEither<AppError, Rendered> => {
              const ndjson = lines.map((l) => `${l}\n`).join('')
              if (file === undefined || file === standardStream)
                return TE.right({ json: null, text: ndjson, raw: true })
              const summary = { exported: lines.length, file }
              return pipe(
                writtenFile(ctx.io, file, ndjson, 'write'),
                TE.map(() => ({
                  json: summary,
                  text:
                    opts.json === true
                      ? `${JSON.stringify(summary)}\n`
                      : `exported ${lines.length} events to ${file}\n`,
                })),
              )
            }),
          ),
        ),
      ),
    )
  program
    .command('import')
    .summary('load an NDJSON export into an EMPTY ledger')
    .description(
      "Load a `canon export` into the universe's ledger, which must be empty. The whole hash " +
        "chain is verified first, then every event is decided again by the ledger's rules, as " +
        'when it was first written; a broken chain, an event the rules refuse (named by its line, ' +
        'position and rule) or a ledger holding something else is refused and nothing is written. ' +
        'Metadata (recording times, hashes) is kept, so `canon verify` passes after. Into ' +
        'EventStoreDB a long ledger is written in appends under its size limit; an import that ' +
        'stopped midway is resumed by running it again (events already there are recognised).',
    )
    .argument('<file>', "NDJSON file written by `canon export` ('-': standard input)")
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon import ledger.ndjson --store ./copy.sqlite\n')
    .action(async (file: string, opts: CommonOptions, command: Command) =>
      done(
        await withWritableLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              readText(ctx, file, importLimitBytes),
              TE.flatMap((read) => importLedger(ledger.deps, read.source, read.text)),
              TE.map((report) => ({
                json: report,
                text: `imported ${report.imported} events into ${ledger.storeName}${
                  report.alreadyThere === 0
                    ? ''
                    : ` after the ${report.alreadyThere} an earlier run of this import wrote`
                }; chain head ${report.head}\n`,
              })),
            ),
        ),
      ),
    )
}
