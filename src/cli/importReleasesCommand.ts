import type { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { ImportProgress, ImportSummary } from '../app/importReleases'
import { importReleases } from '../app/importReleases'
import type { CatalogProblem, CatalogProblemKind } from '../app/catalog/problems'
import { catalogProblemKinds } from '../app/catalog/problems'
import type { CliContext, GlobalFlags } from './context'
import type { CommonOptions, Failure, Rendered } from './runner'
import { readFiles, withWritableLedger } from './runner'
import { exitOk, exitRefused, progressBar, table } from './output'

interface ImportOptions extends CommonOptions {
  readonly corrections?: ReadonlyArray<string>
  readonly regionalDates?: string
}

/** Kinds that concern many rows: listed as line numbers, not one sentence each. */
const bulky: ReadonlySet<CatalogProblemKind> = new Set(['unknown-stardate', 'missing-stardate'])

const isYaml = (path: string): boolean => /\.ya?ml$/i.test(path)

/** A path is a correction file, or a folder whose *.yaml files are read in name order. */
const correctionPaths = (
  ctx: CliContext,
  paths: ReadonlyArray<string>,
): TE.TaskEither<Failure, ReadonlyArray<string>> =>
  TE.tryCatch(
    async () => {
      const out: string[] = []
      for (const path of paths) {
        if (isYaml(path)) {
          out.push(path)
          continue
        }
        if (ctx.io.listDir === undefined) throw new Error(`${path}: this shell cannot list folders`)
        const names = (await ctx.io.listDir(path)).filter(isYaml).sort()
        out.push(...names.map((n) => `${path.replace(/\/+$/, '')}/${n}`))
      }
      return out
    },
    (e): AppError => ({
      _tag: 'InvalidInput',
      source: '--corrections',
      problems: [e instanceof Error ? e.message : String(e)],
    }),
  )

const problemText = (problems: ReadonlyArray<CatalogProblem>): string => {
  const lines: string[] = []
  for (const kind of catalogProblemKinds) {
    const of = problems.filter((p) => p.kind === kind)
    if (of.length === 0) continue
    if (bulky.has(kind))
      lines.push(
        `${kind} (${of.length} rows of ${of[0]?.file ?? ''}, taken without a stardate): lines ${of.map((p) => p.line).join(', ')}`,
      )
    else lines.push(...of.map((p) => `${kind}: ${p.message}`))
  }
  return lines.map((l) => `${l}\n`).join('')
}

const render = (s: ImportSummary): Rendered => {
  const positions =
    s.positions === undefined
      ? 'nothing new: the ledger is unchanged'
      : `recorded at ledger positions ${s.positions.first}..${s.positions.last}`
  const kinds = catalogProblemKinds.filter((k) => s.problemsByKind[k] > 0)
  return {
    json: {
      ...s,
      positions:
        s.positions === undefined
          ? null
          : { first: s.positions.first.toString(), last: s.positions.last.toString() },
    },
    text:
      `${s.source}: ${s.rows} rows, ${s.releases} releases\n` +
      table(
        ['', 'appended', 'unchanged'],
        [
          ['releases', String(s.appended), String(s.unchanged)],
          ['corrections', String(s.corrections.appended), String(s.corrections.unchanged)],
        ],
      ) +
      `${positions}\n` +
      (kinds.length === 0
        ? 'no problems\n'
        : `\nproblems by kind:\n` +
          table(
            ['kind', 'rows'],
            kinds.map((k) => [k, String(s.problemsByKind[k])]),
          ) +
          `\n${problemText(s.problems)}`),
    code: s.problemsByKind.refused > 0 ? exitRefused : exitOk,
  }
}

/**
 * `canon import-releases FILE.csv [--corrections PATH...] [--json]`: the release catalog use
 * case behind a thin shell. The CLI registers it with `registerImportReleases(program, ctx, done)`.
 */
export const registerImportReleases = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('import-releases')
    .summary('append releases from an episode list (CSV), reporting every row it had to interpret')
    .description(
      'Read an episode list (columns Series,Episode,Title,Star date,Air date) as releases and ' +
        'append the new ones: films as releases of kind film, stardates as in-universe time. ' +
        'Every row that cannot be taken or had to be interpreted is reported (a repeated pilot, ' +
        'a two-part premiere listed as two rows, unknown stardates, a bogus row) and the import ' +
        'goes on. Running it again appends nothing. Catalog corrections (YAML files holding ' +
        '`corrections:`, or folders of them) are applied after the releases, in the same append. ' +
        'A regional-dates file (columns Series,Episodes,Region,Date,Source) gives releases the ' +
        'days they were first released in other regions (France, International). A release the ' +
        'ledger already holds (the bundled arc’s, with its changes) is left as it is when the ' +
        'list agrees with it: append the arc first, then import the list.',
    )
    .argument('<file>', 'the episode list (.csv)')
    .option('--corrections <paths...>', 'correction files or folders to apply after importing')
    .option(
      '--regional-dates <file>',
      'regional first releases that differ from the list’s dates (.csv)',
    )
    .option('--json', 'machine-readable summary')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon import-releases data/star-trek-episodes-1966-2005.csv \\\n      --corrections ledgers/star-trek/catalog-corrections\n' +
        '  $ canon import-releases data/star-trek-episodes-2017-2024.csv \\\n      --regional-dates data/star-trek-regional-releases-2017-2024.csv\n',
    )
    .action(async (file: string, opts: ImportOptions, command: Command) => {
      const bar = ctx.io.isTTY && opts.json !== true
      const onProgress = (p: ImportProgress): void => {
        if (!bar) return
        if (p.phase === 'decide') ctx.io.stderr(progressBar('importing releases', p.done, p.total))
        else if (p.phase === 'append') ctx.io.stderr(`\nappending ${p.events} events\n`)
      }
      done(
        await withWritableLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              readFiles(ctx, [
                file,
                ...(opts.regionalDates === undefined ? [] : [opts.regionalDates]),
              ]),
              TE.flatMap(([csv, regionalDates]) =>
                pipe(
                  correctionPaths(ctx, opts.corrections ?? []),
                  TE.flatMap((paths) => readFiles(ctx, paths)),
                  TE.flatMap((corrections) =>
                    pipe(
                      importReleases(ledger.deps, csv ?? { source: file, text: '' }, {
                        corrections,
                        onProgress,
                        ...(regionalDates === undefined ? {} : { regionalDates }),
                      }),
                      TE.mapError((e): Failure => e),
                    ),
                  ),
                ),
              ),
              TE.map(render),
            ),
        ),
      )
    })
}
