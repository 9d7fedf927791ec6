import type * as t from 'io-ts'

/** Combinators whose context entries are not places in the input. */
const transparent = new Set([
  'IntersectionType',
  'UnionType',
  'ReadonlyType',
  'RefinementType',
  'ExactType',
])
const arrays = new Set(['ArrayType', 'ReadonlyArrayType'])

/** The keys and list indexes from the input's top to the place a decoding context names. */
export const segmentsOf = (context: t.Context): ReadonlyArray<string | number> => {
  const segments: Array<string | number> = []
  for (let i = 1; i < context.length; i++) {
    const parent = (context[i - 1]?.type as { _tag?: string } | undefined)?._tag ?? ''
    const key = context[i]?.key ?? ''
    if (key === '' || transparent.has(parent)) continue
    segments.push(arrays.has(parent) && /^\d+$/.test(key) ? Number(key) : key)
  }
  return segments
}

/** `releases[2].changes[0].value`: a place in the input, as its author would point at it. */
export const pathText = (segments: ReadonlyArray<string | number>): string =>
  segments.reduce<string>(
    (path, key) =>
      typeof key === 'number' ? `${path}[${key}]` : `${path}${path === '' ? '' : '.'}${key}`,
    '',
  )

/** `releases[2].changes[0].value`: the place in the input a decoding context names. */
export const pathOf = (context: t.Context): string => pathText(segmentsOf(context))

/** Names of the domain's codecs, as a person reading an error would want them said. */
const readable: Record<string, string> = {
  ReleaseId: 'a release id (lowercase slug such as pic-s1e01)',
  CorrectionId: 'a correction id (lowercase slug such as fix-title)',
  ClaimId: 'a claim id (lowercase, such as mars-attack.casualties)',
  EntityId: 'an entity id kind/slug (such as person/commodore-oh)',
  Predicate: 'a predicate (lowercase word such as casualties)',
  NonEmptyText: 'non-empty text without leading or trailing spaces (at most 4000 characters)',
  IsoDate: 'a calendar date YYYY-MM-DD that exists',
  Int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  true: 'true',
}

export const expectedOf = (error: t.ValidationError): string => {
  if (error.message !== undefined) return error.message
  const name = error.context[error.context.length - 1]?.type.name ?? 'a valid value'
  if (name.startsWith('ReadonlyArray<') || name.startsWith('Array<')) return 'a list'
  return readable[name] ?? name.replace(/"/g, "'")
}

/** A value shortened for a message, so a huge input does not flood it. */
export const preview = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = JSON.stringify(value) ?? typeof value
  } catch {
    text = typeof value
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Where a position in a text file is: `line 12, column 9`. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** Finds a place of the input in its text, when the input was text (a YAML file). */
export type Locator = (path: ReadonlyArray<string | number>) => Position | undefined

/** `at releases[0].value (line 12, column 9)`: the place, and where it is in the text if known. */
export const where = (path: string, position?: Position): string =>
  `at ${path === '' ? '(top)' : path}${
    position === undefined ? '' : ` (line ${position.line}, column ${position.column})`
  }`

/** Where a decoding error sits, by path and, given a locator, by line and column. */
export const whereOf = (context: t.Context, locate?: Locator): string => {
  const segments = segmentsOf(context)
  return where(pathText(segments), segments.length === 0 ? undefined : locate?.(segments))
}

/** io-ts errors as one line each: where, what was expected, what was found. At most 20 lines. */
export const decodeProblems = (errors: t.Errors, locate?: Locator): ReadonlyArray<string> => {
  const lines = errors.map(
    (error) =>
      `${whereOf(error.context, locate)}: expected ${expectedOf(error)}, found ${preview(error.value)}`,
  )
  return [...new Set(lines)].slice(0, 20)
}
