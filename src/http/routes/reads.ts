import * as E from 'fp-ts/Either'
import type { Request, Response } from 'express'
import type { AppError } from '../../app/errors'
import type { LedgerReader } from '../../app/queries'
import type { ReleaseCut } from '../../../projections/cut'
import type { IsoDate } from '../../domain/calendarDate'
import { ReleaseId } from '../../domain/ids'
import { onScreenOnly } from '../../domain/canonPolicy'
import { etagOf } from '../ifMatch'
import type { ProblemContext } from '../problems'
import { problem, problemOfAppError, sendProblem } from '../problems'
import type { CutQuery, Decoded, QueryParam } from '../queryCodecs'
import {
  SearchText,
  cutOf,
  cutParams,
  decodeQuery,
  entityParam,
  predicateParam,
} from '../queryCodecs'
import type { Route } from '../route'
import type { SnapshotSource } from '../snapshot'
import type { AnswerCache } from '../answerCache'
import { lagHeaderName } from '../../app/follow'
import { ref } from '../openapi/jsonSchema'

/** Before the first release: the `from` of a diff that starts at the beginning. */
const beforeEverything: ReleaseCut = { _tag: 'AsOfDate', date: '0000-01-01' as IsoDate }

const entityPath = {
  kind: { description: 'The entity kind, e.g. `event` in `event/mars-attack`' },
  slug: { description: 'The entity slug, e.g. `mars-attack`' },
}

const notFound = (what: string) => ({
  description: `${what}; \`suggestions\` come only from what the cut admits`,
})

/**
 * Runs one read: decode the query with the route's codecs, answer from the current snapshot's
 * reader, send the answer with the ledger position as ETag, or a problem document.
 */
const read =
  <P extends Record<string, QueryParam>, A>(
    snapshots: SnapshotSource,
    params: P,
    answer: (
      reader: LedgerReader,
      q: Decoded<P>,
      req: Request,
    ) => E.Either<AppError | ReadonlyArray<string>, A>,
    context: ProblemContext = {},
    cache?: AnswerCache,
  ) =>
  async (req: Request, res: Response): Promise<void> => {
    const q = decodeQuery(params, req.query)
    if (E.isLeft(q)) return sendProblem(res, problem('invalid-query', q.left.join('; ')))
    const snapshot = await snapshots.current()()
    if (E.isLeft(snapshot)) return sendProblem(res, problemOfAppError(snapshot.left))
    const result = answer(snapshot.right.reader, q.right, req)
    if (E.isLeft(result)) {
      const e = result.left
      return sendProblem(
        res,
        Array.isArray(e)
          ? problem('invalid-query', (e as ReadonlyArray<string>).join('; '))
          : invalidToQuery(problemOfAppError(e as AppError, context)),
      )
    }
    const etag = etagOf(snapshot.right.position)
    res.setHeader('ETag', etag)
    res.setHeader(lagHeaderName, snapshot.right.lag)
    res.setHeader('Cache-Control', 'no-cache')
    if (cache === undefined) return void res.json(result.right)
    // What res.json does under the app's default json settings (no replacer, spaces or escape),
    // keeping the body for the cache that fastRead.ts answers repeated requests from.
    const body = JSON.stringify(result.right)
    cache.put(req.originalUrl, { position: snapshot.right.position, etag, body })
    if (!res.get('Content-Type')) res.set('Content-Type', 'application/json')
    res.send(body)
  }

/** The query use cases report a bad combination of inputs as InvalidInput: on a read, that is the query. */
const invalidToQuery = (p: ReturnType<typeof problemOfAppError>) =>
  p.type.endsWith('/invalid-body') ? problem('invalid-query', p.detail) : p

const entityOf = (req: Request): string => `${String(req.params.kind)}/${String(req.params.slug)}`

const withCut = <T>(
  q: Parameters<typeof cutOf>[0],
  f: (cut: CutQuery) => E.Either<AppError, T>,
): E.Either<AppError | ReadonlyArray<string>, T> => {
  const cut = cutOf(q)
  return E.isLeft(cut) ? cut : f(cut.right)
}

const diffParams = {
  from: {
    codec: ReleaseId,
    schema: { type: 'string' },
    description: 'The earlier release; omitted: before the first release.',
  },
  to: {
    codec: ReleaseId,
    schema: { type: 'string' },
    description: 'The later release; omitted: the latest.',
  },
  entity: entityParam,
  ledgerPosition: cutParams.ledgerPosition,
  canon: cutParams.canon,
} as const

/** A required text naming entities, as a person would write it. */
const searchTextParam = (description: string) =>
  ({ codec: SearchText, schema: { type: 'string' }, description, required: true }) as const

const searchParams = {
  q: searchTextParam('Name, alias or id (or part of one).'),
  ...cutParams,
} as const

const canonByNameParams = {
  entity: searchTextParam(
    'An entity id, name or alias (case-insensitive), e.g. `Utopia Planitia` or `Oh`.',
  ),
  ...cutParams,
} as const

const historyParams = {
  predicate: predicateParam,
  ledgerPosition: cutParams.ledgerPosition,
  canon: cutParams.canon,
} as const

