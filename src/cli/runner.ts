import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import { checkAnchors } from '../app/anchor'
import { guardChain } from '../app/chainGuard'
import { yamlLimits } from '../app/authoring/safeYaml'
import type { CliContext, CliIo, GlobalFlags, LedgerAccess, OpenedLedger } from './context'
import { exitCodeOf, exitOk, problemLines, terminalSafe, toJson } from './output'

/**
 * What a command produces: data for `--json`, text for people, and its exit code; or, for a
 * command that printed as it went (a paged read), nothing more to print.
 */
export type Rendered =
  | {
      readonly json: unknown
      readonly text: string
      readonly code?: number
      /** The text is data (an export), written as it is; other text is made safe for a terminal. */
      readonly raw?: boolean
    }
  | { readonly printed: true; readonly code?: number }

export type Failure = AppError | ReadonlyArray<AppError>

const asList = (f: Failure): ReadonlyArray<AppError> =>
  Array.isArray(f) ? (f as ReadonlyArray<AppError>) : [f as AppError]

/** Reports errors one line per problem on stderr; the exit code is the worst of them. */
export const reportFailure = (ctx: CliContext, failure: Failure): number => {
  const errors = asList(failure)
  for (const e of errors)
    for (const line of problemLines(e)) ctx.io.stderr(`canon: ${terminalSafe(line)}\n`)
  return Math.max(...errors.map(exitCodeOf), 1)
}

export const emit = (
  ctx: CliContext,
  json: boolean,
  result: E.Either<Failure, Rendered>,
): number => {
  if (E.isLeft(result)) return reportFailure(ctx, result.left)
  const r = result.right
  if (!('printed' in r))
    ctx.io.stdout(json ? toJson(r.json) : r.raw === true ? r.text : terminalSafe(r.text))
  return r.code ?? exitOk
}

/**
 * Opens the configured ledger, runs `f`, always closes the store. Reads by default: a ledger
 * that is not there is refused (nothing is created); writers use `withWritableLedger`.
 */
export const withLedger = async (
  ctx: CliContext,
  flags: GlobalFlags,
  json: boolean,
  f: (ledger: OpenedLedger) => TE.TaskEither<Failure, Rendered>,
  access: LedgerAccess = 'read',
  anchoring: Anchoring = 'check',
): Promise<number> => {
  const opened = await ctx.wiring.open(flags, ctx.io, access)()
  if (E.isLeft(opened)) return reportFailure(ctx, opened.left)
  const ledger = opened.right
  let failed = true
  try {
    const result = await pipe(
      anchoring === 'check'
        ? pipe(
            checkAnchors(ledger.deps, ledger.anchors ?? []),
            TE.mapError((e): Failure => e),
          )
        : TE.right(undefined),
      // Every other command reads through the chain guard: a ledger whose chain is broken is
      // refused at the first read that meets the break, naming its position.
      TE.flatMap(() =>
        f(
          anchoring === 'check'
            ? { ...ledger, deps: { ...ledger.deps, store: guardChain(ledger.deps).store } }
            : ledger,
        ),
      ),
      TE.tap(() =>
        access === 'write' && ledger.recordHead !== undefined
          ? TE.mapError((e: AppError): Failure => e)(ledger.recordHead())
          : TE.right(undefined),
      ),
    )()
    failed = E.isLeft(result)
    return emit(ctx, json, result)
  } finally {
    await (failed ? ledger.closeAfterFailure() : ledger.close())
  }
}

/**
 * How a command meets a ledger that fails a check: `check` refuses it (the configured
 * checkpoint is compared before running, and every read walks the hash chain; every command but
 * verify and head), or `report` leaves it to the command (verify names every fault it finds).
 */
export type Anchoring = 'check' | 'report'

/**
 * As `withLedger`, for a command that writes: a SQLite file that is not there is created, and
 * a configured checkpoint file is rewritten with the new head after the write.
 */
export const withWritableLedger = (
  ctx: CliContext,
  flags: GlobalFlags,
  json: boolean,
  f: (ledger: OpenedLedger) => TE.TaskEither<Failure, Rendered>,
): Promise<number> => withLedger(ctx, flags, json, f, 'write')

/** A file the shell could not read or write: bad input naming the file and the reason. */
export const fileProblem =
  (path: string, doing: 'read' | 'written') =>
  (e: unknown): AppError => ({
    _tag: 'InvalidInput',
    source: path,
    problems: [`cannot be ${doing}: ${e instanceof Error ? e.message : String(e)}`],
  })

/**
 * Writes a file through the shell's IO: replaced whole or not at all (a temporary file renamed
 * over it: a checkpoint or a snapshot is never found half written), or plainly (an export). A
 * file that cannot be written is bad input naming it.
 */
export const writtenFile = (
  io: CliIo,
  path: string,
  content: string | Uint8Array,
  how: 'replace' | 'write' = 'replace',
): TE.TaskEither<AppError, void> =>
  TE.tryCatch(
    async () => {
      const write = how === 'replace' ? io.replaceFile : io.writeFile
      if (write === undefined) throw new Error('this shell cannot write files')
      await write(path, content)
    },
    fileProblem(path, 'written'),
  )

/** `-` names standard input (or output) wherever a command takes a file. */
export const standardStream = '-'

/** Reads one text file, or standard input for `-`, refusing it over `limitBytes` before holding it. */
export const readText = (
  ctx: CliContext,
  path: string,
  limitBytes: number,
): TE.TaskEither<AppError, { readonly source: string; readonly text: string }> =>
  path === standardStream
    ? TE.tryCatch(
        async () => {
          if (ctx.io.readStdin === undefined) throw new Error('this shell has no standard input')
          return { source: 'standard input', text: await ctx.io.readStdin(limitBytes) }
        },
        fileProblem('standard input', 'read'),
      )
    : TE.tryCatch(
        async () => ({ source: path, text: await ctx.io.readFile(path, limitBytes) }),
        fileProblem(path, 'read'),
      )

/**
 * Reads files through the shell's IO; an unreadable file, or one over `limitBytes` (the
 * authoring files' limit unless said), is bad input naming the file.
 */
export const readFiles = (
  ctx: CliContext,
  paths: ReadonlyArray<string>,
  limitBytes: number = yamlLimits.maxBytes,
): TE.TaskEither<Failure, ReadonlyArray<{ readonly source: string; readonly text: string }>> =>
  pipe(
    paths.map((path) => readText(ctx, path, limitBytes)),
    (tasks) => async () => {
      const results = await Promise.all(tasks.map((t) => t()))
      const failures = results.filter(E.isLeft).map((r) => r.left)
      return failures.length > 0
        ? E.left<Failure>(failures)
        : E.right(results.filter(E.isRight).map((r) => r.right))
    },
  )

/** Options every command has. */
export interface CommonOptions {
  readonly json?: boolean
}

/** Reads a binary file through the shell's IO; an unreadable one is bad input naming the file. */
export const readBytes = (ctx: CliContext, path: string): TE.TaskEither<AppError, Uint8Array> =>
  TE.tryCatch(
    async () => {
      if (ctx.io.readBytes === undefined) throw new Error('this shell cannot read files')
      return ctx.io.readBytes(path)
    },
    fileProblem(path, 'read'),
  )
