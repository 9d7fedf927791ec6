import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { EventMetadata } from '../domain/hashChain'
import type { RecordedEvent } from '../store/port'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { streamOf } from './ledger'

/**
 * A head the ledger is known to have reached, kept outside the store: the event at `position`
 * had hash `hash`. A ledger that no longer holds it was truncated (it ends before `position`),
 * rewritten (another hash there), or lost writes it had acknowledged (a deleted SQLite WAL).
 * `source` names where the anchor came from, for the messages.
 */
export interface Anchor {
  readonly position: bigint
  readonly hash: string
  readonly source: string
}

/** How a ledger fails an anchor. */
export type AnchorMiss =
  | { readonly _tag: 'Behind'; readonly anchor: Anchor; readonly last: bigint }
  | { readonly _tag: 'Differs'; readonly anchor: Anchor; readonly found: string }

const short = (hash: string): string => `${hash.slice(0, 12)}…`

export const describeAnchorMiss = (m: AnchorMiss): string => {
  switch (m._tag) {
    case 'Behind':
      return `${m.anchor.source} says the ledger reached position ${m.anchor.position}, but this ledger ${
        m.last < 0n ? 'is empty' : `ends at position ${m.last}`
      }: it lost events (cut off, or a lost SQLite -wal file), or it is another ledger`
    case 'Differs':
      return `${m.anchor.source} names hash ${short(m.anchor.hash)} at position ${m.anchor.position}, and this ledger holds ${short(m.found)} there: it was rewritten, or it is another ledger`
    default: {
      const never: never = m
      return never
    }
  }
}

export const untrusted = (m: AnchorMiss): AppError => ({
  _tag: 'Untrusted',
  position: m.anchor.position,
  reason: describeAnchorMiss(m),
})

const hexHash = /^[0-9a-f]{64}$/

/** `HASH@POSITION`, as `canon head` prints it: a SHA-256 in hex and a ledger position. */
export const parseAnchor = (text: string, source: string): E.Either<string, Anchor> => {
  const at = text.trim().lastIndexOf('@')
  const hash = text
    .trim()
    .slice(0, at < 0 ? undefined : at)
    .toLowerCase()
  const position = at < 0 ? '' : text.trim().slice(at + 1)
  if (!hexHash.test(hash) || !/^(0|[1-9]\d{0,18})$/.test(position))
    return E.left(
      `${source}: expected HASH@POSITION (a SHA-256 in 64 hexadecimal digits, '@', a ledger position), found '${text.slice(0, 100)}'`,
    )
  return E.right({ hash, position: BigInt(position), source })
}

export const formatAnchor = (a: { readonly position: bigint; readonly hash: string }): string =>
  `${a.hash}@${a.position}`

const hashOf = (e: RecordedEvent): string =>
  String((e.metadata as Partial<EventMetadata> | null | undefined)?.hash ?? '')

/**
 * Whether the stored events hold an anchor: `at` finds the event at a position among them,
 * `last` is the ledger's last position. Pure: the caller has read what it needs.
 */
export const missOf = (
  anchor: Anchor,
  at: (position: bigint) => RecordedEvent | undefined,
  last: bigint,
): AnchorMiss | undefined => {
  const there = at(anchor.position)
  if (there === undefined) return { _tag: 'Behind', anchor, last }
  const found = hashOf(there)
  return found === anchor.hash ? undefined : { _tag: 'Differs', anchor, found }
}

/** The ledger's last event, or undefined when it is empty (two small reads, whatever its length). */
export const lastEvent = (
  deps: Pick<LedgerDeps, 'store' | 'universe'>,
): TE.TaskEither<AppError, RecordedEvent | undefined> => {
  const stream = streamOf(deps.universe)
  return pipe(
    // An append of nothing answers the stream's last revision without writing.
    deps.store.appendToStream(stream, { _tag: 'Any' }, []),
    TE.flatMap((r) =>
      r.nextExpectedRevision < 0n
        ? TE.right([])
        : deps.store.readStream(stream, { fromRevision: r.nextExpectedRevision, maxCount: 1 }),
    ),
    TE.mapError((error): AppError => ({ _tag: 'Store', error })),
    TE.map((events) => events[0]),
  )
}

/**
 * Checks anchors against the store without reading the whole ledger: the event at each
 * anchor's position must be there with the anchor's hash. The chain itself is walked by
 * `canon verify` and by a server's start; this is what every other command does first.
 */
export const checkAnchors = (
  deps: Pick<LedgerDeps, 'store' | 'universe'>,
  anchors: ReadonlyArray<Anchor>,
): TE.TaskEither<AppError, void> => {
  const stream = streamOf(deps.universe)
  const one = (anchor: Anchor): TE.TaskEither<AppError, void> =>
    pipe(
      deps.store.readStream(stream, { fromRevision: anchor.position, maxCount: 1 }),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.flatMap((found) =>
        found.length > 0
          ? TE.right({ found, last: anchor.position })
          : pipe(
              lastEvent(deps),
              TE.map((last) => ({ found, last: last?.revision ?? -1n })),
            ),
      ),
      TE.flatMap(({ found, last }) => {
        const miss = missOf(anchor, (p) => found.find((e) => e.revision === p), last)
        return miss === undefined ? TE.right(undefined) : TE.left(untrusted(miss))
      }),
    )
  return pipe(
    anchors.map(one),
    TE.sequenceSeqArray,
    TE.map(() => undefined),
  )
}
