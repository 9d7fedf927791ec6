import * as E from 'fp-ts/Either'
import type { EventStore, RecordedEvent, StreamName } from '../store/port'
import { describeStoreError } from '../store/port'

/**
 * Keeps a reader current with one stream of any store: by the store's live subscription where
 * it has one (EventStoreDB), else by polling `readStream` after the last applied revision
 * (SQLite, memory). The shells do not care which.
 *
 * Invariants: `apply` is called one event at a time, in revision order, each revision at most
 * once (a revision at or before the checkpoint is never applied again, whatever the store
 * redelivers after a reconnect); the checkpoint moves only after `apply` returned.
 */

export type FollowMode = 'subscription' | 'polling'

/** catching-up: applying what was already stored; live: current; retrying: lost the store. */
export type FollowState = 'catching-up' | 'live' | 'retrying' | 'stopped'

export interface FollowStatus {
  readonly mode: FollowMode
  readonly state: FollowState
  /** The last revision applied (undefined: none yet). */
  readonly applied: bigint | undefined
  /** The last revision the store was known to hold (undefined: none known). */
  readonly head: bigint | undefined
  /** How many events the reader lacks of the known head (undefined: the head is unknown). */
  readonly behind: bigint | undefined
  /** When the follower last knew it held everything (undefined: never yet). */
  readonly currentAt: Date | undefined
  /** Why the last attempt failed, while retrying. */
  readonly lastError: string | undefined
}

export interface FollowOptions {
  readonly store: EventStore
  readonly stream: StreamName
  /** The checkpoint to resume from: the last revision the reader already holds. */
  readonly after?: bigint
  /** Applies one event to the reader; a throw is retried after backoff, from the same event. */
  readonly apply: (event: RecordedEvent) => Promise<void> | void
  readonly clock?: () => Date
  /** Polling stores only: the pause after reaching the head. */
  readonly pollIntervalMs?: number
  /** Polling stores only: events per read. */
  readonly batchSize?: number
  /** Polling stores only: the pause before retry `attempt` after a failed read. */
  readonly backoff?: (attempt: number) => number
}

export interface Follower {
  readonly status: () => FollowStatus
  /** Resolves with the first status (now or later) that satisfies `predicate`. */
  readonly until: (predicate: (status: FollowStatus) => boolean) => Promise<FollowStatus>
  /** Polls now instead of after the interval (after this process wrote); no-op for subscriptions. */
  readonly nudge: () => void
  readonly stop: () => Promise<void>
}

const defaultBackoff = (attempt: number): number =>
  Math.min(5_000, 100 * 2 ** Math.max(0, attempt - 1))

const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Shared bookkeeping of both modes: the status, and who waits for which status. */
const tracker = (mode: FollowMode, after: bigint | undefined, clock: () => Date) => {
  let status: FollowStatus = {
    mode,
    state: 'catching-up',
    applied: after,
    head: undefined,
    behind: undefined,
    currentAt: undefined,
    lastError: undefined,
  }
  const waiters = new Set<{
    predicate: (s: FollowStatus) => boolean
    resolve: (s: FollowStatus) => void
  }>()
  const update = (change: Partial<FollowStatus>) => {
    const next = { ...status, ...change }
    const head =
      next.head === undefined || (next.applied !== undefined && next.applied > next.head)
        ? next.applied
        : next.head
    const behind =
      head === undefined ? (next.state === 'live' ? 0n : undefined) : head - (next.applied ?? -1n)
    status = {
      ...next,
      head,
      behind,
      currentAt: next.state === 'live' ? clock() : next.currentAt,
    }
    for (const waiter of [...waiters])
      if (waiter.predicate(status)) {
        waiters.delete(waiter)
        waiter.resolve(status)
      }
  }
  return {
    status: () => status,
    update,
    until: (predicate: (s: FollowStatus) => boolean) =>
      predicate(status)
        ? Promise.resolve(status)
        : new Promise<FollowStatus>((resolve) => waiters.add({ predicate, resolve })),
  }
}

