import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../../app/errors'
import type { LedgerDeps } from '../../app/ledger'
import { diff, entityAsOf, history, releases, timeline } from '../../app/queries'
import { asOfRelease } from '../../../projections/cut'
import type { CliContext, GlobalFlags } from '../context'
import type { CutFlags } from '../cutOptions'
import {
  addCutOptions,
  addPolicyOptions,
  parseCut,
  parsePolicyFlags,
  parseReleaseId,
} from '../cutOptions'
import type { Failure, Rendered } from '../runner'
import { reportFailure, withLedger } from '../runner'
import { renderDiff, renderEntity, renderHistory, renderReleases, renderTimeline } from '../render'

type Json = { readonly json?: boolean }

/** Runs a query: flags are checked before the store is opened, so bad input touches nothing. */
const query = async <P>(
  ctx: CliContext,
  command: Command,
  json: boolean,
  parsed: E.Either<AppError, P>,
  ask: (deps: LedgerDeps, p: P) => TE.TaskEither<Failure, Rendered>,
): Promise<number> =>
  E.isLeft(parsed)
    ? reportFailure(ctx, parsed.left)
    : withLedger(ctx, command.optsWithGlobals<GlobalFlags>(), json, (ledger) =>
        ask(ledger.deps, parsed.right),
      )

const rendered =
  <A>(text: (a: A) => string) =>
  (a: A): Rendered => ({ json: a, text: text(a) })

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
        'Show what viewers knew about an entity at a cut on the release axis (--as-of a release,\n' +
          "--as-of-date, or --watched for a viewer's progress; the latest release by default),\n" +
          'optionally as the ledger stood at --ledger-position. Conflicting claims of one tier are\n' +
          'all shown. The entity may be named by id, name or alias.',
      )
      .argument('<entity>', 'entity id (event/mars-attack), name or alias'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon show event/mars-attack --as-of pic-s1e01\n  $ canon show "Commodore Oh" --as-of-date 2024-07-01 --canon all\n  $ canon show event/mars-attack --watched pic-s1e10,prodigy-s2e20\n',
    )
    .action(async (entity: string, opts: CutFlags & Json, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (deps, p) =>
          pipe(entityAsOf(deps, { ...p, entity }), TE.map(rendered(renderEntity))),
        ),
      ),
    )

  addPolicyOptions(
    program
      .command('diff')
      .summary('what changed between two releases, each change classified')
      .description(
        'List what changed after release FROM up to and including release TO: asserted,\n' +
          'confirmed, revised (revelation / retcon / refinement / expansion / reattribution),\n' +
          'retracted, identified; and each fact before and after. FROM must come before TO.',
      )
      .argument('<from>', 'release id')
      .argument('<to>', 'release id')
      .option('--entity <entity>', 'only this entity (id, name or alias)'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  $ canon diff pic-s1e01 prodigy-s2e20 --entity event/mars-attack\n',
    )
    .action(
      async (
        from: string,
        to: string,
        opts: CutFlags & Json & { entity?: string },
        command: Command,
      ) =>
        done(
          await query(
            ctx,
            command,
            opts.json === true,
            pipe(
              E.Do,
              E.bind('from', () => parseReleaseId('FROM', from)),
              E.bind('to', () => parseReleaseId('TO', to)),
              E.bind('read', () => parsePolicyFlags(opts)),
            ),
            (deps, p) =>
              pipe(
                diff(deps, {
                  from: asOfRelease(p.from),
                  to: asOfRelease(p.to),
                  ...p.read,
                  ...(opts.entity === undefined ? {} : { entity: opts.entity }),
                }),
                TE.map(rendered(renderDiff)),
              ),
          ),
        ),
    )

  addPolicyOptions(
    program
      .command('history')
      .summary('the audit of an entity or one of its facts')
      .description(
        'Every change to the entity (or to one fact of it), in release order: the change and its\n' +
          'revision kind, old and new values, source release, ledger position and recording\n' +
          'time; then the editorial corrections that touched them.',
      )
      .argument('<entity>', 'entity id, name or alias')
      .argument('[predicate]', 'one fact, e.g. casualties'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  $ canon history event/mars-attack perpetrator --canon all\n',
    )
    .action(
      async (
        entity: string,
        predicate: string | undefined,
        opts: CutFlags & Json,
        command: Command,
      ) =>
        done(
          await query(ctx, command, opts.json === true, parsePolicyFlags(opts), (deps, read) =>
            pipe(
              history(deps, {
                entity,
                ...read,
                ...(predicate === undefined ? {} : { predicate }),
              }),
              TE.map(rendered(renderHistory)),
            ),
          ),
        ),
    )

  addCutOptions(
    program
      .command('timeline')
      .summary('in-universe chronology of what was known at a cut')
      .description(
        'Facts dated in the story (validity and date values), in in-universe order, as known at\n' +
          'the cut. Stardates sort after calendar dates: they share no scale.',
      )
      .option('--entity <entity>', 'only this entity'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  $ canon timeline --as-of prodigy-s2e20\n')
    .action(async (opts: CutFlags & Json & { entity?: string }, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (deps, p) =>
          pipe(
            timeline(deps, { ...p, ...(opts.entity === undefined ? {} : { entity: opts.entity }) }),
            TE.map(rendered(renderTimeline)),
          ),
        ),
      ),
    )

  addCutOptions(
    program
      .command('releases')
      .summary('releases in release order (date, then tie-break)')
      .description(
        "The release catalog in release order: date, then the day's tie-break (a season released\n" +
          'at once sorts by episode). All tiers unless --canon is given.',
      )
      .option('--series <name>', 'only this series (case-insensitive)'),
  )
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon releases\n  $ canon releases --as-of-date 2020-12-31 --series "Star Trek: Picard"\n',
    )
    .action(async (opts: CutFlags & Json & { series?: string }, command: Command) =>
      done(
        await query(ctx, command, opts.json === true, parseCut(opts), (deps, p) =>
          pipe(
            releases(deps, {
              cut: p.cut,
              ...(opts.canon === undefined ? {} : { policy: p.policy }),
              ...(p.ledgerPosition === undefined ? {} : { ledgerPosition: p.ledgerPosition }),
            }),
            TE.map((answer) => {
              const wanted = opts.series?.toLowerCase()
              const only =
                wanted === undefined
                  ? answer
                  : {
                      ...answer,
                      total: answer.releases.filter((r) => r.series.toLowerCase() === wanted)
                        .length,
                      series: answer.series.filter((s) => s.series.toLowerCase() === wanted),
                      releases: answer.releases.filter((r) => r.series.toLowerCase() === wanted),
                    }
              return rendered(renderReleases)(only)
            }),
          ),
        ),
      ),
    )
}
