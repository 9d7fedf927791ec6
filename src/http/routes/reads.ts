import * as E from 'fp-ts/Either'
import type { Request, Response } from 'express'
import type { CanonPolicy } from '../../domain/canonPolicy'
import { allSources, onScreenOnly } from '../../domain/canonPolicy'
import type { CanonReader } from '../../../projections/port/reader'
import type { Cut } from '../../../projections/port/cut'
import { latest } from '../../../projections/port/cut'
import { beforeEverything } from '../../../projections/port/cutText'
import type { PageRequest } from '../../../projections/port/page'
import type { AppError } from '../../app/errors'
import { etagOf } from '../ifMatch'
import { problem, problemOfAppError, problemRepresentation, sendProblem } from '../problems'
import type { Representation } from '../representation'
import { jsonRepresentation, sendRepresentation } from '../representation'
import type { Represent } from '../representationCache'
import type { Decoded, QueryParam } from '../queryCodecs'
import {
  SearchText,
  changesParam,
  claimParam,
  cutOf,
  cutParams,
  cutTermParam,
  queryDecoder,
  entityParam,
  inRegion,
  pageParams,
  predicateParam,
  searchLimitParam,
} from '../queryCodecs'
import type { Route } from '../route'
import type { SnapshotSource } from '../snapshot'
import { lagHeaderName } from '../../app/follow'
import { ref } from '../openapi/jsonSchema'

const entityPath = {
  kind: { description: 'The entity kind, e.g. `event` in `event/mars-attack`' },
  slug: { description: 'The entity slug, e.g. `mars-attack`' },
}

const notFound = (what: string) => ({
  description: `${what}; \`suggestions\` come only from what the cut admits`,
})

type Answer<A> = E.Either<AppError | ReadonlyArray<string>, A>

/** What the read routes answer from: the snapshots, and how a read is represented. */
export interface ReadDeps {
  readonly snapshots: SnapshotSource
  /** The representation pipeline (cache, gate) around computing a read's answer. */
  readonly represent: Represent
}

const representationOf = <A>(result: Answer<A>): Representation => {
  if (E.isRight(result)) return jsonRepresentation(result.right)
  const e = result.left
  return problemRepresentation(
    Array.isArray(e)
      ? problem('invalid-query', (e as ReadonlyArray<string>).join('; '))
      : problemOfAppError(e as AppError),
  )
}

/**
 * The request as the representation cache keys it: the path as sent (it determines the path
 * parameters) and the query parameters in name order, each part escaped so that no two
 * requests share a key. Unknown and repeated parameters are refused before, so each is one string.
 */
const requestKey = (path: string, query: Readonly<Record<string, unknown>>): string => {
  const names = Object.keys(query).sort()
  let key = path
  for (const name of names)
    key += `&${encodeURIComponent(name)}=${encodeURIComponent(String(query[name]))}`
  return key
}

/**
 * Runs one read: decode the query with the route's codecs, answer from the current snapshot's
 * reader through the representation pipeline, send the answer with the ledger position as
 * ETag, or a problem document.
 */
const read = <P extends Record<string, QueryParam>, A>(
  deps: ReadDeps,
  params: P,
  answer: (reader: CanonReader, q: Decoded<P>, req: Request) => Answer<A>,
) => {
  const decode = queryDecoder(params)
  return async (req: Request, res: Response): Promise<void> => {
    const query = req.query as Record<string, unknown>
    const q = decode(query)
    if (E.isLeft(q)) return sendProblem(res, problem('invalid-query', q.left.join('; ')))
    const ready = deps.snapshots.ready()
    const current = ready === undefined ? await deps.snapshots.current()() : E.right(ready)
    if (E.isLeft(current)) return sendProblem(res, problemOfAppError(current.left))
    const snapshot = current.right
    const represented = await deps.represent({
      head: snapshot.position,
      key: requestKey(req.path, query),
      represent: () => representationOf(answer(snapshot.reader, q.right, req)),
    })
    sendRepresentation(
      res,
      represented,
      represented.status === 200
        ? {
            ETag: etagOf(snapshot.position),
            [lagHeaderName]: snapshot.lag,
            'Cache-Control': 'no-cache',
          }
        : {},
    )
  }
}

