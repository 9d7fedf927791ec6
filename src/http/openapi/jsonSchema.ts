/**
 * The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that this API's document is
 * written in. Kept small on purpose: the test suite checks responses against it with a
 * checker of exactly this subset (tests/support/jsonSchemaCheck.ts).
 */
export interface JsonSchema {
  readonly $ref?: string
  readonly type?: JsonType | ReadonlyArray<JsonType>
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | JsonSchema
  readonly items?: JsonSchema
  readonly enum?: ReadonlyArray<string | number | boolean | null>
  readonly const?: string | number | boolean | null
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly pattern?: string
  readonly format?: string
  readonly minimum?: number
  readonly description?: string
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null'

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

/** An object schema whose listed properties are all required unless named in `optional`. */
export const object = (
  properties: Readonly<Record<string, JsonSchema>>,
  optional: ReadonlyArray<string> = [],
  additionalProperties: boolean = false,
): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties,
})

export const array = (items: JsonSchema): JsonSchema => ({ type: 'array', items })
export const string: JsonSchema = { type: 'string' }
export const integer: JsonSchema = { type: 'integer' }
export const number: JsonSchema = { type: 'number' }
export const boolean: JsonSchema = { type: 'boolean' }
export const decimal: JsonSchema = { type: 'string', pattern: '^-?[0-9]+$' }
export const oneOf = (...schemas: ReadonlyArray<JsonSchema>): JsonSchema => ({ oneOf: schemas })
export const literal = (value: string): JsonSchema => ({ const: value })
export const enumOf = (...values: ReadonlyArray<string>): JsonSchema => ({
  type: 'string',
  enum: values,
})
