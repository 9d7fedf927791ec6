import type { Recorded } from '../../src/domain/events'
import type { Release } from '../../src/domain/release'
import { byReleaseKey, releaseSortKey } from '../../src/domain/release'
import type { Change } from '../../src/domain/change'
import type { Correction } from '../../src/domain/correction'
import { correctedEntry } from '../../src/domain/applyCorrection'

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
  /** Its place in release order (`releaseSortKey`). */
  readonly key: string
  /** The entry as first recorded, before any correction. */
  readonly recorded: { readonly release: Release; readonly changes: ReadonlyArray<Change> }
  readonly corrections: ReadonlyArray<RecordedCorrection>
}

/** The ledger as it stood at a position: its live releases in release order, and its corrections. */
export interface LedgerView {
  readonly releases: ReadonlyArray<ReleaseView>
  /** Releases withdrawn by a correction: shown by the audit, never applied. */
  readonly withdrawn: ReadonlyArray<ReleaseView>
  readonly corrections: ReadonlyArray<RecordedCorrection>
  /** The last position admitted (-1n for an empty ledger). */
  readonly position: bigint
}

const recordedCorrections = (events: ReadonlyArray<Recorded>): ReadonlyArray<RecordedCorrection> =>
  events.flatMap((e) =>
    e.event._tag === 'EntryCorrected'
      ? [{ correction: e.event.correction, position: e.position, recordedAt: e.recordedAt }]
      : [],
  )

/**
 * THE ledger axis: the recorded events admitted by the ledger cut (`position <= at`), each
 * release read through the corrections among them (the correction rule, `correctedEntry`),
 * ordered by release order, never by append order.
 */
export const ledgerView = (events: ReadonlyArray<Recorded>, at?: bigint): LedgerView => {
  const admitted = at === undefined ? events : events.filter((e) => e.position <= at)
  const corrections = recordedCorrections(admitted)
  const views = admitted.flatMap((e): ReadonlyArray<{ view: ReleaseView; withdrawn: boolean }> => {
    if (e.event._tag !== 'ReleaseRecorded') return []
    const id = e.event.release.id
    const own = corrections.filter((c) => c.correction.target.release === id)
    const content = correctedEntry(
      e.event,
      own.map((c) => c.correction),
    )
    return [
      {
        withdrawn: content.withdrawn,
        view: {
          release: content.release,
          changes: content.changes,
          position: e.position,
          recordedAt: e.recordedAt,
          key: releaseSortKey(content.release),
          recorded: { release: e.event.release, changes: e.event.changes },
          corrections: own,
        },
      },
    ]
  })
  return {
    releases: views
      .filter((v) => !v.withdrawn)
      .map((v) => v.view)
      .sort(byReleaseKey),
    withdrawn: views.filter((v) => v.withdrawn).map((v) => v.view),
    corrections,
    position: admitted[admitted.length - 1]?.position ?? -1n,
  }
}