const entityOf = (req: Request): string => `${String(req.params.kind)}/${String(req.params.slug)}`

/** Reads at the query's cut (or refuses the cut's parameters by name). */
const atCut = <A>(
  q: Decoded<typeof cutParams>,
  f: (at: Cut) => E.Either<AppError, A>,
  defaultPolicy: CanonPolicy = onScreenOnly,
): Answer<A> => {
  const at = cutOf(q, defaultPolicy)
  return E.isLeft(at) ? at : f(at.right)
}

const pageOf = (q: Decoded<typeof pageParams>): PageRequest => ({
  ...(q.limit === undefined ? {} : { limit: q.limit }),
  ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
})

/** A required text naming entities, as a person would write it. */
const searchTextParam = (description: string) =>
  ({ codec: SearchText, schema: { type: 'string' }, description, required: true }) as const

const searchParams = {
  q: searchTextParam('Name, alias or id (or part of one).'),
  limit: searchLimitParam,
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
  changes: changesParam,
  ...cutParams,
  ...pageParams,
} as const

const universeHistoryParams = { changes: changesParam, ...cutParams, ...pageParams } as const

const claimHistoryParams = { ...cutParams, ...pageParams } as const

const { release: _r, date: _d, watched: _w, ...diffAxes } = cutParams
const diffParams = {
  from: cutTermParam(
    'The earlier cut: a release id, a date, `start` (before the first release, the default), `latest`, or `watched:` and a watched set.',
  ),
  to: cutTermParam('The later cut, written as `from` (default `latest`).'),
  entity: entityParam,
  ...diffAxes,
  ...pageParams,
} as const

const timelineParams = { entity: entityParam, ...cutParams, ...pageParams } as const

const releasesParams = {
  series: {
    codec: SearchText,
    schema: { type: 'string' },
    description: 'Only this series (case-insensitive).',
  },
  ...cutParams,
  ...pageParams,
} as const

const pagedNote =
  ' Paged: `limit` and `cursor`; `page.next` is the cursor of the next page, null on the last.'

