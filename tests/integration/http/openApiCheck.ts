import { expect } from 'vitest'
import type { JsonSchema } from '../../../src/http/openapi/jsonSchema'
import { checkSchema } from '../../support/jsonSchemaCheck'
import type { Reply } from './support'

interface Operation {
  readonly responses: Record<
    string,
    { readonly content: Record<string, { readonly schema: JsonSchema }> }
  >
}
export interface OpenApiDoc {
  readonly openapi: string
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: { readonly schemas: Record<string, JsonSchema> }
}

/**
 * Checks replies against the served OpenAPI document and remembers which operations were
 * seen, so a spec can require that every documented route was checked at least once.
 */
export const openApiChecker = (doc: OpenApiDoc) => {
  const seen = new Set<string>()
  return {
    conforms: <T>(method: 'get' | 'post', template: string, reply: Reply<T>): Reply<T> => {
      const operation = doc.paths[template]?.[method]
      expect(operation, `${method.toUpperCase()} ${template} is in /openapi.json`).toBeDefined()
      const response = operation?.responses[String(reply.status)]
      expect(
        response,
        `${method.toUpperCase()} ${template} documents status ${reply.status}`,
      ).toBeDefined()
      const contentType = (reply.headers['content-type'] ?? '').split(';')[0] ?? ''
      const media = response?.content[contentType]
      expect(media, `${template} ${reply.status} documents ${contentType}`).toBeDefined()
      if (media !== undefined && contentType.endsWith('json'))
        expect(checkSchema(media.schema, reply.body, doc.components.schemas)).toEqual([])
      seen.add(`${method} ${template}`)
      return reply
    },
    unchecked: (): ReadonlyArray<string> =>
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .map((m) => `${m} ${path}`)
          .filter((k) => !seen.has(k)),
      ),
  }
}
