import * as t from 'io-ts'
import { NonEmptyText } from './ids'

/**
 * A universe's calendars: how its in-universe times are written and printed. Two kinds are
 * built in: `gregorian` (years, months and days: "2385-04-05", and before year 1 the signed
 * astronomical year) and `stardate` ("stardate 41153.7"). An `era` calendar counts years in
 * named eras ("32 BBY", "0 ABY", "283 AC"): each era counts `up` from its start or `down`
 * towards its end, in the order declared, and the calendar says whether it has a year zero.
 *
 * A universe that declares no calendar writes Gregorian times and stardates (every ledger
 * recorded before calendars existed); once it declares one, a new time must be in a calendar it
 * declares.
 */
interface CalendarIdBrand {
  readonly CalendarId: unique symbol
}
export const CalendarId = t.brand(
  t.string,
  (s): s is t.Branded<string, CalendarIdBrand> => /^[a-z][a-z0-9-]*$/.test(s) && s.length <= 64,
  'CalendarId',
)
export type CalendarId = t.TypeOf<typeof CalendarId>

/** An era's label as written after the year: `BBY`, `AC`, `T.A.` (letters and dots). */
interface EraLabelBrand {
  readonly EraLabel: unique symbol
}
export const EraLabel = t.brand(
  t.string,
  (s): s is t.Branded<string, EraLabelBrand> => /^[A-Za-z][A-Za-z.]*$/.test(s) && s.length <= 16,
  'EraLabel',
)
export type EraLabel = t.TypeOf<typeof EraLabel>

/** `up`: years count from the era's start (ABY, AC); `down`: towards its end (BBY, BC). */
export const EraCount = t.keyof({ up: null, down: null })
export type EraCount = t.TypeOf<typeof EraCount>

export const Era = t.readonly(
  t.intersection([
    t.type({ label: EraLabel, counts: EraCount }),
    t.partial({ name: NonEmptyText }),
  ]),
)
export type Era = t.TypeOf<typeof Era>

export const CalendarKind = t.keyof({ gregorian: null, stardate: null, era: null })
export type CalendarKind = t.TypeOf<typeof CalendarKind>

export const CalendarDeclaration = t.readonly(
  t.intersection([
    t.type({ id: CalendarId, name: NonEmptyText, kind: CalendarKind }),
    t.partial({ eras: t.readonlyArray(Era), yearZero: t.boolean, note: NonEmptyText }),
  ]),
)
export type CalendarDeclaration = t.TypeOf<typeof CalendarDeclaration>

export const calendarId = (s: string): CalendarId => s as CalendarId
export const eraLabel = (s: string): EraLabel => s as EraLabel

/** Era labels are matched without regard to case ("bby" is "BBY"); one label, one era. */
export const sameLabel = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/**
 * What is wrong with a declaration on its own, if anything: an era calendar names its eras
 * (each label once), a built-in kind names none, and only an era calendar has a year zero to
 * speak of.
 */
export const declarationProblem = (c: CalendarDeclaration): string | undefined => {
  const eras = c.eras ?? []
  if (c.kind !== 'era')
    return eras.length > 0 || c.yearZero !== undefined
      ? `a ${c.kind} calendar takes no eras and no yearZero (declare an era calendar for eras)`
      : undefined
  if (eras.length === 0) return 'an era calendar names its eras (eras: [{ label, counts }])'
  const clash = eras.find((e, i) => eras.findIndex((o) => sameLabel(o.label, e.label)) !== i)
  return clash === undefined ? undefined : `it names the era '${clash.label}' twice`
}

/** The calendars a universe declares, as the decider and the authoring checks consult them. */
export type CalendarBook = ReadonlyMap<CalendarId, CalendarDeclaration>

/** An era of the book by its label: its calendar, and its place among the calendar's eras. */
export const findEra = (
  book: CalendarBook,
  label: string,
):
  | { readonly calendar: CalendarDeclaration; readonly index: number; readonly era: Era }
  | undefined => {
  for (const calendar of book.values()) {
    const index = (calendar.eras ?? []).findIndex((e) => sameLabel(e.label, label))
    const era = calendar.eras?.[index]
    if (era !== undefined) return { calendar, index, era }
  }
  return undefined
}

/** Every era label the book declares, for messages. */
export const declaredEras = (book: CalendarBook): ReadonlyArray<string> =>
  [...book.values()].flatMap((c) => (c.eras ?? []).map((e) => e.label))
