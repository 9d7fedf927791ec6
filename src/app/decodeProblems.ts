import type * as t from 'io-ts'

/** Combinator types add context entries that are not places in the input. */
const transparent = new Set([
  'IntersectionType',
  'UnionType',
  'ReadonlyType',
  'RefinementType',
  'ExactType',
])
const arrays = new Set(['ArrayType', 'ReadonlyArrayType'])

const pathOf = (context: t.Context): string => {
  let path = ''
  for (let i = 1; i < context.length; i++) {
    const parent = (context[i - 1]?.type as { _tag?: string } | undefined)?._tag ?? ''
    const key = context[i]?.key ?? ''
    if (transparent.has(parent)) continue
    path += arrays.has(parent) ? `[${key}]` : `${path === '' ? '' : '.'}${key}`
  }
  return path
}

const preview = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = JSON.stringify(value) ?? typeof value
  } catch {
    text = typeof value
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/**
 * io-ts errors as one line each: the path inside the input, what was expected, what was
 * found. Values are shortened so a huge input does not flood a message.
 */
export const decodeProblems = (errors: t.Errors): ReadonlyArray<string> => {
  const lines = errors.map((error) => {
    const path = pathOf(error.context)
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value'
    return `at ${path === '' ? '(top)' : path}: expected ${expected}, found ${preview(error.value)}`
  })
  return [...new Set(lines)].slice(0, 20)
}
