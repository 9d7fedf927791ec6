import { createServer } from 'node:http'
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
