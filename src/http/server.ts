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
 * Listens with the timeouts a public server needs: a slow client cannot hold a socket open
 * by trickling headers or a body.
 */
export const startServer = (options: {
  readonly app: Express
  readonly port: number
  readonly host?: string
  readonly limits?: Limits
}): Promise<RunningServer> => {
  const limits = options.limits ?? defaultLimits
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: 16 * 1024,
    },
    options.app,
  )
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
