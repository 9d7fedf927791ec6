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

/** The shortest write token a server accepts: 32 bytes, 256 bits when drawn at random. */
export const minimumTokenBytes = 32

/** Why a write token is too weak to guard a ledger, or undefined when it is not. */
export const tokenProblem = (token: string): string | undefined => {
  const bytes = Buffer.byteLength(token, 'utf8')
  return bytes < minimumTokenBytes
    ? `CANON_TOKEN is ${bytes} bytes; a write token must be at least ${minimumTokenBytes} (for example: openssl rand -hex 32)`
    : /\s/.test(token)
      ? 'CANON_TOKEN holds white space; a bearer token cannot (for example: openssl rand -hex 32)'
      : undefined
}

/**
 * Refuses any request that carries a credential in its URL, on every route: URLs end up in
 * logs, proxies and histories, so a token there is refused even when it is right, and the
 * request log never shows it (see requestLog.ts).
 */
export const refuseTokenInUrl =
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
    next()
  }

/**
 * Guards writes. With no token configured the server is read-only and says so. The token is
 * taken from the Authorization header only, and compared in constant time.
 */
export const requireWriteToken =
  (token: string | undefined): RequestHandler =>
  (req, res, next) => {
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
