import type { JsonSchema } from '../../src/http/openapi/jsonSchema'

/**
 * A checker for the JSON Schema subset the API document uses (src/http/openapi/jsonSchema.ts).
 * Returns every mismatch as "at path: reason"; an empty list means the value conforms.
 * `$ref`s resolve against the OpenAPI document's components.
 */
export const checkSchema = (
  schema: JsonSchema,
  value: unknown,
  components: Readonly<Record<string, JsonSchema>>,
  path = '$',
): ReadonlyArray<string> => {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/components/schemas/', '')
    const target = components[name]
    return target === undefined
      ? [`at ${path}: unresolved $ref ${schema.$ref}`]
      : checkSchema(target, value, components, path)
  }
  const problems: string[] = []
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter(
      (s) => checkSchema(s, value, components, path).length === 0,
    )
    if (matching.length !== 1)
      problems.push(
        `at ${path}: matches ${matching.length} of oneOf's ${schema.oneOf.length} schemas`,
      )
  }
  if (schema.anyOf !== undefined) {
    if (!schema.anyOf.some((s) => checkSchema(s, value, components, path).length === 0))
      problems.push(`at ${path}: matches none of anyOf`)
  }
  if (schema.const !== undefined && value !== schema.const)
    problems.push(`at ${path}: expected ${JSON.stringify(schema.const)}`)
  if (schema.enum !== undefined && !schema.enum.includes(value as never))
    problems.push(`at ${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`)
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type
    if (!types.some((t) => hasType(t, value))) {
      problems.push(`at ${path}: expected ${types.join(' or ')}, found ${describe(value)}`)
      return problems
    }
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`at ${path}: '${value}' does not match ${schema.pattern}`)
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      problems.push(`at ${path}: '${value}' is not a date`)
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    problems.push(`at ${path}: ${value} is below ${schema.minimum}`)
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items
    value.forEach((item, i) =>
      problems.push(...checkSchema(items, item, components, `${path}[${i}]`)),
    )
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? [])
      if (!(key in record)) problems.push(`at ${path}: missing required '${key}'`)
    for (const [key, v] of Object.entries(record)) {
      const declared = schema.properties?.[key]
      if (declared !== undefined)
        problems.push(...checkSchema(declared, v, components, `${path}.${key}`))
      else if (schema.additionalProperties === false)
        problems.push(`at ${path}: property '${key}' is not in the schema`)
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...checkSchema(schema.additionalProperties, v, components, `${path}.${key}`))
    }
  }
  return problems
}

const hasType = (type: string, value: unknown): boolean => {
  switch (type) {
    case 'null':
      return value === null
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    default:
      return typeof value === type
  }
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