export const readRoutes = (deps: ReadDeps): ReadonlyArray<Route> => [
  {
    method: 'get',
    path: '/v1/entities/:kind/:slug',
    summary: 'Canon of an entity at a cut',
    description:
      "Each fact with its source release, revision kind and in-universe validity. The cut is a release, a date (in a region) or a viewer's watched set (at most one), optionally at a ledger position; the canon policy admits secondary tiers.",
    tag: 'reads',
    pathParams: entityPath,
    query: cutParams,
    responses: {
      200: { description: 'The entity as the cut knows it', schema: ref('EntityAnswer') },
      400: { description: 'An invalid or contradictory query' },
      404: notFound('The cut does not admit the entity, or the cut names an unknown release'),
    },
    handle: read(deps, cutParams, (reader, q, req) =>
      atCut(q, (at) => reader.entity({ entity: entityOf(req), at })),
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
    handle: read(deps, canonByNameParams, (reader, q) =>
      atCut(q, (at) => reader.entity({ entity: (q.entity ?? '').trim(), at })),
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
    handle: read(deps, searchParams, (reader, q) =>
      atCut(q, (at) =>
        reader.search({
          text: (q.q ?? '').trim(),
          at,
          ...(q.limit === undefined ? {} : { limit: q.limit }),
        }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/entities/:kind/:slug/history',
    summary: 'Audit of an entity or one of its facts, at a cut',
    description: `Every change of the releases the cut admits, in release order, with old and new values, source release, ledger position and recording time, and the editorial corrections of those entries.${pagedNote}`,
    tag: 'audit',
    pathParams: entityPath,
    query: historyParams,
    responses: {
      200: { description: 'A page of the audit', schema: ref('HistoryAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('No such entity at the cut, or no such fact of it'),
    },
    handle: read(deps, historyParams, (reader, q, req) =>
      atCut(q, (at) =>
        reader.history({
          at,
          entity: entityOf(req),
          ...(q.predicate === undefined ? {} : { predicate: q.predicate }),
          ...(q.changes === undefined ? {} : { changes: q.changes }),
          page: pageOf(q),
        }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/claims/:claim/history',
    summary: 'Audit of one claim, at a cut',
    description: `Every change to the claim of the releases the cut admits.${pagedNote}`,
    tag: 'audit',
    pathParams: { claim: { description: 'The claim id, e.g. `mars-attack.perpetrator`' } },
    query: claimHistoryParams,
    responses: {
      200: { description: 'A page of the audit', schema: ref('HistoryAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('No such claim at the cut'),
    },
    handle: read(deps, claimHistoryParams, (reader, q, req) => {
      const claim = claimParam.codec.decode(req.params.claim)
      return E.isLeft(claim)
        ? E.left([`claim '${String(req.params.claim).slice(0, 80)}': not a claim id`])
        : atCut(q, (at) => reader.history({ at, claim: claim.right, page: pageOf(q) }))
    }),
  },
  {
    method: 'get',
    path: '/v1/history',
    summary: 'Audit of the whole universe at a cut (`changes=revised`: the revision audit)',
    description: `Every change of the releases the cut admits, of every entity, in release order.${pagedNote}`,
    tag: 'audit',
    query: universeHistoryParams,
    responses: {
      200: { description: 'A page of the audit', schema: ref('HistoryAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('The cut names an unknown release'),
    },
    handle: read(deps, universeHistoryParams, (reader, q) =>
      atCut(q, (at) =>
        reader.history({
          at,
          ...(q.changes === undefined ? {} : { changes: q.changes }),
          page: pageOf(q),
        }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/diff',
    summary: 'What changed between two cuts, for one entity or the whole universe',
    description: `Every change of the releases \`to\` admits and \`from\` does not, classified: asserted, confirmed, revised:<kind>, retracted, identified, introduced, appeared, aliased; with the value before and after.${pagedNote}`,
    tag: 'reads',
    query: diffParams,
    responses: {
      200: {
        description: 'A page of changes and the facts they touched',
        schema: ref('DiffAnswer'),
      },
      400: { description: 'An invalid query, or `from` reaching past `to`' },
      404: notFound('An unknown release or entity'),
    },
    handle: read(deps, diffParams, (reader, q) => {
      if (q.region !== undefined && q.from?._tag !== 'AsOfDate' && q.to?._tag !== 'AsOfDate')
        return E.left(['region goes with a date: give `from` or `to` as YYYY-MM-DD'])
      return reader.diff({
        from: inRegion(q.from ?? beforeEverything, q.region),
        to: inRegion(q.to ?? latest, q.region),
        policy: q.canon ?? onScreenOnly,
        ...(q.entity === undefined ? {} : { entity: q.entity }),
        ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
        page: pageOf(q),
      })
    }),
  },
  {
    method: 'get',
    path: '/v1/timeline',
    summary: 'In-universe chronology of what is known at a cut',
    description: `Facts dated in the story, in in-universe order.${pagedNote}`,
    tag: 'reads',
    query: timelineParams,
    responses: {
      200: { description: 'A page of timeline entries', schema: ref('TimelineAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('An unknown release or entity'),
    },
    handle: read(deps, timelineParams, (reader, q) =>
      atCut(q, (at) =>
        reader.timeline({
          at,
          ...(q.entity === undefined ? {} : { entity: q.entity }),
          page: pageOf(q),
        }),
      ),
    ),
  },
  {
    method: 'get',
    path: '/v1/releases',
    summary: "The release catalog in release order (date, then the day's tie-break)",
    description: `With a cut, only the releases it admits; every tier unless \`canon\` is given.${pagedNote}`,
    tag: 'reads',
    query: releasesParams,
    responses: {
      200: { description: 'A page of releases, with counts', schema: ref('ReleasesAnswer') },
      400: { description: 'An invalid query' },
      404: notFound('The cut names an unknown release, or there is no such series'),
    },
    handle: read(deps, releasesParams, (reader, q) =>
      atCut(
        q,
        (at) =>
          reader.releases({
            at,
            ...(q.series === undefined ? {} : { series: q.series }),
            page: pageOf(q),
          }),
        allSources,
      ),
    ),
  },
]
