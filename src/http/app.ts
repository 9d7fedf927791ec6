import { parse as parseQuery } from 'node:querystring'
import express from 'express'
import type { Express, NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import pino from 'pino'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { LedgerDeps } from '../app/ledger'
import type { AppError } from '../app/errors'
import { describeAppError } from '../app/errors'
import type { ChainTip } from '../app/chainGuard'
import { guardChain } from '../app/chainGuard'
import type { HeadSigner } from '../app/checkpoint'
import { watchStore } from '../app/storeWatch'
import { describeStoreError } from '../store/port'
import type { Limits } from './limits'
import { bodyErrors, decodableUrl, defaultLimits, responseTimeout, urlLengthLimit } from './limits'
import { securityHeaders } from './securityHeaders'
import { requestLog } from './requestLog'
import { clientProblemOf, problem, sendProblem } from './problems'
import { refuseTokenInUrl } from './auth'
import { refuseWhenUntrusted } from './trust'
import type { Route } from './route'
import { snapshotSource } from './snapshot'
import type { CanonReader } from '../../projections/port/reader'
import { readRoutes } from './routes/reads'
import { writeRoutes } from './routes/writes'
import { systemRoutes } from './routes/system'
import { openApiDocument } from './openapi/document'
import { webRoutes } from './routes/web'
import { jsonRepresentation, sendRepresentation } from './representation'
import { cachedRepresentations, computed } from './representationCache'
import { gatedRepresentations } from './readGate'
import type { Pace } from '../app/verify'
import { walkLedger } from '../app/verify'
import { walkPerHead } from '../app/walkPerHead'

export interface AppOptions {
  readonly deps: LedgerDeps
  /** The bearer token that authorises writes; without one the server is read-only. */
  readonly writeToken?: string
  readonly logger?: Logger
  readonly limits?: Partial<Limits>
  /** Polling stores (SQLite, memory): how often the reads' follower looks for new events. */
  readonly pollIntervalMs?: number
  /** The reader to start from (one restored from an index snapshot); absent: the empty ledger. */
  readonly initialReader?: CanonReader
  /**
   * The last link of the chain checked before the server started (at `initialReader`'s
   * position): what is read after it must link to it. Absent: checked from what is first read.
   */
  readonly trusted?: ChainTip
  /** Signs the head /v1/head publishes (the operator's key); absent: published unsigned. */
  readonly signer?: HeadSigner
  /** After a write landed (a checkpoint file to keep current). A failure is logged, not answered. */
  readonly onWritten?: () => TE.TaskEither<AppError, void>
}

/** The app, and the hook that stops it following the store (call after the server closed). */
export type CanonApp = Express & { readonly close: () => Promise<void> }

/**
 * A long walk's pace on the event loop: due after `sliceMs` of work in one stretch, and a pause
 * lasts until the event loop has turned (the requests that came meanwhile are read first).
 */
const slicedPace = (sliceMs: number): Pace => {
  let since = performance.now()
  return {
    due: () => performance.now() - since >= sliceMs,
    pause: () =>
      new Promise((resolve) =>
        setImmediate(() => {
          since = performance.now()
          resolve()
        }),
      ),
  }
}

/**
 * The query string parser (node's querystring, as express's 'simple'), wrapped with a cache of
 * its last answer: express parses `req.query` again at each access, and a request reads it in
 * more than one place (the credential check, the route). The parsed object is frozen, so
 * requests that share it cannot change it for one another.
 */
const lastQueryParsed = (): ((text: string) => Readonly<Record<string, unknown>>) => {
  let last: { readonly text: string; readonly parsed: Readonly<Record<string, unknown>> } = {
    text: '',
    parsed: Object.freeze(parseQuery('')),
  }
  return (text) => {
    if (text !== last.text) last = { text, parsed: Object.freeze(parseQuery(text)) }
    return last.parsed
  }
}

/** Wraps an async handler so a rejection becomes the error handler's problem, never a crash. */
const handled =
  (route: Route) =>
  (req: Request, res: Response, next: NextFunction): void => {
    route.handle(req, res).catch(next)
  }

/**
 * The HTTP shell: routes over the query and append use cases, every refusal a problem
 * document, security headers and a request log on every response.
 */
export const createApp = (options: AppOptions): CanonApp => {
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const logger = options.logger ?? pino({ level: 'silent' })
  const token = options.writeToken === '' ? undefined : options.writeToken
  // Every read of the ledger is checked against its chain (a fault stops the serving), and
  // every store failure is logged with its cause and kept for /health.
  const guard = guardChain(options.deps, options.trusted)
  const watch = watchStore(guard.store, ({ error, doing }) =>
    logger.error({ cause: describeStoreError(error), doing }, 'store failure'),
  )
  const deps: LedgerDeps = { ...options.deps, store: watch.store }
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', lastQueryParsed())
  app.use(securityHeaders)
  app.use(requestLog(logger, token))
  app.use(urlLengthLimit(limits.maxUrlLength))
  app.use(decodableUrl)
  app.use(refuseTokenInUrl(token))
  app.use(refuseWhenUntrusted(guard))
  app.use(responseTimeout(limits.responseTimeoutMs))

  // Reads follow the store from now on (see snapshotSource); a catch-up that has taken half
  // the response time is presumed stuck.
  const snapshots = snapshotSource(deps, {
    stuckAfterMs: limits.responseTimeoutMs / 2,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.initialReader === undefined ? {} : { initial: options.initialReader }),
  })
  const routes: ReadonlyArray<Route> = [
    ...readRoutes({
      snapshots,
      // Answers kept per head come first; a read computed waits for its turn (readGate.ts).
      represent: cachedRepresentations(
        gatedRepresentations(computed, {
          sliceMs: limits.readSliceMs,
          maxQueue: limits.readQueue,
          maxWaitMs: limits.readWaitMs,
          budgetMs: limits.readBudgetMs,
          now: () => performance.now(),
          later: (f) => setImmediate(f),
          onOverBudget: (read, ms) =>
            logger.warn({ read: read.slice(0, 300), ms }, 'read over its CPU budget'),
        }),
        limits.representationCacheBytes,
      ),
    }),
    ...writeRoutes({
      deps,
      token,
      maxBodyBytes: limits.maxBodyBytes,
      snapshots,
      afterWrite: () =>
        options.onWritten === undefined
          ? Promise.resolve()
          : options
              .onWritten()()
              .then((done) => {
                if (E.isLeft(done))
                  logger.error({ cause: describeAppError(done.left) }, 'checkpoint not updated')
              }),
    }),
    ...systemRoutes({
      deps: options.deps,
      writable: token !== undefined,
      snapshots,
      broken: guard.broken,
      failing: watch.failing,
      head: guard.tip,
      ...(options.signer === undefined ? {} : { signer: options.signer }),
      walks: walkPerHead(
        (onProgress) =>
          walkLedger(options.deps, { pace: slicedPace(limits.readSliceMs), onProgress }),
        () => performance.now(),
      ),
      verifyWaitMs: limits.readWaitMs,
    }),
  ]
  const openApiRoute: Route = {
    method: 'get',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    responses: { 200: { description: 'The OpenAPI document', schema: { type: 'object' } } },
    handle: (_req, res) => {
      sendRepresentation(res, document)
      return Promise.resolve()
    },
  }
  const all: ReadonlyArray<Route> = [...routes, openApiRoute]
  const document = jsonRepresentation(openApiDocument([...all, ...webRoutes.documented]))
  for (const route of all) {
    const middleware = route.middleware ?? []
    app[route.method](route.path, ...middleware, handled(route))
    // A known path with another method is a 405, not a 404.
    app.all(route.path, (req, res, next) => {
      if (all.some((r) => r.path === route.path && r.method === req.method.toLowerCase()))
        return next()
      if (req.method === 'HEAD' && route.method === 'get') return next()
      res.setHeader(
        'Allow',
        all
          .filter((r) => r.path === route.path)
          .map((r) => r.method.toUpperCase())
          .join(', '),
      )
      sendProblem(
        res,
        problem('method-not-allowed', `${req.method} is not allowed on ${route.path}`),
      )
    })
  }
  webRoutes.mount(app)

  app.use((req: Request, res: Response) => {
    sendProblem(
      res,
      problem(
        'not-found',
        `no route for ${req.method} ${req.path.slice(0, 200)}; see /openapi.json`,
      ),
    )
  })
  app.use(bodyErrors(limits.maxBodyBytes))
  // The last resort: a fault in the request itself (a path that does not decode) is the
  // client's 4xx; anything else is logged with its stack and answered without it.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const client = clientProblemOf(err)
    if (client !== undefined) return res.headersSent ? undefined : sendProblem(res, client)
    logger.error({ err, method: req.method }, 'unhandled error')
    if (res.headersSent) return
    sendProblem(res, problem('internal', 'the server failed to answer; the failure is logged'))
  })
  return Object.assign(app, { close: snapshots.stop })
}
