import type { Correction } from '../../src/domain/correction'
import type { LedgerEvent, Recorded } from '../../src/domain/events'
import type { LedgerIndex } from './ledgerIndex'
import { recordedEntry } from './ingest'

/** The event an index filed as event i, rebuilt from the index. */
const eventOf = (ix: LedgerIndex, i: number): LedgerEvent => {
  const calendar = ix.calendars.get(i)
  if (calendar !== undefined) return { _tag: 'CalendarDeclared', calendar }
  const subject = ix.eventSubject.get(i)
  return subject >= 0
    ? { _tag: 'ReleaseRecorded', ...recordedEntry(ix, subject) }
    : { _tag: 'EntryCorrected', correction: ix.corrections[-1 - subject] as Correction }
}

/** The recorded events up to event k, rebuilt from the index (a reader extended twice). */
export const eventsOf = (ix: LedgerIndex, k: number): ReadonlyArray<Recorded> =>
  Array.from({ length: k + 1 }, (_, i): Recorded => ({
    position: ix.eventPosition[i] as bigint,
    recordedAt: ix.eventRecordedAt[i] as string,
    hash: ix.eventHash[i] as string,
    prevHash: ix.eventPrevHash[i] as string,
    event: eventOf(ix, i),
  }))