/** `cache`: where the entity route keeps its 200 answers for the fast path (fastRead.ts). */
export const readRoutes = (
  snapshots: SnapshotSource,
  cache?: AnswerCache,
): ReadonlyArray<Route> => [
  {
    method: 'get',
    path: '/v1/entities/:kind/:slug',
    summary: 'Canon of an entity at a cut',
    description:
      "Each fact with its source release, revision kind and in-universe validity. The cut is a release, a date or a viewer's progress (at most one), optionally at a ledger position; the canon policy admits secondary tiers.",
    tag: 'reads',
    pathParams: entityPath,
    query: cutParams,
    responses: {
      200: { description: 'The entity as the cut knows it', schema: ref('EntityAnswer') },
      400: { description: 'An invalid or contradictory query' },
      404: notFound('The cut does not admit the entity, or the cut names an unknown release'),
    },
    handle: read(
      snapshots,
      cutParams,
      (reader, q, req) => withCut(q, (c) => reader.entityAsOf({ ...c, entity: entityOf(req) })),
      {},
      cache,
    ),
  },
  {
    method: 'get',
    path: '/v1/canon',
    summary: 'Canon of an entity named by id, name or alias, at a cut',
    description:
      'As GET /v1/entities/{kind}/{slug}, with the entity named as a person would. A name matching several distinct entities is a 404 listing their ids; a misspelling gets the closest names the cut admits.',
    tag: 'reads',
    query: canonByNameParams,
    responses: {
      200: { description: 'The entity as the cut knows it', schema: ref('EntityAnswer') },
      400: { description: 'An invalid or contradictory query' },
      404: notFound('No entity by that name at the cut, or the cut names an unknown release'),
    },
    handle: read(snapshots, canonByNameParams, (reader, q) =>
      withCut(q, (c) => reader.entityAsOf({ ...c, entity: (q.entity ?? '').trim() })),
    ),
  },
  {
    method: 'get',
    path: '/v1/entities/:kind/:slug/history',
    summary: 'Audit of an entity or one of its facts',
    description:
      'Every change in release order with old and new values, source release, ledger position and recording time, and every editorial correction of those entries.',
    tag: 'audit',
    pathParams: entityPath,
    query: historyParams,
    responses: {
      200: { description: 'The audit', schema: ref('HistoryAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('No such entity, or no such fact of it'),
    },
    handle: read(snapshots, historyParams, (reader, q, req) =>
      reader.history({
        entity: entityOf(req),
        policy: q.canon ?? onScreenOnly,
        ...(q.predicate === undefined ? {} : { predicate: q.predicate }),
        ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
      }),
    ),
  },
  {
    method: 'get',
    path: '/v1/diff',
    summary: 'What changed between two releases, for one entity or the whole universe',
    description:
      'Every change of the releases in (from, to], classified: asserted, confirmed, revised:<kind>, retracted, identified, introduced, aliased; with the value before and after.',
    tag: 'reads',
    query: diffParams,
    responses: {
      200: { description: 'The changes and the facts they touched', schema: ref('DiffAnswer') },
      400: { description: 'An invalid query, or `from` after `to`' },
      404: notFound('An unknown release or entity'),
    },
    handle: read(snapshots, diffParams, (reader, q) =>
      reader.diff({
        from: q.from ?? beforeEverything,
        to: q.to ?? { _tag: 'Latest' },
        policy: q.canon ?? onScreenOnly,
        ...(q.entity === undefined ? {} : { entity: q.entity }),
        ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
      }),
    ),
  },
  {
    method: 'get',
    path: '/v1/timeline',
    summary: 'In-universe chronology of what is known at a cut',
    tag: 'reads',
    query: { ...cutParams, entity: entityParam },
    responses: {
      200: { description: 'Timeline entries in in-universe order', schema: ref('TimelineAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('An unknown release or entity'),
    },
    handle: read(snapshots, { ...cutParams, entity: entityParam }, (reader, q) =>
      withCut(q, (c) =>
        reader.timeline({ ...c, ...(q.entity === undefined ? {} : { entity: q.entity }) }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/releases',
    summary: "The release catalog in release order (date, then the day's tie-break)",
    description:
      'With a cut, only the releases it admits; with `canon`, only releases of the admitted tiers (all tiers by default).',
    tag: 'reads',
    query: cutParams,
    responses: {
      200: { description: 'Releases, also grouped by series', schema: ref('ReleasesAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('The cut names an unknown release'),
    },
    handle: read(snapshots, cutParams, (reader, q) =>
      withCut(q, (c) =>
        reader.releases({
          cut: c.cut,
          ...(q.canon === undefined ? {} : { policy: c.policy }),
          ...(c.ledgerPosition === undefined ? {} : { ledgerPosition: c.ledgerPosition }),
        }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/search',
    summary: 'Entities by name, alias or id, drawn only from what the cut admits',
    tag: 'reads',
    query: searchParams,
    responses: {
      200: { description: 'Matches, best first', schema: ref('SearchAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('The cut names an unknown release'),
    },
    handle: read(snapshots, searchParams, (reader, q) =>
      withCut(q, (c) => reader.searchEntities({ ...c, query: (q.q ?? '').trim(), limit: 20 })),
    ),
  },
]
