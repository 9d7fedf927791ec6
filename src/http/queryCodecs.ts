import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { ClaimId, EntityId, Predicate, ReleaseId } from '../domain/ids'
import { IsoDate } from '../domain/calendarDate'
import type { CanonPolicy } from '../domain/canonPolicy'
import { parseCanonPolicy } from '../domain/canonPolicy'
import type { Cut, ReleaseCut, WatchedItem } from '../../projections/port/cut'
import { asOfDate, asOfRelease, latest, watched } from '../../projections/port/cut'
import { maxWatchedItems, parseCutTerm, parseWatched } from '../../projections/port/cutText'
import type { AuditChangeKind } from '../../projections/port/answers'
import { auditChangeKinds } from '../../projections/port/answers'
import { pageLimits } from '../../projections/port/page'
import { searchLimits } from '../../projections/port/queries'
import { decodeProblems } from '../app/decodeProblems'
import type { JsonSchema } from './openapi/jsonSchema'

/**
 * Query parameters are declared once, as a codec with its OpenAPI description beside it: the
 * route decodes with the codec and /openapi.json lists the same declarations, so the two
 * cannot drift.
 */
export interface QueryParam {
  readonly codec: t.Mixed
  readonly schema: JsonSchema
  readonly description: string
  readonly required?: boolean
}

/** A non-negative decimal integer on the wire, a bigint inside. */
export const DecimalBigInt = new t.Type<bigint, string, unknown>(
  'decimal integer',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'string' && /^(0|[1-9]\d{0,18})$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c),
  (b) => b.toString(),
)

/** `on-screen` (default), `all`, or a comma list of tiers. */
export const PolicyParam = new t.Type<CanonPolicy, string, unknown>(
  'on-screen | all | comma list of tiers (on-screen,production,interview,tie-in,article)',
  (u): u is CanonPolicy => typeof u === 'object' && u !== null && 'admits' in u,
  (u, c) => {
    const policy = typeof u === 'string' ? parseCanonPolicy(u) : undefined
    return policy === undefined ? t.failure(u, c) : t.success(policy)
  },
  () => 'on-screen',
)

/** A watched set: releases and ranges, comma separated (the same syntax as `--watched`). */
export const WatchedParam = new t.Type<ReadonlyArray<WatchedItem>, string, unknown>(
  `comma list of release ids and ranges A..B or ..B (at most ${maxWatchedItems})`,
  (u): u is ReadonlyArray<WatchedItem> => Array.isArray(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const items = parseWatched(u)
    return E.isLeft(items) ? t.failure(u, c, items.left) : t.success(items.right)
  },
  () => '',
)

/** One end of a diff: a release id, a date, start, latest, or watched:... */
export const CutTermParam = new t.Type<ReleaseCut, string, unknown>(
  'a release id, a date YYYY-MM-DD, start, latest, or watched:A,B..C',
  (u): u is ReleaseCut => typeof u === 'object' && u !== null && '_tag' in u,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const cut = parseCutTerm(u)
    return E.isLeft(cut) ? t.failure(u, c, cut.left) : t.success(cut.right)
  },
  () => '',
)

/** A whole number in decimal (a page size, a hit count): its range is the read's to check. */
export const CountParam = new t.Type<number, string, unknown>(
  'a whole number',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'string' && /^\d{1,7}$/.test(u) ? t.success(Number(u)) : t.failure(u, c)),
  (n) => String(n),
)

/** Kinds of change, comma separated. */
export const ChangesParam = new t.Type<ReadonlyArray<AuditChangeKind>, string, unknown>(
  `comma list of ${auditChangeKinds.join(', ')}`,
  (u): u is ReadonlyArray<AuditChangeKind> => Array.isArray(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const kinds = u.split(',').map((k) => k.trim())
    return kinds.every((k) => (auditChangeKinds as ReadonlyArray<string>).includes(k))
      ? t.success(kinds as ReadonlyArray<AuditChangeKind>)
      : t.failure(u, c)
  },
  (kinds) => kinds.join(','),
)

const boundedText = (max: number, name: string) =>
  t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= max, name)

/** A search text: trimmed, 1 to 100 characters. */
export const SearchText = t.refinement(
  t.string,
  (s) => s.trim().length > 0 && s.length <= 100,
  'search text of 1 to 100 characters',
)

const str = (pattern?: string): JsonSchema =>
  pattern === undefined ? { type: 'string' } : { type: 'string', pattern }

