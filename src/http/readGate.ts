import { problem, problemRepresentation, withRetryAfter } from './problems'
import type { Representation } from './representation'
import type { ReadRequest, Represent } from './representationCache'

/** How computed reads share the event loop (limits.ts gives the server's values). */
export interface GateOptions {
  /** Reads run back to back for at most this long (ms) before the event loop turns. */
  readonly sliceMs: number
  /** Reads waiting at once; one more is refused at once. */
  readonly maxQueue: number
  /** The longest a read waits for its turn (ms); past it, it is refused instead of run. */
  readonly maxWaitMs: number
  /** A read that computes longer than this (ms) is reported (it cannot be stopped). */
  readonly budgetMs: number
  /** A monotonic clock in ms. */
  readonly now: () => number
  /** Runs `f` once the event loop has turned (setImmediate): other requests are read first. */
  readonly later: (f: () => void) => void
  readonly onOverBudget?: (key: string, ms: number) => void
}

interface Waiting {
  readonly r: ReadRequest
  readonly since: number
  /** Answers the waiting request with what `answer` gives, or fails it with what it throws. */
  readonly settle: (answer: () => Representation | Promise<Representation>) => void
}

const busy = (detail: string, seconds: number): Representation =>
  problemRepresentation(withRetryAfter(problem('busy', detail), seconds))

/**
 * Wraps `inner` so that computed reads take turns on the event loop. Reads run at once while the
 * current slice lasts (`sliceMs` since it opened); after that they wait in a queue, drained a
 * slice at a time once the event loop has turned, so /health and answers kept in the cache
 * (which do not come through here) are answered between slices, whatever the reads cost. A read
 * that finds the queue full, or has waited past `maxWaitMs` when its turn comes, is answered
 * 503 `busy` with `Retry-After` and costs nothing more. Each read's own time is measured;
 * one over `budgetMs` is reported.
 */
export const gatedRepresentations = (inner: Represent, o: GateOptions): Represent => {
  const queue: Waiting[] = []
  let sliceStart: number | undefined
  // The mean time of a read, for Retry-After (an exponential average).
  let meanMs = 1

  const run = (r: ReadRequest): Representation | Promise<Representation> => {
    const t0 = o.now()
    const answer = inner(r)
    const ms = o.now() - t0
    meanMs = 0.9 * meanMs + 0.1 * ms
    if (ms > o.budgetMs) o.onOverBudget?.(r.key, ms)
    return answer
  }
  const retryAfterS = (): number => (queue.length * meanMs) / 1000
  const inSlice = (): boolean => sliceStart !== undefined && o.now() - sliceStart < o.sliceMs

  const openSlice = (): void => {
    sliceStart = o.now()
    o.later(nextSlice)
  }
  const nextSlice = (): void => {
    sliceStart = undefined
    if (queue.length === 0) return
    openSlice()
    // At least one read a slice, so that the queue always moves.
    do {
      const w = queue.shift() as Waiting
      const waited = o.now() - w.since
      w.settle(() =>
        waited > o.maxWaitMs
          ? busy(
              `this read waited ${Math.round(waited)} ms for its turn, over the bound of ${o.maxWaitMs} ms; nothing was computed`,
              retryAfterS(),
            )
          : run(w.r),
      )
    } while (queue.length > 0 && inSlice())
  }

  return (r) => {
    if (queue.length === 0 && (sliceStart === undefined || inSlice())) {
      if (sliceStart === undefined) openSlice()
      return run(r)
    }
    if (queue.length >= o.maxQueue)
      return busy(
        `${queue.length} reads are waiting to be computed, the most this server holds; nothing was computed`,
        retryAfterS(),
      )
    return new Promise((resolve, reject) =>
      queue.push({
        r,
        since: o.now(),
        settle: (answer) => {
          try {
            resolve(answer())
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)))
          }
        },
      }),
    )
  }
}
