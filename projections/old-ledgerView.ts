import type { Recorded } from '../src/domain/events'
import type { Release } from '../src/domain/release'
import { releaseSortKey } from '../src/domain/release'
import type { Change } from '../src/domain/change'
import type { Correction } from '../src/domain/correction'
import type { EntryContent } from '../src/domain/applyCorrection'
import { applyCorrection } from '../src/domain/applyCorrection'

/** A correction as the ledger recorded it. */
export interface RecordedCorrection {
  readonly correction: Correction
  readonly position: bigint
  readonly recordedAt: string
}

/** One release as read at a ledger cut: corrected by every correction the cut admits. */
export interface ReleaseView {
  readonly release: Release
  readonly changes: ReadonlyArray<Change>
  readonly position: bigint
  readonly recordedAt: string
  readonly key: string
  /** The entry as first recorded, before any correction. */
  readonly recorded: { readonly release: Release; readonly changes: ReadonlyArray<Change> }
  readonly corrections: ReadonlyArray<RecordedCorrection>
}

/** The ledger as it stood at a position: its live releases in release order, and its corrections. */
export interface LedgerView {
  readonly releases: ReadonlyArray<ReleaseView>
  readonly withdrawn: ReadonlyArray<ReleaseView>
  readonly corrections: ReadonlyArray<RecordedCorrection>
  /** The last position admitted (-1n for an empty ledger). */
  readonly position: bigint
}

/**
 * Reads the recorded events admitted by the ledger cut (`position <= at`), applies the
 * corrections among them, and orders releases by release order, never by append order.
 */
export const ledgerView = (events: ReadonlyArray<Recorded>, at?: bigint): LedgerView => {
  const admitted = at === undefined ? events : events.filter((e) => e.position <= at)
  const corrections: RecordedCorrection[] = []
  for (const e of admitted)
    if (e.event._tag === 'EntryCorrected')
      corrections.push({
        correction: e.event.correction,
        position: e.position,
        recordedAt: e.recordedAt,
      })
  const byRelease = new Map<string, RecordedCorrection[]>()
  for (const c of corrections) {
    const list = byRelease.get(c.correction.target.release) ?? []
    list.push(c)
    byRelease.set(c.correction.target.release, list)
  }
  const live: ReleaseView[] = []
  const withdrawn: ReleaseView[] = []
  for (const e of admitted) {
    if (e.event._tag !== 'ReleaseRecorded') continue
    const own = byRelease.get(e.event.release.id) ?? []
    let content: EntryContent = {
      release: e.event.release,
      changes: e.event.changes,
      withdrawn: false,
    }
    for (const c of own) content = applyCorrection(content, c.correction)
    const view: ReleaseView = {
      release: content.release,
      changes: content.changes,
      position: e.position,
      recordedAt: e.recordedAt,
      key: releaseSortKey(content.release),
      recorded: { release: e.event.release, changes: e.event.changes },
      corrections: own,
    }
    ;(content.withdrawn ? withdrawn : live).push(view)
  }
  live.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const last = admitted[admitted.length - 1]
  return {
    releases: live,
    withdrawn,
    corrections,
    position: last === undefined ? -1n : last.position,
  }
}
