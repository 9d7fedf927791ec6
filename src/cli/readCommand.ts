import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { onScreenOnly } from '../domain/canonPolicy'
import type { CanonReader } from '../../projections/port/reader'
import type { ReadError } from '../../projections/port/errors'
import type { PageAnswer, PageRequest } from '../../projections/port/page'
import type { AppError } from '../app/errors'
import { openReader } from '../app/reads'
import type { CliContext, GlobalFlags, OpenedLedger } from './context'
import type { CutFlags, PageFlags } from './cutOptions'
import { parseCut, parsePage } from './cutOptions'
import type { Rendered } from './runner'
import { reportFailure, withLedger } from './runner'
import { printPages } from './pages'

/** The read commands' common steps: flags parsed before the store opens, pages printed as read. */
export type Json = { readonly json?: boolean }

/** Runs a read: flags are checked before the store is opened, so bad input touches nothing. */
export const query = async <P>(
  ctx: CliContext,
  command: Command,
  json: boolean,
  parsed: E.Either<AppError, P>,
  run: (ledger: OpenedLedger, p: P) => TE.TaskEither<AppError, Rendered>,
): Promise<number> =>
  E.isLeft(parsed)
    ? reportFailure(ctx, parsed.left)
    : withLedger(ctx, command.optsWithGlobals<GlobalFlags>(), json, (ledger) =>
        run(ledger, parsed.right),
      )

/**
 * A paged read: its flags parsed (the cut, the page, and what else it takes) before the store
 * is opened, then printed page by page as it is read (see printPages).
 */
export const pagedQuery = async <
  P extends { readonly page: PageRequest | undefined },
  A extends { readonly page: PageAnswer },
>(
  ctx: CliContext,
  command: Command,
  json: boolean,
  parsed: E.Either<AppError, P>,
  read: (reader: CanonReader, p: P, page: PageRequest) => E.Either<ReadError, A>,
  text: (a: A, first: boolean) => string,
): Promise<number> =>
  query(ctx, command, json, parsed, (ledger, p) =>
    pipe(
      openReader(ledger.deps),
      TE.flatMap((reader) =>
        TE.fromEither(
          E.map((): Rendered => ({ printed: true }))(
            printPages(ctx, json, p.page, (page) => read(reader, p, page), text),
          ),
        ),
      ),
    ),
  )

/** The cut and page flags of a paged read. */
export const cutAndPage = (opts: CutFlags & PageFlags, policy = onScreenOnly) =>
  pipe(
    E.Do,
    E.bind('at', () => parseCut(opts, policy)),
    E.bind('page', () => parsePage(opts)),
  )

export const bad = (problem: string): E.Either<AppError, never> =>
  E.left({ _tag: 'InvalidInput', source: 'the command line', problems: [problem] })

export const cutHelp =
  'The cut is the latest release unless --as-of, --as-of-date (optionally with --region) or ' +
  '--watched is given; --ledger-position reads the ledger as it stood then (positions count ' +
  'from 0); --canon admits secondary sources.'
