/** A read's 200 answer as sent, for the ledger position it was computed at. */
export interface CachedAnswer {
  readonly position: bigint
  /** The ETag the answer was sent with (the ledger position, quoted). */
  readonly etag: string
  /** The JSON body, UTF-8 encoded. */
  readonly body: Buffer
}

export interface AnswerCache {
  /** The last answer held for this exact request URL (at `position`: check it is current). */
  readonly get: (url: string) => CachedAnswer | undefined
  /** Holds a serialized answer (encoded only if it fits the bound). */
  readonly put: (
    url: string,
    answer: { readonly position: bigint; readonly etag: string; readonly body: string },
  ) => void
}

/** What an entry costs besides its body: the URL key (UTF-16) and the map's bookkeeping. */
const entryBytes = (url: string, answer: CachedAnswer): number =>
  answer.body.length + 2 * url.length + 128

/**
 * A bounded map from request URL to its last answer. An answer is a function of the URL and
 * the ledger position (the reader at a position is immutable), so an entry may answer only at
 * the position it was computed at (its reader checks); a later answer to the same URL replaces it. Over `maxBytes`, the
 * entries stored first are dropped first. `maxBytes` 0 holds nothing.
 */
export const answerCache = (maxBytes: number): AnswerCache => {
  const entries = new Map<string, CachedAnswer>()
  let bytes = 0
  const drop = (url: string): void => {
    const old = entries.get(url)
    if (old === undefined) return
    entries.delete(url)
    bytes -= entryBytes(url, old)
  }
  return {
    get: (url) => entries.get(url),
    put: (url, serialized) => {
      drop(url)
      // A UTF-8 body is at least as many bytes as the string has UTF-16 units over 3.
      if (serialized.body.length / 3 > maxBytes) return
      const answer = { ...serialized, body: Buffer.from(serialized.body, 'utf8') }
      const size = entryBytes(url, answer)
      if (size > maxBytes) return
      while (bytes + size > maxBytes) {
        const oldest = entries.keys().next()
        if (oldest.done === true) break
        drop(oldest.value)
      }
      entries.set(url, answer)
      bytes += size
    },
  }
}
