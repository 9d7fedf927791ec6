import type { Correction } from '../../src/domain/correction'
import type { LedgerEvent, Recorded } from '../../src/domain/events'
import type { LedgerIndex } from './ledgerIndex'
import { recordedEntry } from './ingest'

/** The recorded events up to event k, rebuilt from the index (a reader extended twice). */
export const eventsOf = (ix: LedgerIndex, k: number): ReadonlyArray<Recorded> =>
  Array.from({ length: k + 1 }, (_, i): Recorded => {
    const subject = ix.eventSubject.get(i)
    const event: LedgerEvent =
      subject >= 0
        ? { _tag: 'ReleaseRecorded', ...recordedEntry(ix, subject) }
        : { _tag: 'EntryCorrected', correction: ix.corrections[-1 - subject] as Correction }
    return {
      position: ix.eventPosition[i] as bigint,
      recordedAt: ix.eventRecordedAt[i] as string,
      hash: ix.eventHash[i] as string,
      prevHash: ix.eventPrevHash[i] as string,
      event,
    }
  })
