import * as E from 'fp-ts/Either'
import type { Recorded } from '../../src/domain/events'
import { indexedReader, indexedReaderWith, restoredReader } from '../../projections/indexed/reader'
import { cachedReader } from '../../projections/cache/cachedReader'
import { readerProperties } from '../contract/readerContract'

/**
 * The reader contract on the indexed reader, long: 1,000 generated ledgers (the quick run in
 * `npm test` reads 40), read as built, by walking release order, restored from a snapshot, and
 * behind the cache of entity answers.
 */
const long = { runs: 1000, seed: 20261208 }

readerProperties('indexed (long run)', indexedReader, long)

readerProperties(
  'indexed, walking release order (long run)',
  indexedReaderWith({ gatherAtMost: 0 }),
  {
    ...long,
    seed: long.seed + 1,
  },
)

readerProperties(
  'indexed, restored from a snapshot and extended (long run)',
  (events: ReadonlyArray<Recorded>) => {
    const half = Math.floor(events.length / 2)
    const restored = restoredReader(indexedReader(events.slice(0, half)).snapshot())
    if (E.isLeft(restored)) throw new Error(restored.left)
    return restored.right.extend(events.slice(half))
  },
  { ...long, seed: long.seed + 2 },
)

readerProperties(
  'cached indexed (long run)',
  (events: ReadonlyArray<Recorded>) => cachedReader(indexedReader(events), { capacity: 16 }),
  { ...long, seed: long.seed + 3 },
)
