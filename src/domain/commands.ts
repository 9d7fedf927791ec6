import type { Release } from './release'
import type { Change } from './change'
import type { Correction } from './correction'
import type { CalendarDeclaration } from './calendar'

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
