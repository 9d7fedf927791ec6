import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { EventStore, StoreError } from '../store/port'
import { describeStoreError } from '../store/port'

/** What a store operation failed with, and what it was doing. */
export interface StoreFailure {
  readonly error: StoreError
  readonly doing: 'read' | 'append' | 'ping' | 'follow'
}

export interface StoreWatch {
  /** The same store, every operation observed. */
  readonly store: EventStore
  /**
   * A failure of the store that still stands: the last operation of its kind failed and none
   * of that kind has succeeded since. Undefined while the store answers.
   */
  readonly failing: () => StoreFailure | undefined
}

/**
 * Errors that say the store itself is in trouble. A moved stream (another writer got there
 * first) or an append over the size limit is the caller's matter, not the store's health.
 */
const isStoreTrouble = (e: StoreError): boolean => {
  switch (e._tag) {
    case 'WrongExpectedRevision':
    case 'AppendTooLarge':
      return false
    case 'StreamDeleted':
    case 'Unavailable':
    case 'StoreFailure':
    case 'Corrupt':
    case 'StoreMissing':
      return true
    default: {
      const never: never = e
      return never
    }
  }
}

/**
 * Observes a store for a server: each failure is reported once to `onFailure` (the server logs
 * it with its cause), and the failures that still stand are kept by kind of operation, so the
 * health check can say the store is degraded while reads or the follower keep failing, even
 * when a ping answers.
 */
export const watchStore = (
  store: EventStore,
  onFailure: (failure: StoreFailure) => void,
): StoreWatch => {
  const standing = new Map<StoreFailure['doing'], StoreFailure>()
  // A failure is reported when it begins or changes, not again at every retry of a poll.
  const stand = (failure: StoreFailure): void => {
    const before = standing.get(failure.doing)
    standing.set(failure.doing, failure)
    if (
      before === undefined ||
      describeStoreError(before.error) !== describeStoreError(failure.error)
    )
      onFailure(failure)
  }
  const observe =
    (doing: StoreFailure['doing']) =>
    <A>(task: TE.TaskEither<StoreError, A>): TE.TaskEither<StoreError, A> =>
      pipe(
        task,
        TE.tapError((error) =>
          TE.fromIO(() => {
            if (isStoreTrouble(error)) stand({ error, doing })
          }),
        ),
        TE.tap(() => TE.fromIO(() => void standing.delete(doing))),
      )
  const subscribe = store.subscribeToStream
  return {
    store: {
      ...store,
      appendToStream: (stream, expected, events) =>
        observe('append')(store.appendToStream(stream, expected, events)),
      readStream: (stream, options) => observe('read')(store.readStream(stream, options)),
      readAll: (options) => observe('read')(store.readAll(options)),
      ping: () => observe('ping')(store.ping()),
      ...(subscribe === undefined
        ? {}
        : {
            subscribeToStream: (stream, afterRevision, handlers) =>
              subscribe(stream, afterRevision, {
                ...handlers,
                onRetry: (error, attempt, retryInMs) => {
                  stand({ error, doing: 'follow' })
                  handlers.onRetry?.(error, attempt, retryInMs)
                },
                onCaughtUp: () => {
                  standing.delete('follow')
                  handlers.onCaughtUp?.()
                },
              }),
          }),
    },
    failing: () => standing.values().next().value,
  }
}
