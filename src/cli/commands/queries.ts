import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { allSources, onScreenOnly } from '../../domain/canonPolicy'
import type { CanonReader } from '../../../projections/port/reader'
import type { ReadError } from '../../../projections/port/errors'
import type { AuditChangeKind } from '../../../projections/port/answers'
import { auditChangeKinds } from '../../../projections/port/answers'
import type { PageAnswer, PageRequest } from '../../../projections/port/page'
import { parseCutTerm } from '../../../projections/port/cutText'
import type { AppError } from '../../app/errors'
import { openReader, readOnce } from '../../app/reads'
import type { CliContext, GlobalFlags } from '../context'
import type { CutFlags, PageFlags } from '../cutOptions'
import { addCutOptions, addPageOptions, parseCut, parsePage } from '../cutOptions'
import type { Rendered } from '../runner'
import { reportFailure, withLedger } from '../runner'
import { printPages } from '../pages'
import {
  renderDiff,
  renderEntity,
  renderHistory,
  renderReleases,
  renderSearch,
  renderTimeline,
} from '../render'

type Json = { readonly json?: boolean }

/** Runs a read: flags are checked before the store is opened, so bad input touches nothing. */
const query = async <P>(
  ctx: CliContext,
  command: Command,
  json: boolean,
  parsed: E.Either<AppError, P>,
  run: (
    ledger: Parameters<Parameters<typeof withLedger>[3]>[0],
    p: P,
  ) => TE.TaskEither<AppError, Rendered>,
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
const pagedQuery = async <
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
const cutAndPage = (opts: CutFlags & PageFlags, policy = onScreenOnly) =>
  pipe(
    E.Do,
    E.bind('at', () => parseCut(opts, policy)),
    E.bind('page', () => parsePage(opts)),
  )

const bad = (problem: string): E.Either<AppError, never> =>
  E.left({ _tag: 'InvalidInput', source: 'the command line', problems: [problem] })

const parseChanges = (
  text: string | undefined,
): E.Either<AppError, ReadonlyArray<AuditChangeKind> | undefined> => {
  if (text === undefined) return E.right(undefined)
  const kinds = text.split(',').map((s) => s.trim())
  const unknown = kinds.filter((k) => !(auditChangeKinds as ReadonlyArray<string>).includes(k))
  return unknown.length > 0
    ? bad(
        `--only '${text}': unknown change kind '${unknown.join("', '")}'; kinds: ${auditChangeKinds.join(', ')}`,
      )
    : E.right(kinds as ReadonlyArray<AuditChangeKind>)
}

const cutHelp =
  'The cut is the latest release unless --as-of, --as-of-date (optionally with --region) or\n' +
  '--watched is given; --ledger-position reads the ledger as it stood then (positions count\n' +
  'from 0); --canon admits secondary sources.'

export const registerQueries = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  addCutOptions(
    program
      .command('show')
      .summary("an entity's canon at a cut: each fact with its source and revision kind")
      .description(
        `Show what viewers knew about an entity at a cut. Conflicting claims of one tier are all\nshown. The entity may be named by id, name or alias.\n${cutHelp}`,
      )
      .argument('<entity>', 'entity id (event/mars-attack), name or alias'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon show event/mars-attack --as-of pic-s1e01\n  $ canon show "Commodore Oh" --as-of-date 2024-07-01 --canon all\n  $ canon show event/mars-attack --watched ..pic-s1e10,pro-s2e20\n',
    )
    .action(async (entity: string, opts: CutFlags & Json, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (ledger, at) =>
          pipe(
            readOnce(ledger.deps, (r) => r.entity({ entity, at })),
            TE.map((a): Rendered => ({ json: a, text: renderEntity(a) })),
          ),
        ),
      ),
    )

  addCutOptions(
    program
      .command('search')
      .summary('entities whose name, alias or id matches a text, among those the cut admits')
      .description(
        `Find entities by name, alias or id (or part of one, or a close spelling).\n${cutHelp}`,
      )
      .argument('<text>', 'a name, alias or id, or part of one'),
  )
    .option('--limit <n>', 'at most n hits (1 to 50; default 20)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon search utopia --as-of pic-s1e01\n')
    .action(async (text: string, opts: CutFlags & Json & { limit?: string }, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (ledger, at) =>
          pipe(
            readOnce(ledger.deps, (r) =>
              r.search({
                text,
                at,
                ...(opts.limit === undefined ? {} : { limit: Number(opts.limit) }),
              }),
            ),
            TE.map((a): Rendered => ({ json: a, text: renderSearch(a) })),
          ),
        ),
      ),
    )

  addPageOptions(
    addCutOptions(
      program
        .command('diff')
        .summary('what changed between two cuts, each change classified')
        .description(
          'List what changed after FROM up to and including TO: asserted, confirmed, revised\n' +
            '(revelation / retcon / refinement / expansion / reattribution), retracted,\n' +
            'identified, introduced, appeared, aliased; and each fact before and after. FROM and\n' +
            'TO are each a release id, a date (YYYY-MM-DD, in --region if given), start, latest,\n' +
            'or watched:A,B..C. FROM must admit nothing TO does not. --canon and\n' +
            '--ledger-position apply to both ends.',
        )
        .argument('<from>', 'the earlier cut: a release id, a date, start, or watched:...')
        .argument('<to>', 'the later cut: a release id, a date, latest, or watched:...')
        .option('--entity <entity>', 'only this entity (id, name or alias)'),
    ),
  )
    .option('--json', 'machine-readable output: one JSON answer per line, one line per page')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon diff pic-s1e01 pro-s2e20 --entity event/mars-attack\n  $ canon diff start 2020-12-31 --limit 20\n',
    )
    .action(
      async (
        from: string,
        to: string,
        opts: CutFlags & PageFlags & Json & { entity?: string },
        command: Command,
      ) =>
        done(
          await pagedQuery(
            ctx,
            command,
            opts.json === true,
            pipe(
              E.Do,
              E.bind('ends', () =>
                opts.asOf !== undefined || opts.asOfDate !== undefined || opts.watched !== undefined
                  ? bad(
                      'diff takes its two cuts as FROM and TO, not --as-of, --as-of-date or --watched',
                    )
                  : E.right(undefined),
              ),
              E.bind('from', () => term('FROM', from, opts.region)),
              E.bind('to', () => term('TO', to, opts.region)),
              E.bind('at', () => parseCut({ ...opts, region: undefined })),
              E.bind('page', () => parsePage(opts)),
            ),
            (r, p, page) =>
              r.diff({
                from: p.from,
                to: p.to,
                policy: p.at.policy,
                ...(p.at.ledgerPosition === undefined
                  ? {}
                  : { ledgerPosition: p.at.ledgerPosition }),
                ...(opts.entity === undefined ? {} : { entity: opts.entity }),
                page,
              }),
            renderDiff,
          ),
        ),
    )

  const history = (name: string) =>
    addPageOptions(addCutOptions(program.command(name)))
      .option('--claim <claim>', 'only this claim (its id)')
      .option('--json', 'machine-readable output: one JSON answer per line, one line per page')

  history('history')
    .summary('the audit of an entity, one of its facts, a claim, or everything')
    .description(
      'Every change of the releases the cut admits, in release order: the change and its\n' +
        'revision kind, old and new values, source release, ledger position; then the editorial\n' +
        'corrections of those entries. Of one entity (and everything identified with it), one\n' +
        `fact of it, one claim (--claim), or the whole universe (no entity).\n${cutHelp}`,
    )
    .argument('[entity]', 'entity id, name or alias (none: everything)')
    .argument('[predicate]', 'one fact, e.g. casualties')
    .option('--only <kinds>', `only these kinds of change: ${auditChangeKinds.join(', ')}`)
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon history event/mars-attack perpetrator --canon all\n  $ canon history "Commodore Oh" --as-of pic-s1e02\n',
    )
    .action(
      async (
        entity: string | undefined,
        predicate: string | undefined,
        opts: CutFlags & PageFlags & Json & { claim?: string; only?: string },
        command: Command,
      ) =>
        done(await historyAction(ctx, command, entity, predicate, opts, parseChanges(opts.only))),
    )

  history('revisions')
    .summary('the revision audit: every revision of knowledge, with its kind')
    .description(
      'Every revision (revelation, retcon, refinement, expansion, reattribution) the cut admits,\n' +
        `in release order, with the value before and after: history --only revised.\n${cutHelp}`,
    )
    .argument('[entity]', 'only revisions of this entity (id, name or alias)')
    .addHelpText('after', '\nExample:\n  $ canon revisions --canon all\n')
    .action(
      async (
        entity: string | undefined,
        opts: CutFlags & PageFlags & Json & { claim?: string },
        command: Command,
      ) => done(await historyAction(ctx, command, entity, undefined, opts, E.right(['revised']))),
    )

  addPageOptions(
    addCutOptions(
      program
        .command('timeline')
        .summary('in-universe chronology of what was known at a cut')
        .description(
          'Facts dated in the story (validity and date values), in in-universe order, as known at\n' +
            `the cut. Stardates sort after calendar dates: they share no scale.\n${cutHelp}`,
        )
        .option('--entity <entity>', 'only this entity'),
    ),
  )
    .option('--json', 'machine-readable output: one JSON answer per line, one line per page')
    .addHelpText('after', '\nExample:\n  $ canon timeline --as-of pro-s2e20\n')
    .action(async (opts: CutFlags & PageFlags & Json & { entity?: string }, command: Command) =>
      done(
        await pagedQuery(
          ctx,
          command,
          opts.json === true,
          cutAndPage(opts),
          (r, p, page) =>
            r.timeline({
              at: p.at,
              ...(opts.entity === undefined ? {} : { entity: opts.entity }),
              page,
            }),
          renderTimeline,
        ),
      ),
    )

  addPageOptions(
    addCutOptions(
      program
        .command('releases')
        .summary('releases in release order (date, then tie-break)')
        .description(
          "The release catalog in release order: date, then the day's tie-break (a season released\n" +
            `at once sorts by episode). Every tier unless --canon is given.\n${cutHelp}`,
        )
        .option('--series <name>', 'only this series (case-insensitive)'),
      'all (default for releases)',
    ),
  )
    .option('--json', 'machine-readable output: one JSON answer per line, one line per page')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon releases\n  $ canon releases --as-of-date 2020-12-31 --series "Star Trek: Picard"\n',
    )
    .action(async (opts: CutFlags & PageFlags & Json & { series?: string }, command: Command) =>
      done(
        await pagedQuery(
          ctx,
          command,
          opts.json === true,
          cutAndPage(opts, allSources),
          (r, p, page) =>
            r.releases({
              at: p.at,
              ...(opts.series === undefined ? {} : { series: opts.series }),
              page,
            }),
          renderReleases,
        ),
      ),
    )
}

const term = (name: string, text: string, region: string | undefined) => {
  const cut = parseCutTerm(text, region)
  return E.isLeft(cut) ? bad(`${name} '${text}': ${cut.left}`) : E.right(cut.right)
}

const historyAction = (
  ctx: CliContext,
  command: Command,
  entity: string | undefined,
  predicate: string | undefined,
  opts: CutFlags & PageFlags & Json & { claim?: string },
  changes: E.Either<AppError, ReadonlyArray<AuditChangeKind> | undefined>,
): Promise<number> =>
  pagedQuery(
    ctx,
    command,
    opts.json === true,
    pipe(
      cutAndPage(opts),
      E.bind('changes', () => changes),
      E.tap(() =>
        predicate !== undefined && entity === undefined
          ? bad('a PREDICATE needs an ENTITY')
          : E.right(undefined),
      ),
    ),
    (r, p, page) =>
      r.history({
        at: p.at,
        ...(entity === undefined ? {} : { entity }),
        ...(predicate === undefined ? {} : { predicate }),
        ...(opts.claim === undefined ? {} : { claim: opts.claim }),
        ...(p.changes === undefined ? {} : { changes: p.changes }),
        page,
      }),
    renderHistory,
  )
