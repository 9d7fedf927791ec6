import * as E from 'fp-ts/Either'
import type { AppendResult, ExpectedRevision, StoreError, StreamName } from './port'

/** Checks an expected revision against a stream's current last revision (undefined: no stream). */
export const checkExpected = (
  stream: StreamName,
  expected: ExpectedRevision,
  last: bigint | undefined,
): StoreError | undefined => {
  const actual = last ?? 'no_stream'
  switch (expected._tag) {
    case 'Any':
      return undefined
    case 'NoStream':
      return last === undefined
        ? undefined
        : { _tag: 'WrongExpectedRevision', stream, expected, actual }
    case 'Exact':
      return last === expected.revision
        ? undefined
        : { _tag: 'WrongExpectedRevision', stream, expected, actual }
    default: {
      const never: never = expected
      return never
    }
  }
}

/**
 * What an append of no events answers, in every store: the stream's end as it stands (its last
 * revision and global position, -1 for none), or the refusal the expected revision earns.
 */
export const emptyAppend = (
  stream: StreamName,
  expected: ExpectedRevision,
  last: { readonly revision: bigint; readonly position: bigint } | undefined,
): E.Either<StoreError, AppendResult> => {
  const refused = checkExpected(stream, expected, last?.revision)
  return refused !== undefined
    ? E.left(refused)
    : E.right({
        nextExpectedRevision: last?.revision ?? -1n,
        globalPosition: last?.position ?? -1n,
      })
}
