import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { CliContext, GlobalFlags, LedgerAccess, OpenedLedger } from './context'
import { exitCodeOf, exitOk, problemLines, toJson } from './output'

/**
 * What a command produces: data for `--json`, text for people, and its exit code; or, for a
 * command that printed as it went (a paged read), nothing more to print.
 */
export type Rendered =
  | { readonly json: unknown; readonly text: string; readonly code?: number }
  | { readonly printed: true; readonly code?: number }

export type Failure = AppError | ReadonlyArray<AppError>

const asList = (f: Failure): ReadonlyArray<AppError> =>
  Array.isArray(f) ? (f as ReadonlyArray<AppError>) : [f as AppError]

/** Reports errors one line per problem on stderr; the exit code is the worst of them. */
export const reportFailure = (ctx: CliContext, failure: Failure): number => {
  const errors = asList(failure)
  for (const e of errors) for (const line of problemLines(e)) ctx.io.stderr(`canon: ${line}\n`)
  return Math.max(...errors.map(exitCodeOf), 1)
}

export const emit = (
  ctx: CliContext,
  json: boolean,
  result: E.Either<Failure, Rendered>,
): number => {
  if (E.isLeft(result)) return reportFailure(ctx, result.left)
  const rendered = result.right
  if (!('printed' in rendered)) ctx.io.stdout(json ? toJson(rendered.json) : rendered.text)
  return rendered.code ?? exitOk
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
): Promise<number> => {
  const opened = await ctx.wiring.open(flags, ctx.io, access)()
  if (E.isLeft(opened)) return reportFailure(ctx, opened.left)
  let failed = true
  try {
    const result = await f(opened.right)()
    failed = E.isLeft(result)
    return emit(ctx, json, result)
  } finally {
    await (failed ? opened.right.closeAfterFailure() : opened.right.close())
  }
}

/** As `withLedger`, for a command that writes: a SQLite file that is not there is created. */
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

/** Reads files through the shell's IO; an unreadable file is bad input naming the file. */
export const readFiles = (
  ctx: CliContext,
  paths: ReadonlyArray<string>,
): TE.TaskEither<Failure, ReadonlyArray<{ readonly source: string; readonly text: string }>> =>
  pipe(
    paths.map((path) =>
      TE.tryCatch(
        async () => ({ source: path, text: await ctx.io.readFile(path) }),
        fileProblem(path, 'read'),
      ),
    ),
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
