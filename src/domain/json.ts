/**
 * Canonical JSON: object keys sorted, no whitespace, bigints as decimal strings. Hashes and
 * content comparisons are taken over this form, so they do not depend on key order.
 */
export const canonicalJson = (value: unknown): string => written(value, false)

/**
 * Canonical JSON of a value that must be plain JSON data (what a store writes as text): the
 * same text as `canonicalJson`, but a bigint, a function, a symbol or an object that is neither
 * a plain object nor an array is refused (a TypeError naming it) instead of flattened, so the
 * text parses back to a value equal to the one written.
 */
export const canonicalJsonText = (value: unknown): string => written(value, true)

const refused = (what: string): never => {
  throw new TypeError(`${what} is not JSON data`)
}

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const written = (value: unknown, strict: boolean): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint')
      return strict ? refused('a bigint') : JSON.stringify(value.toString())
    if (value === undefined) return 'null'
    if (strict && (typeof value === 'function' || typeof value === 'symbol'))
      return refused(`a ${typeof value}`)
    return JSON.stringify(value)
  }
  // Hashes of a whole ledger are taken over this form: loops and one concatenated string,
  // and keys sorted only when they are not in order already (as stored events' mostly are).
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + written(value[i], strict)
    return `${out}]`
  }
  if (strict && !isPlainObject(value)) refused('an object that is not a plain object')
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  for (let i = 1; i < keys.length; i++)
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort()
      break
    }
  let out = '{'
  for (const key of keys) {
    const member = record[key]
    if (member === undefined) continue
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${written(member, strict)}`
  }
  return `${out}}`
}

/**
 * Equality of plain JSON values (strings, finite numbers, booleans, null, arrays, objects) as
 * their canonical JSON compares them, without building the strings; undefined when a value is
 * anything else (a bigint, a non-finite number, a hole), for the caller to fall back.
 */
const plainEqual = (a: unknown, b: unknown): boolean | undefined => {
  if (a === b) return typeof a === 'number' && !Number.isFinite(a) ? undefined : true
  if (a === null || b === null) return a === null ? b === null || undefined : undefined
  const ta = typeof a
  const tb = typeof b
  if (ta === 'string' || ta === 'boolean')
    return tb === 'string' || tb === 'boolean' ? false : undefined
  if (ta === 'number')
    return Number.isFinite(a) &&
      (tb === 'string' || tb === 'boolean' || (tb === 'number' && Number.isFinite(b)))
      ? false
      : undefined
  if (ta !== 'object' || tb !== 'object') return undefined
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return undefined
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) {
      const same = plainEqual(a[i], b[i])
      if (same !== true) return same
    }
    return true
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false
    const same = plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
    if (same !== true) return same
  }
  return true
}

/** Whether two values have the same canonical JSON (compared structurally when they are plain JSON). */
export const sameContent = (a: unknown, b: unknown): boolean =>
  plainEqual(a, b) ?? canonicalJson(a) === canonicalJson(b)
