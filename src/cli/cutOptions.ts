import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../domain/canonPolicy'
import { onScreenOnly, parseCanonPolicy } from '../domain/canonPolicy'
import { IsoDate } from '../domain/calendarDate'
import { ReleaseId } from '../domain/ids'
import type { Cut, ReleaseCut } from '../../projections/port/cut'
import { asOfDate, asOfRelease, latest, watched } from '../../projections/port/cut'
import { parseWatched } from '../../projections/port/cutText'
import type { PageRequest } from '../../projections/port/page'
import { pageLimits } from '../../projections/port/page'
import type { QueryField } from '../../projections/port/errors'
import type { AppError } from '../app/errors'

/** The cut flags as commander gives them: every read takes all of them. */
export interface CutFlags {
  readonly asOf?: string
  readonly asOfDate?: string
  readonly region?: string
  readonly watched?: string
  readonly ledgerPosition?: string
  readonly canon?: string
}

/** The paging flags of the reads that list. */
export interface PageFlags {
  readonly limit?: string
  readonly cursor?: string
}

/** How the command line names each query field, in refusals. */
export const flagOf: Record<QueryField, string> = {
  release: '--as-of',
  date: '--as-of-date',
  region: '--region',
  watched: '--watched',
  ledgerPosition: '--ledger-position',
  from: 'FROM',
  to: 'TO',
  entity: 'ENTITY',
  predicate: 'PREDICATE',
  claim: '--claim',
  limit: '--limit',
  cursor: '--cursor',
  query: 'TEXT',
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

/** The release cut named by at most one of --as-of, --as-of-date (with --region) and --watched. */
export const parseReleaseCut = (flags: CutFlags): E.Either<AppError, ReleaseCut> => {
  const given = [flags.asOf, flags.asOfDate, flags.watched].filter((x) => x !== undefined)
  if (given.length > 1) return bad('give at most one of --as-of, --as-of-date and --watched')
  if (flags.region !== undefined && flags.asOfDate === undefined)
    return bad(`--region '${flags.region}' goes with --as-of-date: the date a region saw`)
  if (flags.asOf !== undefined) return E.map(asOfRelease)(parseReleaseId('--as-of', flags.asOf))
  if (flags.asOfDate !== undefined) {
    if (!IsoDate.is(flags.asOfDate))
      return bad(`--as-of-date '${flags.asOfDate}': expected a date YYYY-MM-DD that exists`)
    const region = flags.region?.trim()
    if (region === '') return bad('--region: expected a region name such as France')
    return E.right(asOfDate(flags.asOfDate, region))
  }
  if (flags.watched !== undefined) {
    const items = parseWatched(flags.watched)
    return E.isLeft(items)
      ? bad(`--watched '${flags.watched}': ${items.left}`)
      : E.right(watched(items.right))
  }
  return E.right(latest)
}

/** Every axis of a cut from the flags: the release cut, --canon and --ledger-position. */
export const parseCut = (
  flags: CutFlags,
  defaultPolicy = onScreenOnly,
): E.Either<AppError, Cut> => {
  const release = parseReleaseCut(flags)
  if (E.isLeft(release)) return release
  const policy = flags.canon === undefined ? E.right(defaultPolicy) : parsePolicy(flags.canon)
  if (E.isLeft(policy)) return policy
  const position = parseLedgerPosition(flags.ledgerPosition)
  if (E.isLeft(position)) return position
  return E.right({
    release: release.right,
    policy: policy.right,
    ...(position.right === undefined ? {} : { ledgerPosition: position.right }),
  })
}

/** --limit and --cursor: one page when either is given; undefined: every page, in turn. */
export const parsePage = (flags: PageFlags): E.Either<AppError, PageRequest | undefined> => {
  if (flags.limit === undefined && flags.cursor === undefined) return E.right(undefined)
  const limit = flags.limit === undefined ? undefined : Number(flags.limit)
  if (
    limit !== undefined &&
    !(/^\d+$/.test(flags.limit ?? '') && limit >= 1 && limit <= pageLimits.max)
  )
    return bad(`--limit '${flags.limit}': expected a page size from 1 to ${pageLimits.max}`)
  return E.right({
    ...(limit === undefined ? {} : { limit }),
    ...(flags.cursor === undefined ? {} : { cursor: flags.cursor }),
  })
}

/** Adds the cut flags to a command: every read takes them. */
export const addCutOptions = (command: Command, policyDefault = 'on-screen (default)'): Command =>
  command
    .option('--as-of <release>', 'what viewers knew after this release (release order)')
    .option('--as-of-date <date>', 'what was released by this date, YYYY-MM-DD')
    .option('--region <region>', 'with --as-of-date: the date as a region saw it, e.g. France')
    .option(
      '--watched <releases>',
      'exactly the releases a viewer watched, comma-separated; A..B is a range of one series, ..B its start through B',
    )
    .option(
      '--ledger-position <n>',
      'read the ledger as it stood at this position (the audit axis; positions count from 0)',
    )
    .option(
      '--canon <policy>',
      `which sources count: ${policyDefault}, all, or tiers such as on-screen,interview`,
    )

/** Adds the paging flags, and `--json` as pages print it, to a command that lists. */
export const addPageOptions = (command: Command): Command =>
  command
    .option(
      '--limit <n>',
      `print one page of at most n items (1 to ${pageLimits.max}) and its cursor`,
    )
    .option('--cursor <cursor>', 'print the page after this cursor (from a page printed before)')
    .option('--json', 'machine-readable output: one JSON answer per line, one line per page')
