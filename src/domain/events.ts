import * as t from 'io-ts'
import { Release } from './release'
import { Change } from './change'
import { Correction } from './correction'

/**
 * The ledger's events. THESE CODECS ARE THE STORAGE FORMAT: every store keeps exactly this
 * JSON, and hashes are taken over it. Change them only by adding optional fields or new
 * event types, and bump `eventSchemaVersion` with a reader for the old form.
 */
export const eventSchemaVersion = 1

export const ReleaseRecorded = t.readonly(
  t.type({
    _tag: t.literal('ReleaseRecorded'),
    release: Release,
    changes: t.readonlyArray(Change),
  }),
)
export type ReleaseRecorded = t.TypeOf<typeof ReleaseRecorded>

export const EntryCorrected = t.readonly(
  t.type({ _tag: t.literal('EntryCorrected'), correction: Correction }),
)
export type EntryCorrected = t.TypeOf<typeof EntryCorrected>

export const LedgerEvent = t.union([ReleaseRecorded, EntryCorrected])
export type LedgerEvent = t.TypeOf<typeof LedgerEvent>

export type LedgerEventType = LedgerEvent['_tag']

/**
 * An event as the ledger recorded it: its place on the ledger axis (the stream revision,
 * 0-based), when it was recorded, and its link in the hash chain.
 */
export interface Recorded {
  readonly position: bigint
  readonly recordedAt: string
  readonly hash: string
  readonly prevHash: string
  readonly event: LedgerEvent
}
