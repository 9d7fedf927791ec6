import express from 'express'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { entryIdOf } from '../../domain/events'
import type { AppError } from '../../app/errors'
import type { LedgerDeps, Sourced } from '../../app/ledger'
import { inReleaseOrder, sourcedOf } from '../../app/appendFiles'
import { execute } from '../../app/ledger'
import type { AuthoringContent } from '../../app/authoring/fileCodec'
import { authoringFileCodec } from '../../app/authoring/fileCodec'
import { authoringProblems } from '../../app/authoring/problems'
import { requireWriteToken } from '../auth'
import { requireJson } from '../limits'
import type { Precondition } from '../ifMatch'
import { etagOf, parseIfMatch } from '../ifMatch'
import { problem, problemOfAppError, sendProblem } from '../problems'
import type { Route } from '../route'
import type { SnapshotSource } from '../snapshot'
import { array, decimal, integer, object, string } from '../openapi/jsonSchema'
import { authoringBodySchema } from '../openapi/authoringSchema'

export interface WriteDeps {
  readonly deps: LedgerDeps
  readonly token: string | undefined
  readonly maxBodyBytes: number
  readonly snapshots: SnapshotSource
  /** After a write landed, before it is answered (keeps a checkpoint file current). */
  readonly afterWrite?: () => Promise<void>
}

interface Written {
  readonly appended: ReadonlyArray<{ position: string; type: string; id: string }>
  readonly unchanged: number
  readonly ledgerPosition: string
}

/**
 * Decide and append in one atomic append. With `If-Match` the write is decided on exactly
 * that ledger or refused; without it, a write that lost a race to another writer is decided
 * again on the fresh ledger (the app's `execute` does that).
 */
const write = (
  deps: LedgerDeps,
  commands: ReadonlyArray<Sourced>,
  precondition: Precondition,
): TE.TaskEither<AppError, Written> =>
  pipe(
    execute(
      deps,
      commands,
      precondition._tag === 'Exact' ? { expectedPosition: precondition.position } : {},
    ),
    TE.map((outcome): Written => ({
      appended: outcome.appended.map((r) => ({
        position: r.position.toString(),
        type: r.event._tag,
        id: entryIdOf(r.event),
      })),
      unchanged: outcome.unchanged,
      ledgerPosition: outcome.lastPosition.toString(),
    })),
  )

/** Calendars, then releases in release order, then corrections (see `sourcedOf`). */
const commandsOf = (content: AuthoringContent): ReadonlyArray<Sourced> => {
  const sourced = sourcedOf(content, 'the request body')
  return [...sourced.calendars, ...inReleaseOrder(sourced.releases), ...sourced.corrections]
}

const handler =
  (w: WriteDeps, only: 'releases' | 'corrections'): Route['handle'] =>
  async (req, res) => {
    const precondition = parseIfMatch(req.get('if-match'))
    if (E.isLeft(precondition))
      return sendProblem(res, problem('invalid-header', precondition.left))
    const decoded = authoringFileCodec.decode(req.body)
    if (E.isLeft(decoded)) {
      const problems = authoringProblems(decoded.left)
      return sendProblem(
        res,
        problem('invalid-body', `the request body is invalid: ${problems.join('; ')}`, {
          problems,
        }),
      )
    }
    const other =
      only === 'releases'
        ? decoded.right.corrections
        : [...decoded.right.releases, ...decoded.right.calendars]
    if (other.length > 0)
      return sendProblem(
        res,
        problem(
          'invalid-body',
          only === 'releases'
            ? 'at corrections: POST /v1/releases takes releases only; send corrections to POST /v1/corrections'
            : 'at releases: POST /v1/corrections takes corrections only; send releases (and calendars) to POST /v1/releases',
        ),
      )
    const result = await write(w.deps, commandsOf(decoded.right), precondition.right)()
    if (E.isLeft(result)) {
      const e = result.left
      const ifMatch = precondition.right._tag === 'Exact'
      if (ifMatch && e._tag === 'Store' && e.error._tag === 'WrongExpectedRevision')
        return sendProblem(
          res,
          problem(
            'stale-revision',
            `If-Match names ledger position ${precondition.right._tag === 'Exact' ? precondition.right.position.toString() : '?'}, but the ledger has moved on; read it again and retry`,
          ),
        )
      return sendProblem(res, problemOfAppError(e, { ifMatch }))
    }
    // The next read must see this write, whatever catch-up was in flight when it landed.
    await w.snapshots.refresh()()
    if (result.right.appended.length > 0) await w.afterWrite?.()
    res.setHeader('ETag', etagOf(BigInt(result.right.ledgerPosition)))
    res.status(result.right.appended.length > 0 ? 201 : 200).json(result.right)
  }

const writtenSchema = object({
  appended: array(object({ position: decimal, type: string, id: string })),
  unchanged: integer,
  ledgerPosition: decimal,
})

const refusals = {
  400: { description: 'Malformed JSON, an invalid body, a bad If-Match, or a token in the URL' },
  401: { description: 'No bearer token, or not the configured one' },
  403: { description: 'No write token is configured: the server is read-only' },
  409: { description: 'A release or correction with this id already holds other content' },
  412: { description: 'If-Match names a ledger position the ledger has moved past' },
  413: { description: 'The body is over the size limit' },
  415: { description: 'The body is not application/json' },
  422: { description: 'The ledger refuses an entry (unknown entity, claim not yet asserted, ...)' },
} as const

export const writeRoutes = (w: WriteDeps): ReadonlyArray<Route> => {
  const middleware = [
    requireWriteToken(w.token),
    requireJson,
    express.json({ limit: w.maxBodyBytes, strict: true, type: 'application/json' }),
  ]
  const common = {
    method: 'post' as const,
    tag: 'writes',
    secured: true,
    middleware,
    headers: {
      'If-Match': {
        description:
          'Optional: the ledger position read (the ETag of a read, e.g. "12"); a moved ledger gets 412.',
        schema: { type: 'string' as const },
      },
    },
  }
  return [
    {
      ...common,
      path: '/v1/releases',
      summary: 'Append releases (the YAML authoring format, as JSON)',
      body: {
        description:
          '`{ "releases": [...] }` or one release mapping, exactly as in an authoring file. All land or none.',
        schema: authoringBodySchema,
      },
      responses: {
        201: { description: 'Appended', schema: writtenSchema },
        200: {
          description: 'Every release was already in the ledger as written',
          schema: writtenSchema,
        },
        ...refusals,
      },
      handle: handler(w, 'releases'),
    },
    {
      ...common,
      path: '/v1/corrections',
      summary: "Record editorial corrections of the ledger's own entries",
      body: {
        description: '`{ "corrections": [...] }` as in an authoring file. All land or none.',
        schema: authoringBodySchema,
      },
      responses: {
        201: { description: 'Recorded', schema: writtenSchema },
        200: {
          description: 'Every correction was already recorded as written',
          schema: writtenSchema,
        },
        ...refusals,
      },
      handle: handler(w, 'corrections'),
    },
  ]
}
