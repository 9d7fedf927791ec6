import * as E from 'fp-ts/Either'
import type { ReadError } from './errors'
import { invalidQuery } from './errors'

/**
 * Pagination of the reads that list (diff, history, timeline, releases). A page is at most
 * `limit` items in the read's own order; its `next` cursor names the last item's sort key and
 * the ledger position the first page was read at. So a cursor stays valid across appends: the
 * next page reads the ledger as it stood for the first, and continues after that key.
 */
export interface PageRequest {
  readonly limit?: number
  readonly cursor?: string
}

export interface PageAnswer {
  readonly limit: number
  /** Opaque; absent (null) on the last page. */
  readonly next: string | null
}

export const pageLimits = { default: 100, max: 1000 } as const

/** An item's place in its read's order: compared element by element. */
export type SortKey = ReadonlyArray<string | number>

export const compareSortKeys = (a: SortKey, b: SortKey): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    if (x !== y)
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1
  }
  return a.length - b.length
}

/** A page to read: how many, after which key, at which ledger position (from the cursor). */
export interface PagePlan {
  readonly limit: number
  readonly after?: SortKey
  readonly position?: bigint
}

interface CursorContent {
  readonly f: string
  readonly p: string
  readonly k: SortKey
}

/** FNV-1a over the query's identity: a cursor answers only the query that issued it. */
export const fingerprintOf = (identity: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < identity.length; i++) {
    h ^= identity.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const toBase64Url = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let j = 0; j < chars; j++) out += alphabet[(n >> (18 - 6 * j)) & 63]
  }
  return out
}

const fromBase64Url = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined
  const bytes: number[] = []
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4)
    let n = 0
    for (let j = 0; j < 4; j++)
      n = (n << 6) | (j < chunk.length ? alphabet.indexOf(chunk[j] as string) : 0)
    const count = chunk.length - 1
    for (let j = 0; j < count; j++) bytes.push((n >> (16 - 8 * j)) & 255)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes))
  } catch {
    return undefined
  }
}

export const encodeCursor = (fingerprint: string, position: bigint, key: SortKey): string =>
  toBase64Url(JSON.stringify({ f: fingerprint, p: position.toString(), k: key }))

const isContent = (u: unknown): u is CursorContent => {
  if (typeof u !== 'object' || u === null) return false
  const c = u as Record<string, unknown>
  return (
    typeof c.f === 'string' &&
    typeof c.p === 'string' &&
    /^(0|[1-9]\d{0,18})$/.test(c.p) &&
    Array.isArray(c.k) &&
    c.k.length <= 16 &&
    c.k.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))
  )
}

/**
 * The page a request asks for. A limit outside 1..max, a cursor this reader did not issue, one
 * issued for another query, or one past the ledger's head is refused, naming the field.
 */
export const planPage = (
  request: PageRequest,
  fingerprint: string,
  head: bigint,
): E.Either<ReadError, PagePlan> => {
  const limit = request.limit ?? pageLimits.default
  if (!Number.isInteger(limit) || limit < 1 || limit > pageLimits.max)
    return E.left(
      invalidQuery('limit', `${String(limit)} is not a page size from 1 to ${pageLimits.max}`),
    )
  if (request.cursor === undefined) return E.right({ limit })
  const text = request.cursor.length > 2048 ? undefined : fromBase64Url(request.cursor)
  let content: unknown
  try {
    content = text === undefined ? undefined : JSON.parse(text)
  } catch {
    content = undefined
  }
  if (!isContent(content))
    return E.left(invalidQuery('cursor', 'is not a cursor this server issued (malformed)'))
  if (content.f !== fingerprint)
    return E.left(
      invalidQuery(
        'cursor',
        'was issued for another query (a different read, cut, policy or filter); ask again without it',
      ),
    )
  const position = BigInt(content.p)
  if (position > head)
    return E.left(
      invalidQuery('cursor', `names ledger position ${content.p}, past this ledger's head`),
    )
  return E.right({ limit, after: content.k, position })
}

/**
 * One page of items already in their read's order (each with its sort key): the reference
 * way to paginate, which a faster reader must match item for item.
 */
export const pageOf = <T>(
  items: ReadonlyArray<T>,
  keyOf: (item: T) => SortKey,
  plan: PagePlan,
  fingerprint: string,
  position: bigint,
): { readonly items: ReadonlyArray<T>; readonly page: PageAnswer } => {
  const after = plan.after
  let start = 0
  if (after !== undefined) {
    let lo = 0
    let hi = items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareSortKeys(keyOf(items[mid] as T), after) <= 0) lo = mid + 1
      else hi = mid
    }
    start = lo
  }
  const slice = items.slice(start, start + plan.limit)
  const last = slice[slice.length - 1]
  const more = start + plan.limit < items.length
  return {
    items: slice,
    page: {
      limit: plan.limit,
      next: more && last !== undefined ? encodeCursor(fingerprint, position, keyOf(last)) : null,
    },
  }
}
