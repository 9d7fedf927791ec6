import type { AppError } from '../app/errors'
import { isBadInput } from '../domain/errors'
import { describeAppError } from '../app/errors'
import { escapeUnsafe, escapeUnsafeJson } from '../domain/safeText'
import { flagOf } from './cutOptions'

/** What the CLI prints for people: control and bidirectional characters shown escaped. */
export const terminalSafe: (text: string) => string = escapeUnsafe

/** One line of JSON for programs, escaped as `toJson` escapes (one answer per line). */
export const jsonLine = (value: unknown): string => `${escapeUnsafeJson(JSON.stringify(value))}\n`

/** Exit codes: 0 done, 1 refused or failed, 2 bad input (flags, files, unknown ids). */
export const exitOk = 0
export const exitRefused = 1
export const exitBadInput = 2

export const exitCodeOf = (e: AppError): number => {
  switch (e._tag) {
    case 'InvalidInput':
    case 'InvalidQuery':
    case 'NotFound':
    case 'UnknownUniverse':
      return exitBadInput
    case 'Store':
      // A ledger that is not there is a missing thing, like an unknown id: bad input.
      return e.error._tag === 'StoreMissing' ? exitBadInput : exitRefused
    case 'Domain':
      return isBadInput(e.error) ? exitBadInput : exitRefused
    case 'CorruptEvent':
    case 'Conflict':
    case 'Untrusted':
      return exitRefused
    default: {
      const never: never = e
      return never
    }
  }
}

/** One line per problem: an invalid file gives one line per place in it, each naming the file. */
export const problemLines = (e: AppError): ReadonlyArray<string> =>
  e._tag === 'InvalidInput'
    ? e.problems.map((p) => `${e.source}: ${p}`)
    : e._tag === 'InvalidQuery'
      ? [`${flagOf[e.field]}: ${e.problem}`]
      : e._tag === 'NotFound' && e.field !== undefined
        ? [`${flagOf[e.field]}: ${describeAppError(e)}`]
        : describeAppError(e)
            .split('\n')
            .filter((l) => l.trim() !== '')

/**
 * JSON for programs: bigints as decimal strings, two-space indentation, one trailing newline,
 * control and bidirectional characters as \u escapes (the same value, safe on a terminal).
 */
export const toJson = (value: unknown): string =>
  `${escapeUnsafeJson(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2),
  )}\n`

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export const wrap = (text: string, width: number): ReadonlyArray<string> => {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`
    if (candidate.length <= width) current = candidate
    else {
      if (current !== '') lines.push(current)
      let rest = word
      while (rest.length > width) {
        lines.push(rest.slice(0, width))
        rest = rest.slice(width)
      }
      current = rest
    }
  }
  lines.push(current)
  return lines
}

/** Widest a cell may be before it wraps onto more lines, so tables stay readable. */
const maxCellWidth = 60

/** Aligned columns for people; long cells wrap within their column; the last is not padded. */
export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string => {
  const wrapped = rows.map((r) => headers.map((_, i) => wrap(r[i] ?? '', maxCellWidth)))
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...wrapped.flatMap((r) => (r[i] ?? []).map((l) => l.length))),
  )
  const line = (cells: ReadonlyArray<string>): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const physical = wrapped.flatMap((cells) => {
    const height = Math.max(...cells.map((c) => c.length))
    return Array.from({ length: height }, (_, k) => line(cells.map((c) => c[k] ?? '')))
  })
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...physical]
    .map((l) => `${l}\n`)
    .join('')
}

/** A one-line progress bar, redrawn in place on a terminal. */
export const progressBar = (label: string, done: number, total: number): string => {
  const width = 30
  const filled = total === 0 ? width : Math.round((done / total) * width)
  const percent = total === 0 ? 100 : Math.round((done / total) * 100)
  return `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`
}
