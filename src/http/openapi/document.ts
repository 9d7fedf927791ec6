import type { Route } from '../route'
import { openApiPath } from '../route'
import { problemTypes, problemBase } from '../problems'
import { components } from './components'
import { answerComponents } from './answerSchemas'
import { ref } from './jsonSchema'

const problemContent = { 'application/problem+json': { schema: ref('Problem') } }

/** The operation of one route, from its own declarations. */
const operationOf = (route: Route): Record<string, unknown> => ({
  summary: route.summary,
  ...(route.description === undefined ? {} : { description: route.description }),
  tags: [route.tag],
  operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
  parameters: [
    ...Object.entries(route.pathParams ?? {}).map(([name, p]) => ({
      name,
      in: 'path',
      required: true,
      description: p.description,
      schema: { type: 'string' },
    })),
    ...Object.entries(route.query ?? {}).map(([name, p]) => ({
      name,
      in: 'query',
      required: p.required === true,
      description: p.description,
      schema: p.schema,
    })),
    ...Object.entries(route.headers ?? {}).map(([name, h]) => ({
      name,
      in: 'header',
      required: false,
      description: h.description,
      schema: h.schema,
    })),
  ],
  ...(route.body === undefined
    ? {}
    : {
        requestBody: {
          required: true,
          description: route.body.description,
          content: { 'application/json': { schema: route.body.schema } },
        },
      }),
  ...(route.secured === true ? { security: [{ bearer: [] }] } : {}),
  responses: Object.fromEntries(
    Object.entries(route.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        content:
          r.schema === undefined
            ? problemContent
            : { [r.contentType ?? 'application/json']: { schema: r.schema } },
      },
    ]),
  ),
})

/**
 * OpenAPI 3.1, assembled from the routes' own declarations (their query codecs' parameter
 * list, body and response schemas), so the document describes exactly what is mounted.
 */
export const openApiDocument = (routes: ReadonlyArray<Route>): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const path = openApiPath(route.path)
    paths[path] = { ...paths[path], [route.method]: operationOf(route) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'canon-ledger',
      version: '1',
      description: `Canon of a fictional universe as of any release. Errors are RFC 9457 problem documents; their \`type\` is one of ${problemTypes.map((t) => `${problemBase}${t}`).join(', ')}.`,
    },
    paths,
    components: {
      schemas: { ...components, ...answerComponents },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  }
}
