import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { EntityId, Predicate, ReleaseId } from '../domain/ids'
import { IsoDate } from '../domain/calendarDate'
import type { CanonPolicy } from '../domain/canonPolicy'
import { onScreenOnly, parseCanonPolicy } from '../domain/canonPolicy'
import type { ReleaseCut } from '../../projections/cut'
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

/** The last release watched per series, comma separated. */
export const WatchedParam = new t.Type<ReadonlyArray<ReleaseId>, string, unknown>(
  'comma list of release ids',
  (u): u is ReadonlyArray<ReleaseId> => Array.isArray(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const ids = u.split(',').map((s) => s.trim())
    return ids.length > 0 && ids.length <= 64 && ids.every(ReleaseId.is)
      ? t.success(ids)
      : t.failure(u, c)
  },
  (ids) => ids.join(','),
)

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
    description: 'Canon as of every release on or before this date (YYYY-MM-DD).',
  },
  watched: {
    codec: WatchedParam,
    schema: str(),
    description:
      "A viewer's progress: the last release watched in each series, comma separated (pic-s1e10,st-children-of-mars). Series not named are unwatched.",
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

/** A route's declared parameters as one io-ts codec, built once per declaration. */
const partials = new WeakMap<Record<string, QueryParam>, t.Mixed>()
const partialOf = (params: Record<string, QueryParam>): t.Mixed => {
  const known = partials.get(params)
  if (known !== undefined) return known
  const props: Record<string, t.Mixed> = {}
  for (const [k, p] of Object.entries(params)) props[k] = p.codec
  const codec = t.partial(props)
  partials.set(params, codec)
  return codec
}

/**
 * Decodes `req.query` against declared parameters. Unknown parameters are refused by name
 * (a typo like `relase=` must not silently read the latest canon), repeated ones too.
 */
export const decodeQuery = <P extends Record<string, QueryParam>>(
  params: P,
  query: unknown,
): E.Either<QueryError, Decoded<P>> => {
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
    partialOf(params).decode(input),
    E.mapLeft(decodeProblems),
    E.map((decoded) => decoded as Decoded<P>),
  )
}

export interface CutQuery {
  readonly cut: ReleaseCut
  readonly ledgerPosition?: bigint
  readonly policy: CanonPolicy
}

/** The release cut named by at most one of `release`, `date`, `watched`; latest otherwise. */
export const cutOf = (q: Decoded<typeof cutParams>): E.Either<QueryError, CutQuery> => {
  const named = (['release', 'date', 'watched'] as const).filter((k) => q[k] !== undefined)
  if (named.length > 1)
    return E.left([`give at most one of release, date, watched; found ${named.join(' and ')}`])
  const cut: ReleaseCut =
    q.release !== undefined
      ? { _tag: 'AsOfRelease', release: q.release }
      : q.date !== undefined
        ? { _tag: 'AsOfDate', date: q.date }
        : q.watched !== undefined
          ? { _tag: 'Progress', watched: q.watched }
          : { _tag: 'Latest' }
  return E.right({
    cut,
    policy: q.canon ?? onScreenOnly,
    ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
  })
}
