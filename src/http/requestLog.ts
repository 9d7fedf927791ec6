import type { ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { causeLocal } from './problems'

const credentialNames = 'token|access_token|api_key|apikey|key|auth|authorization|bearer|password'
const redactedParam = new RegExp(`([?&](?:${credentialNames})=)[^&]*`, 'gi')

/**
 * The URL as it may be logged: at most 512 characters, the values of credential-named
 * parameters redacted, and the write token itself wherever it appears (raw or percent-encoded,
 * in any parameter or in the path), so a token sent in the wrong place never reaches a log.
 * Built once per server: the token's forms are worked out here, not per request.
 */
export const urlRedactor = (token: string | undefined): ((url: string) => string) => {
  const forms =
    token === undefined || token === '' ? [] : [...new Set([token, encodeURIComponent(token)])]
  return (url) => {
    let shown = url.replace(redactedParam, '$1[redacted]')
    for (const form of forms) if (shown.includes(form)) shown = shown.split(form).join('[redacted]')
    return shown.slice(0, 512)
  }
}

/** `urlRedactor(token)(url)`, for a single URL. */
export const loggableUrl = (url: string, token: string | undefined): string =>
  urlRedactor(token)(url)

/** Express's `res.locals`, where `sendProblem` leaves the cause of a server failure. */
const causeIn = (res: ServerResponse): unknown =>
  (res as ServerResponse & { readonly locals?: Record<string, unknown> }).locals?.[causeLocal]

/**
 * One structured line per request when the response is done: method, URL (credentials
 * redacted), status, duration; a server failure (5xx) is logged at error level with its cause
 * (what the problem's body leaves out). Bodies and headers are never logged. `url` is the URL
 * as the client sent it.
 */
export const logWhenDone = (
  logger: Logger,
  method: string,
  url: string,
  res: ServerResponse,
  redact: (url: string) => string,
): void => {
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const line = {
      method,
      url: redact(url),
      status: res.statusCode,
      ms: Math.round(ms * 100) / 100,
    }
    const cause = causeIn(res)
    if (res.statusCode >= 500 && typeof cause === 'string')
      logger.error({ ...line, cause }, 'request failed')
    else logger.info(line, 'request')
  })
}

export const requestLog = (logger: Logger, token?: string): RequestHandler => {
  const redact = urlRedactor(token)
  return (req, res, next) => {
    logWhenDone(logger, req.method, req.originalUrl, res, redact)
    next()
  }
}
