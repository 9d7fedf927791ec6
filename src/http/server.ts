import { IncomingMessage, ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'
import type { Limits } from './limits'
import { defaultLimits } from './limits'

export interface RunningServer {
  /** The bound URL, e.g. `http://127.0.0.1:8080` (port 0 binds a free port). */
  readonly url: string
  readonly port: number
  /** Stops accepting, lets requests in flight finish, then resolves. */
  readonly close: () => Promise<void>
}

/**
 * A constructor of node's `Base` whose objects are born with `prototype`. Express gives each
 * request and response its app's prototypes (`app.request`, `app.response`) by swapping the
 * prototype of the objects node made; a swapped object loses V8's fast property layout, and
 * every later access to it in node's HTTP code pays (bench/RESULTS.md, HTTP: most of what
 * express cost per request). Born with those prototypes, express's swap changes nothing.
 */
const bornWith = <C extends object>(Base: C, prototype: object): C => {
  function Born(this: object, ...args: unknown[]): void {
    ;(Base as unknown as (...a: unknown[]) => void).apply(this, args)
  }
  Born.prototype = prototype
  return Born as unknown as C
}

/**
 * Listens with the bounds a public server needs: a slow client cannot hold a socket open by
 * trickling headers (cut off within headersTimeout and one timeout check) or a body (within
 * requestTimeout), an idle keep-alive connection is closed, and the server holds at most
 * maxConnections at once (one more is closed as it arrives, so a flood cannot exhaust it).
 */
export const startServer = (options: {
  readonly app: Express
  readonly port: number
  readonly host?: string
  readonly limits?: Partial<Limits>
}): Promise<RunningServer> => {
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
      maxHeaderSize: 16 * 1024,
      IncomingMessage: bornWith(IncomingMessage, options.app.request),
      ServerResponse: bornWith(ServerResponse, options.app.response),
    },
    options.app,
  )
  server.maxConnections = limits.maxConnections
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      const port = (server.address() as AddressInfo).port
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err === undefined ? done() : fail(err)))
            server.closeIdleConnections()
          }),
      })
    })
  })
}
