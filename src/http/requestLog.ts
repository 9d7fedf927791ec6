import type { ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'

const redacted = /([?&](?:token|access_token|api_key|apikey|key|auth)=)[^&]*/gi

/**
 * One structured line per request when the response is done: method, URL (credentials
 * redacted), status, duration. Bodies are never logged. `url` is the URL as the client sent it.
 */
export const logWhenDone = (
  logger: Logger,
  method: string,
  url: string,
  res: ServerResponse,
): void => {
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    logger.info(
      {
        method,
        url: url.slice(0, 512).replace(redacted, '$1[redacted]'),
        status: res.statusCode,
        ms: Math.round(ms * 100) / 100,
      },
      'request',
    )
  })
}

export const requestLog =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    logWhenDone(logger, req.method, req.originalUrl, res)
    next()
  }
