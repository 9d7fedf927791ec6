import type { Recorded } from '../../src/domain/events'
import * as E from 'fp-ts/Either'
import type { VersionedReader } from '../cache/cachedReader'
import type { Basis } from './basis'
import type { LedgerIndex } from './ledgerIndex'
import type { IndexOptions } from './ledgerIndex'
import {
  assertionsByPredicate,
  defaultOptions,
  emptyIndex,
  eventCount,
  rowsByTag,
} from './ledgerIndex'
import { ingest } from './ingest'
import { entityRead } from './reads/entity'
import { entityVersionRead } from './reads/entityVersion'
import { searchRead } from './reads/search'
import { historyRead } from './reads/history'
import { diffRead } from './reads/diff'
import { timelineRead } from './reads/timeline'
import { releasesRead } from './reads/releases'
import { eventsOf } from './events'
import { derivedOf } from './ranks'
import { indexBytes, indexOfBytes } from './snapshot'
import type { StoredEvent } from './storedEvents'
import { checkedEvent, recordedOf } from './storedEvents'

/**
 * The indexed reader: the read port over the columnar index, answering exactly as the
 * reference reader does (the reader contract holds them equal). A reader reads the index up
 * to its head event; the index only grows, so `extend` files the later events into the same
 * index when this reader is its newest, and a reader of an older head keeps answering as the
 * ledger stood there.
 */
export interface IndexedReader extends VersionedReader {
  readonly extend: (events: ReadonlyArray<Recorded>) => IndexedReader
  /** The snapshot body of the index as the ledger stood at this reader's head. */
  readonly snapshot: () => Uint8Array
  /**
   * Builds now what the index otherwise builds when first needed (release orders and counts,
   * maps from texts to ids, lookup tries), so no later read or append pays for it: a server
   * calls it once it answers. Entities' blocks are still built as entities are read.
   */
  readonly prepare: () => void
}

export const readerOf = (ix: LedgerIndex, k: number): IndexedReader => {
  const b: Basis = { ix, k, head: k < 0 ? -1n : (ix.eventPosition[k] as bigint) }
  return {
    head: { position: b.head, hash: k < 0 ? '' : (ix.eventHash[k] as string) },
    entity: (q) => entityRead(b, q),
    entityVersion: (q) => entityVersionRead(b, q),
    search: (q) => searchRead(b, q),
    history: (q) => historyRead(b, q),
    diff: (q) => diffRead(b, q),
    timeline: (q) => timelineRead(b, q),
    releases: (q) => releasesRead(b, q),
    extend: (later) => extendReader(ix, k, b.head, later),
    prepare: () => prepareIndex(ix),
    snapshot: () =>
      indexBytes(k === eventCount(ix) - 1 ? ix : indexOf(ix.options, eventsOf(ix, k))),
  }
}

const prepareIndex = (ix: LedgerIndex): void => {
  derivedOf(ix)
  rowsByTag(ix)
  assertionsByPredicate(ix)
  for (const texts of [
    ix.releaseIds,
    ix.entities,
    ix.claims,
    ix.predicates,
    ix.series,
    ix.texts,
    ix.folded,
  ])
    texts.prepare()
  ix.values.values.prepare()
  ix.foldedTrie.of(ix.folded)
  ix.releaseTrie.of(ix.releaseIds)
  ix.claimTrie.of(ix.claims)
  ix.foldedWords.of(ix.folded)
  ix.releaseWords.of(ix.releaseIds)
  ix.claimWords.of(ix.claims)
}

const indexOf = (options: IndexOptions, events: ReadonlyArray<Recorded>): LedgerIndex => {
  const ix = emptyIndex(options)
  for (const e of events) ingest(ix, e)
  return ix
}

const extendReader = (
  ix: LedgerIndex,
  k: number,
  head: bigint,
  later: ReadonlyArray<Recorded>,
): IndexedReader => {
  const fresh = later.filter((e) => e.position > head)
  if (fresh.length === 0) return readerOf(ix, k)
  // The index holds events past this reader's head: the same ones (then it is read further),
  // or others (a reader extended twice: the later one gets an index of its own).
  const filed = eventCount(ix) - 1 - k
  const same = fresh.every((e, i) => i >= filed || ix.eventHash[k + 1 + i] === e.hash)
  if (!same) return indexedReaderWith(ix.options)([...eventsOf(ix, k), ...fresh])
  fresh.slice(filed).forEach((e) => ingest(ix, e))
  return readerOf(ix, k + fresh.length)
}

/** The indexed reader of recorded events (in ledger order). */
export const indexedReader = (events: ReadonlyArray<Recorded>): IndexedReader =>
  indexedReaderWith(defaultOptions)(events)

export const indexedReaderWith =
  (options: IndexOptions) =>
  (events: ReadonlyArray<Recorded>): IndexedReader => {
    const ix = indexOf(options, events)
    return readerOf(ix, eventCount(ix) - 1)
  }

/**
 * Builds an indexed reader from events as a store holds them, one at a time (a replay, a
 * server's start): each is checked as it is filed (storedEvents.ts), none is decoded first.
 */
export interface IndexBuilder {
  /** Files the next event; false (and nothing filed) when it is not a ledger event. */
  readonly add: (e: StoredEvent) => boolean
  /** The reader of the events filed so far. */
  readonly reader: () => IndexedReader
}

export const indexBuilder = (options: IndexOptions = defaultOptions): IndexBuilder => {
  const ix = emptyIndex(options)
  return {
    add: (e) => {
      const event = checkedEvent(e.type, e.data)
      if (event === undefined) return false
      ingest(ix, recordedOf(e, event))
      return true
    },
    reader: () => readerOf(ix, eventCount(ix) - 1),
  }
}

/** The reader of a snapshot body (its index read in place), or why it is not one. */
export const restoredReader = (bytes: Uint8Array): E.Either<string, IndexedReader> =>
  E.map((ix: LedgerIndex) => readerOf(ix, eventCount(ix) - 1))(indexOfBytes(bytes))
