import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { allSources } from '../../domain/canonPolicy'
import type { AppError } from '../../app/errors'
import type { ReplayError, ReplayProgress, ReplaySummary } from '../../app/replay'
import { replayLedger } from '../../app/replay'
import type { ReleaseCut } from '../../../projections/cut'
import type { CliContext, GlobalFlags } from '../context'
import type { CutFlags } from '../cutOptions'
import { addCutOptions, parseCut } from '../cutOptions'
import { reportFailure, withLedger } from '../runner'
import { progressBar, table } from '../output'

type ReplayFlags = CutFlags & { readonly json?: boolean }

/** A refusal of the cut, named by the flag and value that asked for it (bad input, exit 2). */
const flagged =
  (flags: ReplayFlags) =>
  (e: ReplayError): AppError => {
    const bad = (problem: string): AppError => ({
      _tag: 'InvalidInput',
      source: 'the command line',
      problems: [problem],
    })
    switch (e._tag) {
      case 'UnknownCutRelease': {
        const flag = flags.asOf !== undefined ? '--as-of' : '--watched'
        const value = flags.asOf ?? flags.watched ?? e.release
        const hint =
          e.suggestions.length === 0
            ? ''
            : `; did you mean ${e.suggestions.map((s) => `'${s}'`).join(', ')}?`
        return bad(
          `${flag} '${value}': release '${e.release}' is not in the ledger, nothing was replayed${hint}`,
        )
      }
      case 'PositionBeyondLedger':
        return bad(
          `--ledger-position '${flags.ledgerPosition ?? e.position.toString()}': beyond the ledger, ` +
            (e.last < 0n
              ? 'which is empty'
              : `whose last position is ${e.last.toString()}; nothing was replayed`),
        )
      case 'Domain':
      case 'Store':
      case 'InvalidInput':
      case 'CorruptEvent':
      case 'NotFound':
      case 'Conflict':
      case 'Untrusted':
        return e
      default: {
        const never: never = e
        return never
      }
    }
  }

const describeCut = (cut: ReleaseCut): string => {
  switch (cut._tag) {
    case 'Latest':
      return 'the latest release'
    case 'AsOfRelease':
      return `as of release ${cut.release}`
    case 'AsOfDate':
      return `as of date ${cut.date}`
    case 'Progress':
      return `after watching ${cut.watched.join(', ')}`
    default: {
      const never: never = cut
      return never
    }
  }
}

const summaryText = (s: ReplaySummary, storeName: string): string => {
  const last = s.at.lastRelease
  return (
    table(
      ['events', 'releases', 'withdrawn', 'corrections', 'entities', 'claims', 'ms'],
      [[s.events, s.releases, s.withdrawn, s.corrections, s.entities, s.claims, s.ms].map(String)],
    ) +
    `cut: ${describeCut(s.at.cut)}, canon ${s.at.policy}, ledger position ${s.at.ledgerPosition}\n` +
    `releases admitted: ${s.at.releasesAdmitted}, the last ${last === null ? 'none' : `${last.id} (${last.title})`}\n` +
    `temporal index: ${s.index.entities} entities at the cut, ` +
    `${s.index.entityRecords} entity and ${s.index.claimRecords} claim records\n` +
    `replayed ${s.events} of ${s.eventsRead} events from ${storeName} in ${s.ms} ms\n`
  )
}

export const registerReplay = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  const replay = addCutOptions(
    program
      .command('replay')
      .summary('rebuild every projection from the store, as of a cut, with progress and a summary')
      .description(
        'Read the whole ledger from the store page by page and rebuild every projection\n' +
          'as of a cut: the decider state, canon under the policy (one pass over the\n' +
          'releases the cut admits) and the temporal index the queries read. Nothing is\n' +
          'written. The cut is the latest release unless --as-of, --as-of-date or\n' +
          '--watched is given; --ledger-position replays the ledger as it stood then (the\n' +
          'audit axis). Every source tier counts unless --canon is given. On a terminal a\n' +
          'progress bar is drawn on stderr; a summary (events, releases, corrections,\n' +
          'entities, claims, the cut rebuilt to, time taken) is printed at the end. An\n' +
          'unknown release or a position beyond the ledger is refused (exit code 2).',
      ),
  )
  // The shared --canon help names the queries' default; replay's own is every tier.
  const canonFlag = replay.options.find((o) => o.long === '--canon')
  if (canonFlag !== undefined)
    canonFlag.description =
      'which sources count: all (the default for replay), on-screen, or tiers such as on-screen,interview'
  replay
    .option('--json', 'machine-readable summary')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ canon replay\n' +
        '  $ canon replay --as-of pic-s1e10\n' +
        '  $ canon replay --as-of-date 2020-12-31 --canon on-screen\n' +
        '  $ canon replay --ledger-position 3 --json\n',
    )
    .action(async (opts: ReplayFlags, command: Command) => {
      const parsed = parseCut(opts)
      if (E.isLeft(parsed)) return done(reportFailure(ctx, parsed.left))
      const request = {
        ...parsed.right,
        // Replay counts every source unless asked otherwise, as it always has.
        policy: opts.canon === undefined ? allSources : parsed.right.policy,
      }
      const bar = ctx.io.isTTY && opts.json !== true
      const onProgress = (p: ReplayProgress): void => {
        if (!bar) return
        switch (p.phase) {
          case 'read':
            return ctx.io.stderr(`\rreading events: ${p.done}`)
          case 'fold':
            return ctx.io.stderr(
              `${p.done === 0 ? '\n' : ''}${progressBar('folding releases', p.done, p.total)}`,
            )
          case 'index':
            return ctx.io.stderr(p.done ? ' done\n' : '\nbuilding the temporal index...')
          default: {
            const never: never = p
            return never
          }
        }
      }
      return done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              replayLedger(ledger.deps, request, onProgress),
              // A refusal starts on its own line, not after the progress drawn so far.
              TE.tapError(() => TE.fromIO(() => (bar ? ctx.io.stderr('\n') : undefined))),
              TE.mapError(flagged(opts)),
              TE.map((s) => ({ json: s, text: summaryText(s, ledger.storeName) })),
            ),
        ),
      )
    })
}
