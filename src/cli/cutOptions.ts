import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../domain/canonPolicy'
import { onScreenOnly, parseCanonPolicy } from '../domain/canonPolicy'
import { IsoDate } from '../domain/calendarDate'
import { ReleaseId } from '../domain/ids'
import type { ReleaseCut } from '../../projections/cut'
import { asOfDate, asOfRelease, latest, progress } from '../../projections/cut'
import type { AppError } from '../app/errors'

/** The cut flags as commander gives them. */
export interface CutFlags {
  readonly asOf?: string
  readonly asOfDate?: string
  readonly watched?: string
  readonly ledgerPosition?: string
  readonly canon?: string
}

export interface ParsedCut {
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
  readonly ledgerPosition?: bigint
}

const bad = (problem: string): E.Either<AppError, never> =>
  E.left({ _tag: 'InvalidInput', source: 'the command line', problems: [problem] })

export const parsePolicy = (text: string | undefined): E.Either<AppError, CanonPolicy> => {
  if (text === undefined) return E.right(onScreenOnly)
  const policy = parseCanonPolicy(text)
  return policy === undefined
    ? bad(
        `--canon '${text}': expected on-screen, all, or a comma list of tiers (on-screen, production, interview, tie-in, article)`,
      )
    : E.right(policy)
}

export const parseLedgerPosition = (
  text: string | undefined,
): E.Either<AppError, bigint | undefined> => {
  if (text === undefined) return E.right(undefined)
  return /^(0|[1-9]\d{0,18})$/.test(text)
    ? E.right(BigInt(text))
    : bad(`--ledger-position '${text}': expected a ledger position, a whole number from 0`)
}

export const parseReleaseId = (flag: string, text: string): E.Either<AppError, ReleaseId> =>
  ReleaseId.is(text)
    ? E.right(text)
    : bad(`${flag} '${text}': expected a release id (lowercase slug such as pic-s1e01)`)

/** --canon and --ledger-position: the policy, and the ledger position when one is given. */
export const parsePolicyFlags = (
  flags: Pick<CutFlags, 'canon' | 'ledgerPosition'>,
): E.Either<AppError, { readonly policy: CanonPolicy; readonly ledgerPosition?: bigint }> => {
  const policy = parsePolicy(flags.canon)
  if (E.isLeft(policy)) return policy
  const position = parseLedgerPosition(flags.ledgerPosition)
  if (E.isLeft(position)) return position
  return E.right({
    policy: policy.right,
    ...(position.right === undefined ? {} : { ledgerPosition: position.right }),
  })
}

/** At most one of --as-of, --as-of-date, --watched; none means the latest release. */
export const parseCut = (flags: CutFlags): E.Either<AppError, ParsedCut> => {
  const given = [flags.asOf, flags.asOfDate, flags.watched].filter((x) => x !== undefined)
  if (given.length > 1) return bad('give at most one of --as-of, --as-of-date and --watched')
  let cut: ReleaseCut = latest
  if (flags.asOf !== undefined) {
    const id = parseReleaseId('--as-of', flags.asOf)
    if (E.isLeft(id)) return id
    cut = asOfRelease(id.right)
  } else if (flags.asOfDate !== undefined) {
    if (!IsoDate.is(flags.asOfDate))
      return bad(`--as-of-date '${flags.asOfDate}': expected a date YYYY-MM-DD that exists`)
    cut = asOfDate(flags.asOfDate)
  } else if (flags.watched !== undefined) {
    const ids: ReleaseId[] = []
    for (const part of flags.watched.split(',').map((s) => s.trim())) {
      const id = parseReleaseId('--watched', part)
      if (E.isLeft(id)) return id
      ids.push(id.right)
    }
    cut = progress(ids)
  }
  return E.map((read: { policy: CanonPolicy; ledgerPosition?: bigint }) => ({ cut, ...read }))(
    parsePolicyFlags(flags),
  )
}

export const addPolicyOptions = (command: Command): Command =>
  command
    .option(
      '--canon <policy>',
      'which sources count: on-screen (default), all, or tiers such as on-screen,interview',
    )
    .option('--ledger-position <n>', 'read the ledger as it stood at this position (audit axis)')

/** Adds the cut flags to a command. */
export const addCutOptions = (command: Command): Command =>
  addPolicyOptions(
    command
      .option('--as-of <release>', 'what viewers knew after this release (release order)')
      .option('--as-of-date <date>', 'what was released by this date, YYYY-MM-DD')
      .option(
        '--watched <releases>',
        "a viewer's progress: the last release watched in each series, comma-separated",
      ),
  )
