import type { Response } from 'express'

/**
 * An answer as it goes on the wire: status, media type, the body serialized once, and the
 * headers that belong to it (a refusal's `Retry-After`). Serialized once, it can be kept and
 * sent again as it is (representationCache.ts).
 */
export interface Representation {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
  readonly headers?: Readonly<Record<string, string>>
}

export const jsonType = 'application/json; charset=utf-8'

export const jsonRepresentation = (value: unknown, status = 200): Representation => ({
  status,
  contentType: jsonType,
  body: Buffer.from(JSON.stringify(value), 'utf8'),
})

/**
 * Sends it with express's `res.send` (a Buffer is sent as it is: Content-Length, HEAD without a
 * body, 304 when If-None-Match names the response's ETag), after `headers` (ETag, Canon-Lag).
 */
export const sendRepresentation = (
  res: Response,
  r: Representation,
  headers: Readonly<Record<string, string>> = {},
): void => {
  res.status(r.status)
  res.setHeader('Content-Type', r.contentType)
  for (const name in r.headers) res.setHeader(name, r.headers[name] as string)
  for (const name in headers) res.setHeader(name, headers[name] as string)
  res.send(r.body)
}
