import * as t from 'io-ts'
import { Release } from './release'
import { Change } from './change'
import { Correction } from './correction'
import { CalendarDeclaration } from './calendar'

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

/**
 * A calendar the universe declares (see calendar.ts): not part of any release, and never
 * changed once recorded, because the era times recorded with it carry its eras' order.
 */
export const CalendarDeclared = t.readonly(
  t.type({ _tag: t.literal('CalendarDeclared'), calendar: CalendarDeclaration }),
)
export type CalendarDeclared = t.TypeOf<typeof CalendarDeclared>

export const LedgerEvent = t.union([ReleaseRecorded, EntryCorrected, CalendarDeclared])
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

/** The id of what an event records: a release's, a correction's or a calendar's. */
export const entryIdOf = (event: LedgerEvent): string => {
  switch (event._tag) {
    case 'ReleaseRecorded':
      return event.release.id
    case 'EntryCorrected':
      return event.correction.id
    case 'CalendarDeclared':
      return event.calendar.id
    default: {
      const never: never = event
      return never
    }
  }
}

const entryKinds = {
  ReleaseRecorded: 'release',
  EntryCorrected: 'correction',
  CalendarDeclared: 'calendar',
} as const satisfies Record<LedgerEventType, string>

/** What an event records, named as an author names it: `release:ID`, `correction:ID`, `calendar:ID`. */
export const entryKeyOf = (event: LedgerEvent): string =>
  `${entryKinds[event._tag]}:${entryIdOf(event)}`