export const cutParams = {
  release: {
    codec: ReleaseId,
    schema: str(),
    description: 'Canon as of this release (release order: date, then sequence).',
  },
  date: {
    codec: IsoDate,
    schema: { type: 'string', format: 'date' },
    description: 'Canon as of every release out on or before this date (YYYY-MM-DD).',
  },
  region: {
    codec: boundedText(64, 'a region name'),
    schema: str(),
    description:
      "With `date`: the date as a region saw it. A release's date there is its regional first release when the ledger records one, else its first release date.",
  },
  watched: {
    codec: WatchedParam,
    schema: str(),
    description:
      'Exactly the releases a viewer watched, in any order, comma separated: ids, and ranges of one series (`pic-s1e01..pic-s1e05`; `..pic-s1e10`: the series from its start). Secondary sources count only when listed.',
  },
  ledgerPosition: {
    codec: DecimalBigInt,
    schema: str('^[0-9]+$'),
    description: 'The audit axis: read the ledger as it stood at this position (inclusive).',
  },
  canon: {
    codec: PolicyParam,
    schema: str(),
    description:
      'Canon policy: on-screen (default), all, or a comma list of admitted secondary tiers.',
  },
} as const satisfies Record<string, QueryParam>

export const pageParams = {
  limit: {
    codec: CountParam,
    schema: str('^[0-9]+$'),
    description: `Page size, 1 to ${pageLimits.max} (default ${pageLimits.default}).`,
  },
  cursor: {
    codec: boundedText(2048, 'a cursor'),
    schema: str(),
    description:
      'The `page.next` of the previous page: the next page of the same query, read as the ledger stood for the first.',
  },
} as const satisfies Record<string, QueryParam>

export const searchLimitParam = {
  codec: CountParam,
  schema: str('^[0-9]+$'),
  description: `At most this many hits, 1 to ${searchLimits.max} (default ${searchLimits.default}).`,
} as const satisfies QueryParam

export const changesParam = {
  codec: ChangesParam,
  schema: str(),
  description: `Only these kinds of change, comma separated: ${auditChangeKinds.join(', ')} (\`revised\`: the revision audit).`,
} as const satisfies QueryParam

export const claimParam = {
  codec: ClaimId,
  schema: str(),
  description: 'One claim, by its id.',
} as const satisfies QueryParam

export const cutTermParam = (description: string) =>
  ({ codec: CutTermParam, schema: str(), description }) as const satisfies QueryParam

export const entityParam = {
  codec: EntityId,
  schema: str(),
  description: 'Restrict to one entity (kind/slug).',
} as const satisfies QueryParam
export const predicateParam = {
  codec: Predicate,
  schema: str(),
  description: 'Restrict to one fact of the entity.',
} as const satisfies QueryParam

export type Decoded<P extends Record<string, QueryParam>> = {
  readonly [K in keyof P]?: t.TypeOf<P[K]['codec']>
}

export type QueryError = ReadonlyArray<string>

/**
 * The decoder of a route's declared parameters: the io-ts codec is built once, when the route
 * is. Unknown parameters are refused by name (a typo like `relase=` must not silently read the
 * latest canon), repeated ones too.
 */
export const queryDecoder = <P extends Record<string, QueryParam>>(
  params: P,
): ((query: unknown) => E.Either<QueryError, Decoded<P>>) => {
  const props: Record<string, t.Mixed> = {}
  for (const [k, p] of Object.entries(params)) props[k] = p.codec
  const codec = t.partial(props)
  return (query) => {
    const input = (typeof query === 'object' && query !== null ? query : {}) as Record<
      string,
      unknown
    >
    const unknown = Object.keys(input).filter((k) => !Object.hasOwn(params, k))
    if (unknown.length > 0)
      return E.left([
        `unknown parameter ${unknown.map((k) => `'${k.slice(0, 40)}'`).join(', ')}; this route takes ${Object.keys(params).join(', ') || 'no parameters'}`,
      ])
    const missing = Object.entries(params)
      .filter(([k, p]) => p.required === true && input[k] === undefined)
      .map(([k]) => `at ${k}: required`)
    if (missing.length > 0) return E.left(missing)
    return pipe(
      codec.decode(input),
      E.mapLeft(decodeProblems),
      E.map((decoded) => decoded as Decoded<P>),
    )
  }
}

/** The cut named by at most one of `release`, `date` (with `region`), `watched`; latest otherwise. */
export const cutOf = (
  q: Decoded<typeof cutParams>,
  defaultPolicy: CanonPolicy,
): E.Either<QueryError, Cut> => {
  const named = (['release', 'date', 'watched'] as const).filter((k) => q[k] !== undefined)
  if (named.length > 1)
    return E.left([`give at most one of release, date, watched; found ${named.join(' and ')}`])
  if (q.region !== undefined && q.date === undefined)
    return E.left(['region goes with date: the date a region saw'])
  const release: ReleaseCut =
    q.release !== undefined
      ? asOfRelease(q.release)
      : q.date !== undefined
        ? asOfDate(q.date, q.region?.trim())
        : q.watched !== undefined
          ? watched(q.watched)
          : latest
  return E.right({
    release,
    policy: q.canon ?? defaultPolicy,
    ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
  })
}

/** One end of a diff, its date (if it is one) seen in the region given. */
export const inRegion = (cut: ReleaseCut, region: string | undefined): ReleaseCut =>
  cut._tag === 'AsOfDate' && region !== undefined ? asOfDate(cut.date, region.trim()) : cut
