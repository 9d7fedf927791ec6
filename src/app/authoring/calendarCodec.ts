import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { NonEmptyText } from '../../domain/ids'
import { CalendarId, CalendarKind, EraCount, EraLabel } from '../../domain/calendar'
import type { DeclareCalendar } from '../../domain/commands'
import { strictStruct } from './strict'

const eraForm = strictStruct(
  'an era',
  { label: EraLabel, counts: EraCount },
  { name: NonEmptyText },
)

const calendarForm = strictStruct(
  'a calendar',
  { id: CalendarId, name: NonEmptyText, kind: CalendarKind },
  { eras: t.readonlyArray(eraForm), yearZero: t.boolean, note: NonEmptyText },
)

/**
 * One calendar as declared under `calendars:`:
 * `{ id: galactic, name: ..., kind: era, yearZero: true, eras: [{ label: BBY, counts: down }, ...] }`,
 * or a built-in kind, `{ id: gregorian, name: Gregorian calendar, kind: gregorian }`.
 */
export const calendarCodec = new t.Type<DeclareCalendar, unknown>(
  'a calendar',
  (_u): _u is DeclareCalendar => false,
  (u, c) =>
    E.map((form: t.TypeOf<typeof calendarForm>): DeclareCalendar => ({
      _tag: 'DeclareCalendar',
      calendar: Object.fromEntries(
        Object.entries(form).filter(([, v]) => v !== undefined),
      ) as DeclareCalendar['calendar'],
    }))(calendarForm.validate(u, c)),
  (a) => a,
)
