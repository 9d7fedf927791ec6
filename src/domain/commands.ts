import type { Release } from './release'
import type { Change } from './change'
import type { Correction } from './correction'
import type { CalendarDeclaration } from './calendar'
import type { LedgerEvent } from './events'

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

export interface DeclareCalendar {
  readonly _tag: 'DeclareCalendar'
  readonly calendar: CalendarDeclaration
}

export type Command = RecordRelease | CorrectEntry | DeclareCalendar

/** What a command asks to record, named as `entryKeyOf` names the event that records it. */
export const commandKeyOf = (command: Command): string => {
  switch (command._tag) {
    case 'RecordRelease':
      return `release:${command.release.id}`
    case 'CorrectEntry':
      return `correction:${command.correction.id}`
    case 'DeclareCalendar':
      return `calendar:${command.calendar.id}`
    default: {
      const never: never = command
      return never
    }
  }
}

/** The command a recorded event carries out: what its writer asked the ledger to do. */
export const commandOf = (event: LedgerEvent): Command => {
  switch (event._tag) {
    case 'ReleaseRecorded':
      return { _tag: 'RecordRelease', release: event.release, changes: event.changes }
    case 'EntryCorrected':
      return { _tag: 'CorrectEntry', correction: event.correction }
    case 'CalendarDeclared':
      return { _tag: 'DeclareCalendar', calendar: event.calendar }
    default: {
      const never: never = event
      return never
    }
  }
}

/** How a refusal names the entry a command would record. */
export const commandName = (command: Command): string => {
  switch (command._tag) {
    case 'RecordRelease':
      return `release '${command.release.id}'`
    case 'CorrectEntry':
      return `correction '${command.correction.id}'`
    case 'DeclareCalendar':
      return `calendar '${command.calendar.id}'`
    default: {
      const never: never = command
      return never
    }
  }
}
