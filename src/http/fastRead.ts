import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { lagHeaderName } from '../app/follow'
import type { AnswerCache } from './answerCache'
import { logWhenDone, urlRedactor } from './requestLog'
import { securityHeaderPairs } from './securityHeaders'
import type { SnapshotSource } from './snapshot'

const securityFlat: ReadonlyArray<string> = securityHeaderPairs.flat()

/**
 * The path taken before express for a repeated read: a GET whose exact URL a read route
 * answered 200 at the ledger position the snapshot holds now is answered from the cache, with
 * the status, headers (names, order and values), body and log line the express stack gives it;
 * only `Canon-Lag` and `Date` are of the moment, as they are there. Returns false, having
 * touched nothing, for anything else, which express then handles: another method (HEAD too),
 * a conditional request (express may answer 304), a URL not held, a snapshot not yet followed
 * (the read must catch up), or a ledger that has moved since the answer was computed.
 *
 * Why it is equivalent: the cache holds only what the read route sent for that URL, the route
 * reads no request header, the URL alone decides the routing and every check before the route
 * (length limit, credentials in the query), and an answer is a function of the URL and the
 * ledger position. The response timeout cannot fire: the answer is sent before this returns.
 */
export const fastRead = (deps: {
  readonly cache: AnswerCache
  readonly snapshots: SnapshotSource
  readonly logger: Logger
  /** The URL as the log line shows it (the write token redacted: requestLog.ts). */
  readonly redact?: (url: string) => string
}) => {
  const redact = deps.redact ?? urlRedactor(undefined)
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url
    if (req.method !== 'GET' || url === undefined) return false
    const headers = req.headers
    if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined)
      return false
    // The URL first: a request the cache cannot answer leaves the snapshot to express.
    const hit = deps.cache.get(url)
    if (hit === undefined) return false
    const snapshot = deps.snapshots.ready()
    if (snapshot === undefined || snapshot.position !== hit.position) return false
    logWhenDone(deps.logger, 'GET', url, res, redact)
    // The order express sets them in: security headers, the read's own, then res.json's.
    res.writeHead(200, [
      ...securityFlat,
      'ETag',
      hit.etag,
      lagHeaderName,
      snapshot.lag,
      'Cache-Control',
      'no-cache',
      'Content-Type',
      'application/json; charset=utf-8',
      'Content-Length',
      String(hit.body.length),
    ])
    res.end(hit.body)
    return true
  }
}
