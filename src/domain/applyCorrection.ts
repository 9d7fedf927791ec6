import type { Release } from './release'
import type { Change } from './change'
import { claimOfChange } from './change'
import type { Correction } from './correction'

/** A release entry as read: the recorded release and changes with corrections applied. */
export interface EntryContent {
  readonly release: Release
  readonly changes: ReadonlyArray<Change>
  readonly withdrawn: boolean
}

/**
 * Applies one editorial correction to the entry it names. Pure: the recorded entry is
 * untouched, the corrected reading is a new value.
 */
export const applyCorrection = (entry: EntryContent, correction: Correction): EntryContent => {
  const target = correction.target
  if (target.release !== entry.release.id) return entry
  switch (target._tag) {
    case 'ReleaseEntryFixed':
      return { ...entry, release: { ...entry.release, ...target.set } as Release }
    case 'ReleaseEntryWithdrawn':
      return { ...entry, withdrawn: true }
    case 'ChangeEntryFixed':
      return {
        ...entry,
        changes: entry.changes.map((change) =>
          claimOfChange(change) === target.claim ? { ...change, ...target.set } : change,
        ),
      }
    default: {
      const never: never = target
      return never
    }
  }
}

/**
 * THE correction rule: an entry as read is its recorded content with the corrections that name
 * it applied in ledger order (the caller passes exactly those its ledger cut admits).
 */
export const correctedEntry = (
  recorded: { readonly release: Release; readonly changes: ReadonlyArray<Change> },
  corrections: Iterable<Correction>,
): EntryContent => {
  let content: EntryContent = {
    release: recorded.release,
    changes: recorded.changes,
    withdrawn: false,
  }
  for (const c of corrections) content = applyCorrection(content, c)
  return content
}
