import type { RequestHandler } from 'express'

/**
 * Security headers on every response (no helmet: the set is small and stated here). The CSP
 * allows only the page's own scripts, styles and images, and JSON fetched from this origin.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers, in the order they are set: the middleware and the fast read path share them. */
export const securityHeaderPairs: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
]

export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of securityHeaderPairs) res.setHeader(name, value)
  next()
}
