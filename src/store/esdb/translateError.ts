import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import type { ExpectedRevision, StoreError, StreamName } from '../port'

/** gRPC's UNAVAILABLE: an unreachable server can reject with the raw status, not the client's class. */
const GRPC_UNAVAILABLE = 14
/** gRPC's DEADLINE_EXCEEDED. */
const GRPC_DEADLINE_EXCEEDED = 4

export interface ErrorContext {
  readonly store: string
  readonly stream?: StreamName
  readonly expected?: ExpectedRevision
  /** The append's payload in bytes, for AppendTooLarge (the server reports only its limit). */
  readonly bytes?: number
}

const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e)

const grpcCode = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number'
    ? (e as { code: number }).code
    : undefined

/**
 * The one place where the vendor's errors become the port's. Anything that means "the server
 * cannot answer now" (unreachable, restarting, not the leader, deadline passed) is Unavailable,
 * which a caller may retry; the rest is StoreFailure with the vendor's message.
 */
export const translateError =
  (context: ErrorContext) =>
  (e: unknown): StoreError => {
    const stream = context.stream ?? ''
    if (e instanceof WrongExpectedVersionError)
      return {
        _tag: 'WrongExpectedRevision',
        stream,
        expected: context.expected ?? { _tag: 'Any' },
        // The client reports a missing stream as the string 'no_stream', a revision as bigint.
        actual: e.actualVersion === 'no_stream' ? 'no_stream' : BigInt(e.actualVersion),
      }
    if (e instanceof StreamDeletedError) return { _tag: 'StreamDeleted', stream }
    if (e instanceof MaxAppendSizeExceededError)
      return {
        _tag: 'AppendTooLarge',
        stream,
        bytes: context.bytes ?? 0,
        limit: e.maxAppendSize,
      }
    if (
      e instanceof UnavailableError ||
      e instanceof DeadlineExceededError ||
      e instanceof CancelledError ||
      e instanceof NotLeaderError ||
      grpcCode(e) === GRPC_UNAVAILABLE ||
      grpcCode(e) === GRPC_DEADLINE_EXCEEDED ||
      /failed to discover/i.test(messageOf(e))
    )
      return { _tag: 'Unavailable', store: context.store, reason: messageOf(e) }
    return { _tag: 'StoreFailure', store: context.store, reason: messageOf(e) }
  }
