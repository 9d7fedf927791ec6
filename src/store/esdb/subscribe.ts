import type { EventStoreDBClient, ResolvedEvent, StreamSubscription } from '@eventstore/db-client'
import { START } from '@eventstore/db-client'
import type { StoreError, StreamName, SubscriptionHandlers } from '../port'
import { fromResolved } from './eventData'

/** Milliseconds to wait before resubscription attempt `attempt` (1, 2, ...). */
export type BackoffPolicy = (attempt: number) => number

/** Doubles from 100 ms up to 5 s: quick after a blip, gentle on a server that is down. */
export const defaultBackoff: BackoffPolicy = (attempt) =>
  Math.min(5_000, 100 * 2 ** Math.max(0, attempt - 1))

export interface CatchUpOptions {
  readonly stream: StreamName
  /** The checkpoint: the last revision the caller has applied (undefined: none yet). */
  readonly afterRevision: bigint | undefined
  readonly handlers: SubscriptionHandlers
  readonly backoff: BackoffPolicy
  readonly translate: (e: unknown) => StoreError
  /** The stream's last revision now (undefined: no stream), to know when the reader caught up. */
  readonly lastRevision: () => Promise<bigint | undefined>
}

/**
 * A catch-up subscription to one stream that survives dropped connections.
 *
 * Invariants: events reach `onEvent` one at a time in revision order; the checkpoint moves only
 * after `onEvent` resolved, and every (re)subscription starts after the checkpoint (the
 * server's `fromRevision` is exclusive), so after any number of drops no event is missed and
 * none is applied twice. A revision at or before the checkpoint is never delivered again.
 */
export const catchUpSubscription = (
  client: EventStoreDBClient,
  options: CatchUpOptions,
): { readonly stop: () => Promise<void> } => {
  const { stream, handlers } = options
  let checkpoint = options.afterRevision
  let stopped = false
  let attempt = 0
  let current: StreamSubscription | undefined
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()

  const scheduleRetry = (e: unknown) => {
    if (stopped) return
    attempt += 1
    const delay = options.backoff(attempt)
    handlers.onRetry?.(options.translate(e), attempt, delay)
    timer = setTimeout(() => {
      timer = undefined
      running = run()
    }, delay)
  }

  const run = async (): Promise<void> => {
    if (stopped) return
    let head: bigint | undefined
    try {
      head = await options.lastRevision()
    } catch (e) {
      scheduleRetry(e)
      return
    }
    if (stopped) return
    handlers.onHead?.(head)
    let caughtUp = false
    const reportIfCaughtUp = () => {
      if (caughtUp || stopped) return
      if (head === undefined || (checkpoint !== undefined && checkpoint >= head)) {
        caughtUp = true
        handlers.onCaughtUp?.()
      }
    }
    reportIfCaughtUp()
    const subscription = client.subscribeToStream(stream, { fromRevision: checkpoint ?? START })
    current = subscription
    subscription.on('confirmation', () => {
      attempt = 0
    })
    try {
      for await (const resolved of subscription as AsyncIterable<ResolvedEvent>) {
        if (stopped) break
        attempt = 0
        const event = fromResolved(resolved)
        if (event === undefined) continue
        if (checkpoint !== undefined && event.revision <= checkpoint) continue
        await handlers.onEvent(event)
        checkpoint = event.revision
        reportIfCaughtUp()
      }
      // The server ended the subscription (it does on shutdown): resubscribe, as after an error.
      if (!stopped) scheduleRetry(new Error(`the subscription to '${stream}' ended`))
    } catch (e) {
      if (!stopped) scheduleRetry(e)
    } finally {
      current = undefined
      subscription.destroy()
    }
  }

  running = run()
  return {
    stop: async () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      const subscription = current
      if (subscription !== undefined) {
        await subscription.unsubscribe()
        subscription.destroy()
      }
      await running
    },
  }
}