const followBySubscription = (
  options: FollowOptions,
  subscribe: NonNullable<EventStore['subscribeToStream']>,
  clock: () => Date,
): Follower => {
  const t = tracker('subscription', options.after, clock)
  const subscription = subscribe(options.stream, options.after, {
    onHead: (head) => t.update({ state: 'catching-up', head }),
    onEvent: async (event) => {
      await options.apply(event)
      const live = t.status().state === 'live'
      t.update({ applied: event.revision, ...(live ? { head: event.revision } : {}) })
    },
    onCaughtUp: () => t.update({ state: 'live', head: t.status().applied, lastError: undefined }),
    onRetry: (error) => t.update({ state: 'retrying', lastError: describeStoreError(error) }),
  })
  return {
    status: t.status,
    until: t.until,
    nudge: () => undefined,
    stop: async () => {
      await subscription.stop()
      t.update({ state: 'stopped' })
    },
  }
}

const followByPolling = (options: FollowOptions, clock: () => Date): Follower => {
  const t = tracker('polling', options.after, clock)
  const interval = options.pollIntervalMs ?? 500
  const batch = options.batchSize ?? 500
  const backoff = options.backoff ?? defaultBackoff
  let stopped = false
  let attempt = 0
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, ms)
    }).finally(() => {
      clearTimeout(timer)
      wake = undefined
    })

  /** One read after the checkpoint; answers whether the head was reached. */
  const pollOnce = async (): Promise<boolean> => {
    const applied = t.status().applied
    const read = await options.store.readStream(options.stream, {
      fromRevision: applied === undefined ? 0n : applied + 1n,
      maxCount: batch,
    })()
    if (E.isLeft(read)) throw new Error(describeStoreError(read.left))
    for (const event of read.right) {
      if (stopped) return false
      const checkpoint = t.status().applied
      if (checkpoint !== undefined && event.revision <= checkpoint) continue
      await options.apply(event)
      t.update({ applied: event.revision })
    }
    return read.right.length < batch
  }

  const loop = async () => {
    while (!stopped) {
      try {
        const atHead = await pollOnce()
        attempt = 0
        if (atHead) {
          if (!stopped) t.update({ state: 'live', head: t.status().applied, lastError: undefined })
          await pause(interval)
        } else t.update({ state: 'catching-up' })
      } catch (e) {
        attempt += 1
        t.update({ state: 'retrying', lastError: describeError(e) })
        await pause(backoff(attempt))
      }
    }
  }
  const running = loop()
  return {
    status: t.status,
    until: t.until,
    nudge: () => wake?.(),
    stop: async () => {
      stopped = true
      wake?.()
      await running
      t.update({ state: 'stopped' })
    },
  }
}

export const follow = (options: FollowOptions): Follower => {
  const clock = options.clock ?? (() => new Date())
  const subscribe = options.store.subscribeToStream
  return subscribe === undefined
    ? followByPolling(options, clock)
    : followBySubscription(options, subscribe, clock)
}

/** The response header that says how current the answer is (see `lagHeaderValue`). */
export const lagHeaderName = 'Canon-Lag'

/**
 * `live; behind=0; revision=41; age-ms=0`: the follower's state, the events it lacks of the
 * known head (`?` when unknown), the last revision it holds (`none` for an empty ledger), and
 * how long since it last knew it was current (`?` before it first was).
 */
export const lagHeaderValue = (status: FollowStatus, now: Date): string =>
  [
    status.state,
    `behind=${status.behind === undefined ? '?' : status.behind.toString()}`,
    `revision=${status.applied === undefined ? 'none' : status.applied.toString()}`,
    `age-ms=${status.currentAt === undefined ? '?' : Math.max(0, now.getTime() - status.currentAt.getTime())}`,
  ].join('; ')
