import type { Request, RequestHandler, Response } from 'express'
import type { JsonSchema } from './openapi/jsonSchema'
import type { QueryParam } from './queryCodecs'

/** A response a route may give: its description and body schema, for /openapi.json. */
export interface ResponseSpec {
  readonly description: string
  /** Omitted: a problem document (application/problem+json). */
  readonly schema?: JsonSchema
  readonly contentType?: string
}

/**
 * A route declares what it accepts and returns next to its handler: /openapi.json is built
 * from these declarations, and the route decodes its query with the same `query` codecs.
 */
export interface Route {
  readonly method: 'get' | 'post'
  /** Express path, e.g. `/v1/entities/:kind/:slug`. */
  readonly path: string
  readonly summary: string
  readonly description?: string
  readonly tag: string
  readonly pathParams?: Readonly<Record<string, { readonly description: string }>>
  readonly query?: Readonly<Record<string, QueryParam>>
  readonly body?: { readonly description: string; readonly schema: JsonSchema }
  readonly headers?: Readonly<
    Record<string, { readonly description: string; readonly schema: JsonSchema }>
  >
  readonly responses: Readonly<Record<number, ResponseSpec>>
  readonly secured?: boolean
  /** Run before the handler (authorisation, body parsing), in order. */
  readonly middleware?: ReadonlyArray<RequestHandler>
  readonly handle: (req: Request, res: Response) => Promise<void>
}

/** `/v1/entities/:kind/:slug` -> `/v1/entities/{kind}/{slug}` */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}')
