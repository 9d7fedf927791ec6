import { createHash } from 'node:crypto'
import type { CachedReader } from '../../projections/cache/cachedReader'
import { cachedReader } from '../../projections/cache/cachedReader'
import type { IndexedReader } from '../../projections/indexed/reader'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Hasher } from '../domain/hashChain'
import type { SnapshotSeal } from '../app/snapshotSeal'
import type { EventStore, StoreError } from '../store/port'
import { memoryStore } from '../store/memory/memoryStore'
import { openSqliteStore } from '../store/sqlite/sqliteStore'
import { openEsdbStore } from '../store/esdb/esdbStore'
import type { LedgerDeps } from '../app/ledger'
import type { Readers } from '../app/readers'
import { mappedReaders } from '../app/readers'
import { indexedReaders } from '../app/indexedReader'
import type { Config, StoreChoice } from './config'

export const sha256Hex: Hasher = (text) => createHash('sha256').update(text, 'utf8').digest('hex')

export const systemClock = (): Date => new Date()

/**
 * How many entity answers a reader keeps: about 6.5 KB each for an entity of twenty facts, so
 * some 65 MB when full (bench/RESULTS.md says what it costs per claim and what it saves).
 */
export const answerCacheCapacity = 10_000

/** The reader a shell reads through: the indexed reader behind a cache of entity answers. */
export const servedReader = (reader: IndexedReader): CachedReader =>
  cachedReader(reader, { capacity: answerCacheCapacity })

/**
 * The readers every read goes through: the indexed reader, proven equal to the reference reader
 * (the definition of canon) by the reader contract and the reference's scenario script, behind
 * a cache of entity answers keyed by each entity's version at the cut (proven so too).
 */
export const canonReaders: Readers = mappedReaders(indexedReaders, servedReader)

/** Index snapshots: the file's SHA-256 seal. */
export const snapshotSeal: SnapshotSeal = {
  digest: (bytes) => createHash('sha256').update(bytes).digest('hex'),
}

/**
 * Whether an open may create a store that is not there: only a writer's may, so a reader given
 * a mistyped path gets StoreMissing and leaves nothing behind. Memory and EventStoreDB have no
 * file to create; they open the same either way.
 */
export type StoreAccess = 'read' | 'write'

/** THE one closed switch that chooses a store adapter. */
export const openStore = (
  choice: StoreChoice,
  access: StoreAccess = 'write',
  readOnly = false,
): TE.TaskEither<StoreError, EventStore> => {
  switch (choice._tag) {
    case 'Sqlite':
      return openSqliteStore(choice.path, { create: access === 'write', readOnly })
    case 'Memory':
      return TE.right(memoryStore())
    case 'EventStoreDb':
      return openEsdbStore(choice.connectionString)
    default: {
      const never: never = choice
      return never
    }
  }
}

/** Everything a use case needs, built from the configuration; `close` releases the store. */
export const openLedger = (
  config: Config,
  access: StoreAccess = 'write',
  readOnly = false,
): TE.TaskEither<StoreError, LedgerDeps> =>
  pipe(
    openStore(config.store, access, readOnly),
    TE.map((store): LedgerDeps => ({
      store,
      universe: config.universe,
      clock: systemClock,
      hash: sha256Hex,
      readers: canonReaders,
    })),
  )
