/**
 * Characters a ledger refuses in what it records: C0 controls (an escape sequence that
 * rewrites a terminal, a carriage return that overwrites a line), DEL, C1 controls, and the
 * bidirectional controls that make text display in another order than it reads (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: "Trojan Source"). Prose (a note, a quote, a
 * reason) may hold tabs and line breaks; nothing else may.
 */
/* eslint-disable no-control-regex -- matching control characters is these patterns' point */
const unsafe =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const unsafeInLine = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
/* eslint-enable no-control-regex */

/** Fields of prose, where a tab or a line break is part of the text. */
const proseKeys = new Set(['note', 'quote', 'reason'])

export interface UnsafeText {
  /** Where in the entry, as a JSON path (`/release/title`, `/changes/2/value/text`). */
  readonly path: string
  /** The character, as U+XXXX. */
  readonly character: string
}

const codePointOf = (s: string): string =>
  `U+${(s.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/** The first refused character in any string of `value` (keys included), if any. */
export const firstUnsafeText = (
  value: unknown,
  path = '',
  prose = false,
): UnsafeText | undefined => {
  if (typeof value === 'string') {
    const found = (prose ? unsafe : unsafeInLine).exec(value)
    return found === null ? undefined : { path: path || '/', character: codePointOf(found[0]) }
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstUnsafeText(item, `${path}/${i}`, prose)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const inKey = unsafeInLine.exec(key)
      if (inKey !== null) return { path: `${path}/${key}`, character: codePointOf(inKey[0]) }
      const found = firstUnsafeText(item, `${path}/${key}`, proseKeys.has(key))
      if (found !== undefined) return found
    }
  }
  return undefined
}

/**
 * Text made safe to print on a terminal: each refused character is shown as `\u{XXXX}`
 * (tabs and line breaks are kept). For what a ledger recorded before it refused them.
 */
export const escapeUnsafe = (text: string): string =>
  text.replace(
    new RegExp(unsafe.source, 'g'),
    (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  )

/**
 * JSON text with every refused character written as its `\uXXXX` escape: the same JSON value,
 * safe to print (JSON.stringify escapes only C0 controls itself).
 */
export const escapeUnsafeJson = (json: string): string =>
  json.replace(
    new RegExp(unsafe.source, 'g'),
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  )
