import type { Representation } from './representation'

/**
 * One read as the representation pipeline sees it: the ledger head its reader stands at, the
 * request in a normalized form (route, path and query parameters, order-free), and how to
 * answer it from that reader.
 */
export interface ReadRequest {
  readonly head: bigint
  readonly key: string
  readonly represent: () => Representation
}

/** Answers a read: at once (a kept answer) or later (computed, perhaps after a wait). */
export type Represent = (r: ReadRequest) => Representation | Promise<Representation>

/** `represent` computing every answer: the innermost of the pipeline. */
export const computed: Represent = (r) => r.represent()

/** What a kept entry costs besides its body: the key (UTF-16) and the entry's objects. */
const entryBytes = (key: string, r: Representation): number => r.body.length + 2 * key.length + 160

/**
 * Wraps `inner` with a cache of the representations it answers, keyed by the ledger head and the
 * normalized request, at most `maxBytes` of them (least recently used first out). A reader
 * answers as its ledger stood at its head, so an answer kept for a head is that head's answer
 * for ever: an append moves the head, and a read at the new head misses. Entries of older heads
 * are dropped as soon as a newer head is seen (the served head never moves back), and an answer
 * computed at an older head is not kept. Kept: answers and client refusals (a 404 with its
 * suggestions costs as much as an answer); never a server failure or a refusal to wait (5xx).
 * The lookup is done again inside `inner`'s work, so identical requests queued together are
 * computed once. `maxBytes` 0: no cache.
 */
export const cachedRepresentations = (inner: Represent, maxBytes: number): Represent => {
  if (maxBytes <= 0) return inner
  const kept = new Map<string, { readonly answer: Representation; readonly size: number }>()
  let keptHead = -1n
  let bytes = 0

  const keyOf = (r: ReadRequest): string => `${r.head}\n${r.key}`
  const moveTo = (head: bigint): void => {
    if (head <= keptHead) return
    kept.clear()
    bytes = 0
    keptHead = head
  }
  const lookup = (r: ReadRequest): Representation | undefined => {
    moveTo(r.head)
    const key = keyOf(r)
    const hit = kept.get(key)
    if (hit === undefined) return undefined
    kept.delete(key)
    kept.set(key, hit)
    return hit.answer
  }
  const keep = (r: ReadRequest, answer: Representation): Representation => {
    moveTo(r.head)
    const size = entryBytes(r.key, answer)
    if (r.head < keptHead || answer.status >= 500 || size > maxBytes) return answer
    const key = keyOf(r)
    bytes -= kept.get(key)?.size ?? 0
    kept.delete(key)
    kept.set(key, { answer, size })
    bytes += size
    for (const [oldest, entry] of kept) {
      if (bytes <= maxBytes) break
      kept.delete(oldest)
      bytes -= entry.size
    }
    return answer
  }
  return (r) => lookup(r) ?? inner({ ...r, represent: () => lookup(r) ?? keep(r, r.represent()) })
}
