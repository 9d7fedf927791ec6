import type { Response } from 'express'
import type { Representation } from './representation'
import { sendRepresentation } from './representation'
import type { AppError } from '../app/errors'
import { describeAppError } from '../app/errors'
import type { DomainError } from '../domain/errors'
import { isBadInput } from '../domain/errors'
import type { StoreError } from '../store/port'
import type { NotFound } from '../../projections/port/errors'

/**
 * The ONE place where errors become HTTP statuses. Every refusal is an RFC 9457 problem
 * document with a stable `type` URI, a title, the status and a detail naming what was wrong.
 * Details are built from values the caller sent or the ledger holds, never from a stack trace
 * or a file path.
 */
export const problemBase = 'https://canon-ledger.dev/problems/'

const catalog = {
  'invalid-query': { status: 400, title: 'The query parameters are invalid' },
  'malformed-url': { status: 400, title: 'The request URL is malformed' },
  'invalid-header': { status: 400, title: 'A request header is invalid' },
  'invalid-body': { status: 400, title: 'The request body is invalid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'token-in-query': { status: 400, title: 'Credentials are not accepted in the URL' },
  unauthorized: { status: 401, title: 'A valid bearer token is required' },
  'read-only': { status: 403, title: 'This server is read-only' },
  'unknown-entity': { status: 404, title: 'No such entity at this cut' },
  'unknown-release': { status: 404, title: 'No such release in the ledger' },
  'unknown-fact': { status: 404, title: 'No such fact of this entity' },
  'unknown-claim': { status: 404, title: 'No such claim at this cut' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'release-conflict': { status: 409, title: 'The release conflicts with the ledger' },
  'calendar-conflict': { status: 409, title: 'The calendar is already declared otherwise' },
  'correction-conflict': { status: 409, title: 'The correction conflicts with the ledger' },
  'concurrent-write': { status: 409, title: 'The ledger moved on during the write' },
  'stale-revision': { status: 412, title: 'The ledger is not at the revision in If-Match' },
  'body-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The request URL is too long' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'rejected-by-ledger': { status: 422, title: 'The ledger refuses this entry' },
  'corrupt-ledger': { status: 500, title: 'The ledger holds an unreadable event' },
  internal: { status: 500, title: 'Internal error' },
  'store-unavailable': { status: 503, title: 'The event store is unavailable' },
  timeout: { status: 503, title: 'The request took too long' },
  busy: { status: 503, title: 'The server is busy; ask again after Retry-After' },
  'ledger-untrusted': { status: 503, title: 'The ledger failed an integrity check' },
} as const

export type ProblemType = keyof typeof catalog

export const problemTypes: ReadonlyArray<ProblemType> = Object.keys(catalog) as ProblemType[]

export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  /** Extension members (RFC 9457 section 3.2): e.g. spoiler-safe suggestions. */
  readonly [extension: string]: unknown
}

export const problem = (
  kind: ProblemType,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): Problem => ({
  ...extensions,
  type: `${problemBase}${kind}`,
  title: catalog[kind].title,
  status: catalog[kind].status,
  detail,
})

/**
 * Why the server failed, for its log only: a problem's body never carries it (it may name
 * files and hosts). A symbol key, so JSON.stringify leaves it out and a spread keeps it.
 */
const causeKey = Symbol('cause')

const withCause = (p: Problem, cause: string): Problem => ({ ...p, [causeKey]: cause })

/** The cause a problem carries for the log (see `withCause`), if any. */
export const causeOf = (p: Problem): string | undefined => {
  const cause = (p as { readonly [causeKey]?: unknown })[causeKey]
  return typeof cause === 'string' ? cause : undefined
}

/** Where `sendProblem` leaves a problem's cause for the request log (`res.locals`). */
export const causeLocal = 'problemCause'

/** When to ask again, in seconds: sent as `Retry-After` (a symbol key, as the cause). */
const retryAfterKey = Symbol('retryAfter')

export const withRetryAfter = (p: Problem, seconds: number): Problem => ({
  ...p,
  [retryAfterKey]: Math.max(1, Math.ceil(seconds)),
})

const retryAfterOf = (p: Problem): number | undefined => {
  const s = (p as { readonly [retryAfterKey]?: unknown })[retryAfterKey]
  return typeof s === 'number' ? s : undefined
}

/** The problem as sent: application/problem+json, with its Retry-After when it has one. */
export const problemRepresentation = (p: Problem): Representation => {
  const retryAfter = retryAfterOf(p)
  return {
    status: p.status,
    contentType: 'application/problem+json; charset=utf-8',
    body: Buffer.from(JSON.stringify(p), 'utf8'),
    ...(retryAfter === undefined ? {} : { headers: { 'Retry-After': String(retryAfter) } }),
  }
}

export const sendProblem = (res: Response, p: Problem): void => {
  const cause = causeOf(p)
  if (cause !== undefined) res.locals[causeLocal] = cause
  sendRepresentation(res, problemRepresentation(p))
}

/**
 * An error that express or node raised about the request itself (a path whose percent-escapes
 * do not decode, a request it cannot parse): a 400 problem, never a 500. Undefined for anything
 * else, which is the server's own failure. (`decodableUrl` refuses bad escapes before routing;
 * this is the backstop for what reaches the last handler.)
 */
export const clientProblemOf = (err: unknown): Problem | undefined => {
  if (typeof err !== 'object' || err === null) return undefined
  const { status, message } = err as { readonly status?: unknown; readonly message?: unknown }
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined
  if (err instanceof URIError || (typeof message === 'string' && /decode/i.test(message)))
    return problem(
      'malformed-url',
      'the request URL does not decode: a percent-escape in its path is not valid UTF-8 (%XX with hexadecimal digits)',
    )
  return problem(
    'invalid-header',
    `the request could not be read (HTTP ${status}); nothing was done`,
  )
}

const domainKind = (e: DomainError): ProblemType => {
  if (isBadInput(e)) return 'invalid-body'
  switch (e._tag) {
    case 'ReleaseConflict':
      return 'release-conflict'
    case 'CorrectionConflict':
      return 'correction-conflict'
    case 'UnknownRelease':
    case 'UnknownEntity':
    case 'EntityNotYetIntroduced':
    case 'SecondaryEntityOnScreen':
    case 'EntityAlreadyIntroduced':
    case 'UnknownClaim':
    case 'ClaimNotYetAsserted':
    case 'ClaimAlreadyAsserted':
    case 'ClaimRetracted':
    case 'ChangedAfterRetraction':
    case 'DuplicateChange':
    case 'InvalidSettlement':
    case 'InvalidIdentification':
    case 'InvalidAppearance':
    case 'InvalidCorrection':
      return 'rejected-by-ledger'
    case 'CalendarConflict':
      return 'calendar-conflict'
    case 'UnsafeText':
    case 'UnknownSpeaker':
    case 'InvalidStoryChange':
    case 'InvalidTime':
    case 'InvalidCalendar':
      return 'invalid-body'
    default: {
      const never: never = e
      return never
    }
  }
}

/** `ifMatch`: the write carried an If-Match, so a moved ledger is a failed precondition. */
const storeKind = (e: StoreError, ifMatch: boolean): ProblemType => {
  switch (e._tag) {
    case 'WrongExpectedRevision':
      return ifMatch ? 'stale-revision' : 'concurrent-write'
    case 'AppendTooLarge':
      return 'body-too-large'
    case 'Unavailable':
    case 'StoreMissing':
      return 'store-unavailable'
    case 'StreamDeleted':
    case 'StoreFailure':
      return 'internal'
    case 'Corrupt':
      return 'corrupt-ledger'
    default: {
      const never: never = e
      return never
    }
  }
}

/** A store failure's reason may carry vendor text (paths, hosts): the body says only what failed. */
const storeDetail = (e: StoreError): string => {
  switch (e._tag) {
    case 'WrongExpectedRevision':
    case 'AppendTooLarge':
      return describeAppError({ _tag: 'Store', error: e })
    case 'Unavailable':
    case 'StoreMissing':
      return 'the event store cannot be reached; try again later'
    case 'StreamDeleted':
    case 'StoreFailure':
      return 'the event store failed to answer; the failure is logged'
    case 'Corrupt':
      return `the ledger holds corrupt data${e.revision === undefined ? '' : ` at position ${e.revision}`}; the failure is logged; run 'canon verify'`
    default: {
      const never: never = e
      return never
    }
  }
}

export interface ProblemContext {
  readonly ifMatch?: boolean
}

const notFoundKinds: Record<NotFound['kind'], ProblemType> = {
  entity: 'unknown-entity',
  release: 'unknown-release',
  fact: 'unknown-fact',
  claim: 'unknown-claim',
}

export const problemOfAppError = (e: AppError, context: ProblemContext = {}): Problem => {
  switch (e._tag) {
    case 'Domain':
      return problem(domainKind(e.error), describeAppError(e), {
        reason: e.error._tag,
        ...(e.suggestions === undefined ? {} : { suggestions: e.suggestions }),
      })
    case 'Store': {
      const p = problem(storeKind(e.error, context.ifMatch ?? false), storeDetail(e.error))
      return p.status >= 500 ? withCause(p, describeAppError(e)) : p
    }
    case 'InvalidInput':
      return problem('invalid-body', `${e.source} is invalid: ${e.problems.join('; ')}`, {
        problems: e.problems,
      })
    case 'CorruptEvent':
      return withCause(
        problem('corrupt-ledger', describeAppError(e), { position: e.position.toString() }),
        describeAppError(e),
      )
    case 'NotFound':
      // A release missing from a watched set makes the set, a query parameter, invalid; a
      // thing named on its own (an entity, `release=`) is a resource that is not there.
      return e.field === 'watched'
        ? problem('invalid-query', describeAppError(e), {
            parameter: e.field,
            suggestions: e.suggestions,
          })
        : problem(notFoundKinds[e.kind], describeAppError(e), { suggestions: e.suggestions })
    case 'InvalidQuery':
      return problem('invalid-query', describeAppError(e), { parameter: e.field })
    case 'Conflict':
      return problem('release-conflict', e.reason)
    case 'Untrusted':
      return withCause(
        problem('ledger-untrusted', describeAppError(e), { position: e.position.toString() }),
        describeAppError(e),
      )
    case 'UnknownUniverse':
      return problem('not-found', describeAppError(e))
    default: {
      const never: never = e
      return never
    }
  }
}
