import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { problem, sendProblem } from './problems'

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

/**
 * Compares in constant time: both sides are hashed first, so the comparison sees buffers of
 * one length whatever the caller sent, and its time says nothing about the token.
 */
export const sameToken = (expected: string, given: string): boolean =>
  timingSafeEqual(digest(expected), digest(given))

const credentialParams = ['token', 'access_token', 'api_key', 'apikey', 'key', 'auth']

/**
 * True when the URL carries something that looks like a credential: a parameter with a
 * credential's name, or any value that is the configured token itself.
 */
export const hasTokenInQuery = (query: unknown, token: string | undefined): boolean => {
  if (typeof query !== 'object' || query === null) return false
  const entries = Object.entries(query as Record<string, unknown>)
  return entries.some(
    ([k, v]) =>
      credentialParams.includes(k.toLowerCase()) ||
      (token !== undefined && token !== '' && typeof v === 'string' && sameToken(token, v)),
  )
}

/**
 * Guards writes. With no token configured the server is read-only and says so; a token in the
 * query string is refused even when it is right (URLs end up in logs and histories).
 */
export const requireWriteToken =
  (token: string | undefined): RequestHandler =>
  (req, res, next) => {
    if (hasTokenInQuery(req.query, token))
      return sendProblem(
        res,
        problem(
          'token-in-query',
          'credentials in the URL are refused; send them as an Authorization: Bearer header',
        ),
      )
    if (token === undefined || token === '')
      return sendProblem(
        res,
        problem(
          'read-only',
          'no write token is configured on this server, so it accepts no writes',
        ),
      )
    const header = req.get('authorization') ?? ''
    const match = /^Bearer ([^\s]+)$/i.exec(header.trim())
    if (match?.[1] === undefined || !sameToken(token, match[1])) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="canon-ledger"')
      return sendProblem(
        res,
        problem(
          'unauthorized',
          header === ''
            ? 'this write needs an Authorization: Bearer header'
            : 'the bearer token is not the one this server accepts',
        ),
      )
    }
    next()
  }
