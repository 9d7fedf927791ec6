import type { ErrorRequestHandler, RequestHandler } from 'express'
import { problem, sendProblem, withRetryAfter } from './problems'

/** What a public server bounds. Defaults suit the bundled ledgers with a wide margin. */
export interface Limits {
  /** Largest JSON body accepted on writes, in bytes. */
  readonly maxBodyBytes: number
  /** Longest request URL (path and query), in characters. */
  readonly maxUrlLength: number
  /** Time allowed to receive the request headers, in ms. */
  readonly headersTimeoutMs: number
  /** Time allowed to receive the whole request, in ms. */
  readonly requestTimeoutMs: number
  /** Idle time before a keep-alive connection is closed, in ms. */
  readonly keepAliveTimeoutMs: number
  /**
   * How often the server looks for requests past their header or request timeout, in ms: a
   * slow client is cut off at most this long after its timeout (node's default is 30 s).
   */
  readonly timeoutCheckMs: number
  /** Connections held at once; one more is closed as it arrives. */
  readonly maxConnections: number
  /** Time allowed to answer once the request is in (a store that hangs), in ms. */
  readonly responseTimeoutMs: number
  /** Bytes of read answers kept, as sent, for the ledger head they were read at (0: none). */
  readonly representationCacheBytes: number
  /**
   * How long work runs on the event loop in one stretch, in ms: computed reads run back to back
   * for at most this long (then other requests, /health among them, are read), and the verify
   * walk pauses as often.
   */
  readonly readSliceMs: number
  /** Computed reads waiting for their turn at once; one more is answered 503 busy. */
  readonly readQueue: number
  /**
   * The longest a request waits for its turn, or for the verification of the ledger, in ms;
   * past it, 503 busy with Retry-After (0: a verify not yet done is not waited for).
   */
  readonly readWaitMs: number
  /** The CPU a read is meant to stay under, in ms; a read over it is logged (it is not stopped). */
  readonly readBudgetMs: number
}

export const defaultLimits: Limits = {
  maxBodyBytes: 1024 * 1024,
  maxUrlLength: 4096,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckMs: 1_000,
  maxConnections: 512,
  responseTimeoutMs: 15_000,
  representationCacheBytes: 32 * 1024 * 1024,
  readSliceMs: 10,
  readQueue: 256,
  readWaitMs: 2_000,
  readBudgetMs: 50,
}

/**
 * Answers a 503 problem when a handler has not answered in time (a store that hangs), so a
 * client is never left waiting on a socket that the server will only drop.
 */
export const responseTimeout =
  (ms: number): RequestHandler =>
  (req, res, next) => {
    const timer = setTimeout(() => {
      if (!res.headersSent)
        sendProblem(
          res,
          withRetryAfter(
            problem(
              'timeout',
              req.method === 'POST'
                ? `the write took longer than ${ms} ms and may still land whole or not at all; sending the same body again is safe (an entry already recorded as written is a no-op)`
                : `the answer took longer than ${ms} ms; try again later`,
            ),
            1,
          ),
        )
    }, ms)
    timer.unref()
    res.on('close', () => clearTimeout(timer))
    res.on('finish', () => clearTimeout(timer))
    next()
  }

export const urlLengthLimit =
  (max: number): RequestHandler =>
  (req, res, next) => {
    if (req.originalUrl.length > max)
      return sendProblem(
        res,
        problem(
          'uri-too-long',
          `the URL is ${req.originalUrl.length} characters; the limit is ${max}`,
        ),
      )
    next()
  }

const decodes = (part: string): boolean => {
  try {
    decodeURIComponent(part.replace(/\+/g, ' '))
    return true
  } catch {
    return false
  }
}

/**
 * Refuses a URL whose path or query does not decode (a percent-escape that is not `%XX`, or
 * bytes that are not UTF-8, such as `/v1/entities/%E0%A4%A`) as the client's 400, before any
 * route or the router's own decoding meets it.
 */
export const decodableUrl: RequestHandler = (req, res, next) => {
  const url = req.originalUrl
  // Without a percent-escape there is nothing that could fail to decode.
  if (!url.includes('%')) return next()
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const query = q < 0 ? '' : url.slice(q + 1)
  const bad = !decodes(path)
    ? 'its path'
    : query.split(/[&=]/).some((part) => !decodes(part))
      ? 'its query string'
      : undefined
  if (bad === undefined) return next()
  sendProblem(
    res,
    problem(
      'malformed-url',
      `the request URL does not decode: ${bad} holds a percent-escape that is not valid UTF-8 (%XX with hexadecimal digits)`,
    ),
  )
}

/** Writes take JSON only; anything else is refused before it is read. */
export const requireJson: RequestHandler = (req, res, next) => {
  if (!req.is('application/json'))
    return sendProblem(
      res,
      problem(
        'unsupported-media-type',
        `the body is ${req.get('content-type') ?? 'untyped'}; send application/json`,
      ),
    )
  next()
}

interface BodyParserError {
  readonly type?: unknown
  readonly limit?: unknown
  readonly length?: unknown
}

/**
 * Translates the JSON body parser's errors (too large, not JSON, bad encoding) into problem
 * documents. Its messages may quote the input, so the detail is written here instead.
 */
export const bodyErrors =
  (maxBodyBytes: number): ErrorRequestHandler =>
  (err: unknown, _req, res, next) => {
    const type = (err as BodyParserError | null)?.type
    switch (type) {
      case 'entity.too.large':
        return sendProblem(
          res,
          problem('body-too-large', `the body is over the limit of ${maxBodyBytes} bytes`),
        )
      case 'entity.parse.failed':
        return sendProblem(
          res,
          problem('malformed-json', 'the body could not be parsed as JSON; nothing was written'),
        )
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(
          res,
          problem('unsupported-media-type', 'the body must be UTF-8 encoded JSON'),
        )
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        return sendProblem(res, problem('invalid-body', 'the body was not received whole'))
      default:
        next(err)
    }
  }
