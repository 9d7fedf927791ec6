import * as E from 'fp-ts/Either'
import type { Document, YAMLError } from 'yaml'
import { LineCounter, isCollection, isMap, isNode, isScalar, parseDocument, visit } from 'yaml'

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

/** A place in the text, as an editor counts it (both from 1). */
export interface TextPosition {
  readonly line: number
  readonly column: number
}

/** Where a path of keys and indexes sits in the document: the deepest node of it the document holds. */
export type Locate = (path: ReadonlyArray<string | number>) => TextPosition | undefined

/** A parsed authoring file: its value, and where any path of it sits in the text. */
export interface ParsedYaml {
  readonly value: unknown
  readonly locate: Locate
}

const childOf = (node: unknown, key: string | number): unknown =>
  !isCollection(node) || (typeof key === 'number' && isMap(node)) ? undefined : node.get(key, true)

const locator =
  (doc: Document, lines: LineCounter): Locate =>
  (path) => {
    let node: unknown = doc.contents
    for (const key of path) {
      const next = childOf(node, key)
      if (next === undefined) break
      node = next
    }
    if (!isNode(node) || node.range === undefined || node.range === null) return undefined
    const { line, col } = lines.linePos(node.range[0])
    return { line, column: col }
  }

/**
 * Where the fault behind a parser's error is, when the parser names where it gave up instead:
 * a quote or a flow collection (`[`, `{`) left open is reported at the end of the text, so the
 * fault is where it opened; a key whose text runs onto the next line is at that line's start.
 */
const faultOf = (doc: Document, text: string, e: YAMLError): { offset: number; note: string } => {
  const at = e.pos[0]
  if (
    e.code === 'MISSING_CHAR' ||
    (e.code === 'BAD_INDENT' && /sufficiently indented and end with/.test(e.message))
  ) {
    let opener: number | undefined
    visit(doc, {
      Node(_key, node) {
        const open =
          (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) ||
          (isCollection(node) && node.flow === true)
        const range = node.range
        if (open && range !== undefined && range !== null && range[0] < at && range[2] >= at)
          opener = Math.max(opener ?? -1, range[0])
      },
    })
    if (opener !== undefined) return { offset: opener, note: ' (opened here and not closed)' }
  }
  if (e.code === 'MULTILINE_IMPLICIT_KEY') {
    const nextLine = text.indexOf('\n', at)
    if (nextLine >= 0) {
      const start = nextLine + 1
      const indent = /^[ \t]*/.exec(text.slice(start))?.[0].length ?? 0
      return {
        offset: start + indent,
        note: ' (this line is indented as if it continued the key above it)',
      }
    }
  }
  return { offset: at, note: '' }
}

/**
 * Parses one YAML document safely. YAML 1.2 core schema: `2020-01-23` stays a string (no
 * implicit timestamps), duplicate keys are errors, custom tags are not resolved to code.
 * Returns the problems as lines naming the line and column of the fault.
 */
export const parseYamlSafely = (text: string): E.Either<ReadonlyArray<string>, ParsedYaml> => {
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
  const located = (e: YAMLError): string => {
    const first = e.message.split('\n')[0] ?? e.message
    const fault = faultOf(doc, text, e)
    const { line, col } = lineCounter.linePos(fault.offset)
    return `at line ${line}, column ${col}: ${first}${fault.note}`
  }
  if (doc.errors.length > 0) return E.left([...new Set(doc.errors.slice(0, 10).map(located))])
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
  return shape === undefined
    ? E.right({ value, locate: locator(doc, lineCounter) })
    : E.left([shape])
}
