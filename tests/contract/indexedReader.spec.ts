import * as E from 'fp-ts/Either'
import type { Recorded } from '../../src/domain/events'
import type { IndexedReader } from '../../projections/indexed/reader'
import { indexedReader, indexedReaderWith, restoredReader } from '../../projections/indexed/reader'
import { quickRuns, readerProperties } from './readerContract'
import { readerScenarios } from './scenarios'

/**
 * The indexed reader, opened every way the app opens it, answers the reader contract and the
 * reference's scenario script exactly as the reference reader does.
 */
readerProperties('indexed', indexedReader, quickRuns)
readerScenarios('indexed', indexedReader)

// Every read gathered from posting lists is also read by walking release order on large
// ledgers: with no gathering at all, the small generated ledgers walk every such path too.
const walking = indexedReaderWith({ gatherAtMost: 0 })
readerProperties('indexed (walking release order)', walking, {
  ...quickRuns,
  runs: Math.ceil(quickRuns.runs / 2),
})
readerScenarios('indexed (walking release order)', walking)

/** A reader restored from the snapshot of the ledger's first half, extended with the rest. */
const restoredThenExtended = (events: ReadonlyArray<Recorded>): IndexedReader => {
  const half = Math.floor(events.length / 2)
  const restored = restoredReader(indexedReader(events.slice(0, half)).snapshot())
  if (E.isLeft(restored)) throw new Error(restored.left)
  return restored.right.extend(events.slice(half))
}

readerProperties('indexed (restored from a snapshot, then extended)', restoredThenExtended, {
  ...quickRuns,
  runs: Math.ceil(quickRuns.runs / 2),
})
readerScenarios('indexed (restored from a snapshot, then extended)', restoredThenExtended)
