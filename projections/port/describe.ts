import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { formatCanonPolicy } from '../../src/domain/canonPolicy'
import type { ReleaseCut, WatchedItem } from './cut'
import type { ReadError } from './errors'
import { invalidQuery, notFound } from './errors'

/**
 * The words every reader uses for what it was asked, so that a refusal reads the same
 * whichever reader gives it. They repeat only what the query named.
 */
const watchedText = (item: WatchedItem): string =>
  item._tag === 'Release' ? item.release : `${item.from ?? ''}..${item.to}`

export const describeCut = (cut: ReleaseCut, policy: CanonPolicy): string => {
  const where =
    cut._tag === 'Latest'
      ? 'in the ledger'
      : cut._tag === 'AsOfRelease'
        ? `as of release '${cut.release}'`
        : cut._tag === 'AsOfDate'
          ? `as of ${cut.date}${cut.region === undefined ? '' : ` in ${cut.region}`}`
          : `after watching ${cut.items.map(watchedText).join(', ')}`
  return `${where} (canon: ${formatCanonPolicy(policy)})`
}

export const entityMissing = (
  query: string,
  cut: ReleaseCut,
  policy: CanonPolicy,
  suggestions: ReadonlyArray<string>,
): ReadError => notFound('entity', `entity '${query}' ${describeCut(cut, policy)}`, suggestions)

export const entityAmbiguous = (
  query: string,
  cut: ReleaseCut,
  policy: CanonPolicy,
  candidates: ReadonlyArray<string>,
): ReadError =>
  notFound(
    'entity',
    `a single entity named '${query}' ${describeCut(cut, policy)} (several match; give an id)`,
    candidates,
  )

/**
 * The ledger position a read stands at: the one asked for, or the head. A position past the
 * head is refused by every read (positions count from 0).
 */
export const positionOf = (asked: bigint | undefined, head: bigint): E.Either<ReadError, bigint> =>
  asked === undefined || asked <= head
    ? E.right(asked ?? head)
    : E.left(
        invalidQuery(
          'ledgerPosition',
          head < 0n
            ? `position ${asked} is past the head: the ledger is empty`
            : `position ${asked} is past the ledger's head, position ${head} (positions count from 0)`,
        ),
      )
