import type { Release } from './release'
import type { Change } from './change'
import type { Correction } from './correction'

/** What an author asks the ledger to do. */
export interface RecordRelease {
  readonly _tag: 'RecordRelease'
  readonly release: Release
  readonly changes: ReadonlyArray<Change>
}

export interface CorrectEntry {
  readonly _tag: 'CorrectEntry'
  readonly correction: Correction
}

export type Command = RecordRelease | CorrectEntry
