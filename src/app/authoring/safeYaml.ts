import * as E from 'fp-ts/Either'
import { LineCounter, parseDocument } from 'yaml'

/**
 * Limits that keep a hostile or mistaken authoring file from exhausting the process: the
 * size of the text, the number of alias expansions (a "billion laughs" file), and nesting.
 * Real authoring files are a few kilobytes and a handful of levels deep.
 */
export const yamlLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxAliasCount: 50,
  maxDepth: 48,
} as const

/** Keys that would reach an object's prototype if some consumer merged the input naively. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * A cheap upper bound on flow nesting (`[[[[...`), checked before the parser sees the text:
 * brackets inside quoted strings count too, which only ever makes the check stricter.
 */
const flowDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5b || c === 0x7b) {
      depth += 1
      if (depth > limit) return true
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth -= 1
  }
  return false
}

/** Walks the parsed value without recursion: nesting depth and forbidden keys, with the path. */
const checkShape = (root: unknown, maxDepth: number): string | undefined => {
  const stack: Array<{ readonly value: unknown; readonly path: string; readonly depth: number }> = [
    { value: root, path: '', depth: 0 },
  ]
  while (stack.length > 0) {
    const top = stack.pop()
    if (top === undefined) break
    const { value, path, depth } = top
    if (value === null || typeof value !== 'object') continue
    if (depth >= maxDepth)
      return `at ${path === '' ? '(top)' : path}: nesting is deeper than ${maxDepth} levels`
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }),
      )
      continue
    }
    for (const key of Object.keys(value)) {
      const at = path === '' ? key : `${path}.${key}`
      if (forbiddenKeys.has(key)) return `at ${at}: the key '${key}' is not allowed`
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 })
    }
  }
  return undefined
}

/**
 * Parses one YAML document safely. YAML 1.2 core schema: `2020-01-23` stays a string (no
 * implicit timestamps), duplicate keys are errors, custom tags are not resolved to code.
 * Returns the problems as lines naming the line and column where the parser gave up.
 */
export const parseYamlSafely = (text: string): E.Either<ReadonlyArray<string>, unknown> => {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > yamlLimits.maxBytes)
    return E.left([`the file is ${bytes} bytes, over the limit of ${yamlLimits.maxBytes}`])
  if (flowDepthExceeds(text, yamlLimits.maxDepth))
    return E.left([`nesting is deeper than ${yamlLimits.maxDepth} levels`])
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    merge: false,
    strict: true,
  })
  const located = (message: string, offset: number | undefined): string => {
    const first = message.split('\n')[0] ?? message
    if (offset === undefined) return first
    const { line, col } = lineCounter.linePos(offset)
    return `at line ${line}, column ${col}: ${first}`
  }
  if (doc.errors.length > 0)
    return E.left(doc.errors.slice(0, 10).map((e) => located(e.message, e.pos[0])))
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: yamlLimits.maxAliasCount })
  } catch (e) {
    // The parser signals alias bombs and stack exhaustion by throwing: the one bridge here.
    const message = e instanceof Error ? e.message : String(e)
    return E.left([
      /alias/i.test(message)
        ? `too many alias expansions (limit ${yamlLimits.maxAliasCount}): ${message}`
        : message,
    ])
  }
  const shape = checkShape(value, yamlLimits.maxDepth)
  return shape === undefined ? E.right(value) : E.left([shape])
}
