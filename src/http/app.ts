import express from 'express'
import type { Express, NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'
import pino from 'pino'
import type { LedgerDeps } from '../app/ledger'
import type { Limits } from './limits'
import { bodyErrors, defaultLimits, responseTimeout, urlLengthLimit } from './limits'
import { securityHeaders } from './securityHeaders'
import { requestLog } from './requestLog'
import { problem, sendProblem } from './problems'
import type { Route } from './route'
import { snapshotSource } from './snapshot'
import type { CanonReader } from '../../projections/port/reader'
import { readRoutes } from './routes/reads'
import { writeRoutes } from './routes/writes'
import { systemRoutes } from './routes/system'
import { openApiDocument } from './openapi/document'
import { webRoutes } from './routes/web'

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
}

/** The app, and the hook that stops it following the store (call after the server closed). */
export type CanonApp = Express & { readonly close: () => Promise<void> }

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
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', 'simple')
  app.use(securityHeaders)
  app.use(requestLog(logger))
  app.use(urlLengthLimit(limits.maxUrlLength))
  app.use(responseTimeout(limits.responseTimeoutMs))

  // Reads follow the store from now on (see snapshotSource); a catch-up that has taken half
  // the response time is presumed stuck.
  const snapshots = snapshotSource(options.deps, {
    stuckAfterMs: limits.responseTimeoutMs / 2,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.initialReader === undefined ? {} : { initial: options.initialReader }),
  })
  const routes: ReadonlyArray<Route> = [
    ...readRoutes(snapshots),
    ...writeRoutes({
      deps: options.deps,
      token: options.writeToken,
      maxBodyBytes: limits.maxBodyBytes,
      snapshots,
    }),
    ...systemRoutes({
      deps: options.deps,
      writable: options.writeToken !== undefined && options.writeToken !== '',
      snapshots,
    }),
  ]
  const openApiRoute: Route = {
    method: 'get',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    responses: { 200: { description: 'The OpenAPI document', schema: { type: 'object' } } },
    handle: (_req, res) => {
      res.json(document)
      return Promise.resolve()
    },
  }
  const all: ReadonlyArray<Route> = [...routes, openApiRoute]
  const document = openApiDocument([...all, ...webRoutes.documented])
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
  // The last resort: log the error with its stack, answer without it.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err, method: req.method, url: req.path }, 'unhandled error')
    if (res.headersSent) return
    sendProblem(res, problem('internal', 'the server failed to answer; the failure is logged'))
  })
  return Object.assign(app, { close: snapshots.stop })
}
