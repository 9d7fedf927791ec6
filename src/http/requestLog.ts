import type { RequestHandler } from 'express'
import type { Logger } from 'pino'

const redacted = /([?&](?:token|access_token|api_key|apikey|key|auth)=)[^&]*/gi

/**
 * One structured line per request when the response is done: method, URL (credentials
 * redacted), status, duration. Bodies are never logged.
 */
export const requestLog =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      logger.info(
        {
          method: req.method,
          url: req.originalUrl.slice(0, 512).replace(redacted, '$1[redacted]'),
          status: res.statusCode,
          ms: Math.round(ms * 100) / 100,
        },
        'request',
      )
    })
    next()
  }
