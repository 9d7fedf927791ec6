import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { CliContext } from '../context'
import type { CutFlags, PageFlags } from '../cutOptions'
import { addCutOptions, addPageOptions } from '../cutOptions'
import type { Json } from '../readCommand'
import { bad, cutAndPage, cutHelp, pagedQuery } from '../readCommand'
import type { AppError } from '../../app/errors'
import type { AuditChangeKind } from '../../../projections/port/answers'
import { auditChangeKinds } from '../../../projections/port/answers'
import { renderHistory } from '../render'

export const registerHistory = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  const history = (name: string) =>
    addPageOptions(addCutOptions(program.command(name))).option(
      '--claim <claim>',
      'only this claim (its id)',
    )

  history('history')
    .summary('the audit of an entity, one of its facts, a claim, or everything')
    .description(
      'Every change of the releases the cut admits, in release order: the change and its ' +
        'revision kind, old and new values, source release, ledger position; then the editorial ' +
        'corrections of those entries. Of one entity (and everything identified with it), one ' +
        `fact of it, one claim (--claim), or the whole universe (no entity).\n\n${cutHelp}`,
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
      'Every revision (revelation, retcon, refinement, expansion, reattribution) the cut admits, ' +
        `in release order, with the value before and after: history --only revised.\n\n${cutHelp}`,
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
}

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
