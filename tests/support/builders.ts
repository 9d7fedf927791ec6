import type * as t from 'io-ts'
import { isoDate } from '../../src/domain/calendarDate'
import type {
  Account,
  Aliased,
  Appeared,
  Asserted,
  Change,
  Confirmed,
  Identified,
  Introduced,
  Retracted,
  RevisionKind,
  Revised,
  StoryChanged,
  Validity,
} from '../../src/domain/change'
import type { CorrectEntry, DeclareCalendar, RecordRelease } from '../../src/domain/commands'
import type { CalendarDeclaration, EraCount } from '../../src/domain/calendar'
import { calendarId, eraLabel } from '../../src/domain/calendar'
import type {
  ChangeFieldsFix,
  Correction,
  CorrectionTarget,
  ReleaseFieldsFix,
} from '../../src/domain/correction'
import type {
  CalendarDeclared,
  EntryCorrected,
  LedgerEvent,
  Recorded,
  ReleaseRecorded,
} from '../../src/domain/events'
import type { Hasher } from '../../src/domain/hashChain'
import { genesisHash, linkOf } from '../../src/domain/hashChain'
import { claimId, correctionId, entityId, predicate, releaseId, text } from '../../src/domain/ids'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import type { Qualifier, ScalarValue, Value } from '../../src/domain/value'
import type { Release, ReleaseKind } from '../../src/domain/release'

/**
 * Terse, typed builders for specs. Every builder takes plain strings and numbers and returns
 * a domain value built with the unsafe constructors of src/domain/ids.ts, so a spec reads like
 * the authoring format. Builders never validate: a spec that needs an invalid value says so by
 * building it by hand (or by decoding raw JSON).
 */

// ---------------------------------------------------------------------------------------------
// Releases

/** Optional release fields; `date` is required, everything else has a readable default. */
export interface ReleaseOptions {
  readonly date: string
  readonly title?: string
  readonly series?: string
  readonly kind?: ReleaseKind
  /** Default: season*1000+episode when both are given, else 0 (as in the authoring format). */
  readonly sequence?: number
  readonly season?: number
  readonly episode?: number
  readonly stardate?: InUniverseTime
  readonly regionalDates?: ReadonlyArray<{ readonly region: string; readonly date: string }>
  readonly dateNote?: string
  readonly note?: string
}

/**
 * A release: `release('pic-s1e01', { date: '2020-01-23', series: 'Star Trek: Picard',
 * season: 1, episode: 1 })`. Defaults: kind `episode`, series `Test Series`, title = the id.
 */
export const release = (id: string, options: ReleaseOptions): Release => {
  const { season, episode } = options
  const sequence =
    options.sequence ??
    (season !== undefined && episode !== undefined ? season * 1000 + episode : 0)
  return {
    id: releaseId(id),
    title: text(options.title ?? id),
    series: text(options.series ?? 'Test Series'),
    kind: options.kind ?? 'episode',
    date: isoDate(options.date),
    sequence: sequence as Release['sequence'],
    ...(season === undefined ? {} : { season: season as t.Int }),
    ...(episode === undefined ? {} : { episode: episode as t.Int }),
    ...(options.stardate === undefined ? {} : { stardate: options.stardate }),
    ...(options.regionalDates === undefined
      ? {}
      : {
          regionalDates: options.regionalDates.map((r) => ({
            region: text(r.region),
            date: isoDate(r.date),
          })),
        }),
    ...(options.dateNote === undefined ? {} : { dateNote: text(options.dateNote) }),
    ...(options.note === undefined ? {} : { note: text(options.note) }),
  }
}

// ---------------------------------------------------------------------------------------------
// Values

const quantity = (qualifier: Qualifier) => (amount: number, unit?: string) =>
  ({
    _tag: 'Quantity',
    amount,
    qualifier,
    ...(unit === undefined ? {} : { unit: text(unit) }),
  }) as const satisfies Value

/** Values as the authoring format writes them: `atLeast(92000, 'lives')` is "over 92,000 lives". */
export const exact = quantity('exact')
export const atLeast = quantity('at-least')
export const about = quantity('about')
export const atMost = quantity('at-most')
export const textValue = (s: string) => ({ _tag: 'Text', text: text(s) }) as const satisfies Value
export const ref = (entity: string) =>
  ({ _tag: 'EntityRef', entity: entityId(entity) }) as const satisfies Value
export const list = (...items: ReadonlyArray<ScalarValue>): Value => ({ _tag: 'List', items })

/** An in-universe calendar time from `2385`, `2385-04` or `2385-04-05` (not validated). */
export const calendar = (s: string): InUniverseTime => {
  const [year, month, day] = s.split('-').map(Number)
  return {
    _tag: 'Calendar',
    year: year as t.Int,
    ...(month === undefined ? {} : { month: month as t.Int }),
    ...(day === undefined ? {} : { day: day as t.Int }),
  }
}
export const stardate = (n: number): InUniverseTime => ({ _tag: 'Stardate', stardate: n })

/** A year of an era as an author writes it: `eraYear(32, 'BBY')` (decide fills in its calendar). */
export const eraYear = (year: number, era: string): InUniverseTime => ({
  _tag: 'Era',
  era: eraLabel(era),
  year: year as t.Int,
})

/** A year of an era as the ledger records it, with its calendar, the era's place and counting. */
export const recordedEraYear = (
  year: number,
  era: string,
  calendar: string,
  eraIndex: number,
  counts: EraCount,
): InUniverseTime => ({
  _tag: 'Era',
  era: eraLabel(era),
  year: year as t.Int,
  calendar: calendarId(calendar),
  eraIndex: eraIndex as t.Int,
  counts,
})
export const timeValue = (time: InUniverseTime | string): Value => ({
  _tag: 'Time',
  time: typeof time === 'string' ? calendar(time) : time,
})

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * Quote, note, the "exact release unknown within" span, and an account (`saidBy` or
 * `believedBy`: speakers' entity ids), shared by stating changes.
 */
export interface ProvenanceOptions {
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  readonly saidBy?: ReadonlyArray<string>
  readonly believedBy?: ReadonlyArray<string>
}

const accountOf = (o: ProvenanceOptions | undefined): { readonly account?: Account } =>
  o?.saidBy !== undefined
    ? { account: { by: o.saidBy.map(entityId), as: 'said' } }
    : o?.believedBy !== undefined
      ? { account: { by: o.believedBy.map(entityId), as: 'believed' } }
      : {}

const provenance = (o: ProvenanceOptions | undefined) => ({
  ...(o?.quote === undefined ? {} : { quote: text(o.quote) }),
  ...(o?.note === undefined ? {} : { note: text(o.note) }),
  ...(o?.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: text(o.exactReleaseUnknownWithin) }),
})

/** `introduce('person/commodore-oh', 'Commodore Oh', { aliases: ['Oh'] })` */
export const introduce = (
  entity: string,
  name: string,
  options: { readonly aliases?: ReadonlyArray<string>; readonly note?: string } = {},
): Introduced => ({
  _tag: 'Introduced',
  entity: entityId(entity),
  name: text(name),
  ...(options.aliases === undefined ? {} : { aliases: options.aliases.map(text) }),
  ...(options.note === undefined ? {} : { note: text(options.note) }),
})

/** `appear('person/the-regent', 'Senator Quell')`: an entity the ledger knows, shown here under a name. */
export const appear = (
  entity: string,
  name: string,
  options: { readonly aliases?: ReadonlyArray<string>; readonly note?: string } = {},
): Appeared => ({
  _tag: 'Appeared',
  entity: entityId(entity),
  name: text(name),
  ...(options.aliases === undefined ? {} : { aliases: options.aliases.map(text) }),
  ...(options.note === undefined ? {} : { note: text(options.note) }),
})

/** `alias('place/utopia-planitia', 'Utopia Plantia')` */
export const alias = (entity: string, as: string, note?: string): Aliased => ({
  _tag: 'Aliased',
  entity: entityId(entity),
  alias: text(as),
  ...(note === undefined ? {} : { note: text(note) }),
})

export interface AssertOptions extends ProvenanceOptions {
  readonly subject: string
  readonly predicate: string
  /** A bare string is Text, a bare number an exact Quantity, as in the authoring format. */
  readonly value: Value | string | number
  readonly valid?: Validity
}

const toValue = (v: Value | string | number): Value =>
  typeof v === 'string' ? textValue(v) : typeof v === 'number' ? exact(v) : v

/**
 * `assert('mars-attack.casualties', { subject: 'event/mars-attack', predicate: 'casualties',
 * value: atLeast(92000, 'lives') })`
 */
export const assert = (claim: string, options: AssertOptions): Asserted => ({
  _tag: 'Asserted',
  claim: claimId(claim),
  subject: entityId(options.subject),
  predicate: predicate(options.predicate),
  value: toValue(options.value),
  ...(options.valid === undefined ? {} : { valid: options.valid }),
  ...provenance(options),
  ...accountOf(options),
})

export const confirm = (claim: string, options: ProvenanceOptions = {}): Confirmed => ({
  _tag: 'Confirmed',
  claim: claimId(claim),
  ...provenance(options),
  ...accountOf(options),
})

export interface ReviseOptions extends ProvenanceOptions {
  readonly kind: RevisionKind
  readonly value: Value | string | number
  readonly valid?: Validity
  readonly settles?: ReadonlyArray<string>
}

/** `revise('mars-attack.perpetrator', { kind: 'reattribution', value: ref('person/commodore-oh') })` */
export const revise = (claim: string, options: ReviseOptions): Revised => ({
  _tag: 'Revised',
  claim: claimId(claim),
  kind: options.kind,
  value: toValue(options.value),
  ...(options.valid === undefined ? {} : { valid: options.valid }),
  ...(options.settles === undefined ? {} : { settles: options.settles.map(claimId) }),
  ...provenance(options),
  ...accountOf(options),
})

export interface StoryChangeOptions extends ProvenanceOptions {
  readonly from?: InUniverseTime
  readonly when?: string
}

/** `becomes('palpatine.status', 'dead', { from: eraYear(4, 'ABY') })`: in the story, from then on. */
export const becomes = (
  claim: string,
  value: Value | string | number,
  options: StoryChangeOptions = {},
): StoryChanged => ({
  _tag: 'StoryChanged',
  claim: claimId(claim),
  value: toValue(value),
  ...(options.from === undefined ? {} : { from: options.from }),
  ...(options.when === undefined ? {} : { when: text(options.when) }),
  ...provenance(options),
  ...accountOf(options),
})

/** `ends('oh.position', { from: calendar('2399') })`: in the story, the fact no longer holds. */
export const ends = (claim: string, options: StoryChangeOptions = {}): StoryChanged => ({
  _tag: 'StoryChanged',
  claim: claimId(claim),
  ...(options.from === undefined ? {} : { from: options.from }),
  ...(options.when === undefined ? {} : { when: text(options.when) }),
  ...provenance(options),
  ...accountOf(options),
})

export const retract = (claim: string, options: ProvenanceOptions = {}): Retracted => ({
  _tag: 'Retracted',
  claim: claimId(claim),
  ...provenance(options),
})

/** `identify('person/commodore-oh', 'person/nedar')`: nedar is oh from this release on. */
export const identify = (
  entity: string,
  sameAs: string,
  options: ProvenanceOptions = {},
): Identified => ({
  _tag: 'Identified',
  entity: entityId(entity),
  sameAs: entityId(sameAs),
  ...provenance(options),
})

// ---------------------------------------------------------------------------------------------
// Corrections

const correction = (id: string, target: CorrectionTarget, reason: string): Correction => ({
  id: correctionId(id),
  target,
  reason: text(reason),
})

/** `fixRelease('fix-title', 'st-children-of-mars', { title: text('Children of Mars') })` */
export const fixRelease = (
  id: string,
  release: string,
  set: ReleaseFieldsFix,
  reason = 'editorial fix',
): Correction =>
  correction(id, { _tag: 'ReleaseEntryFixed', release: releaseId(release), set }, reason)

export const withdraw = (id: string, release: string, reason = 'entered by mistake'): Correction =>
  correction(id, { _tag: 'ReleaseEntryWithdrawn', release: releaseId(release) }, reason)

/** Fixes the change that `release` made to `claim`. */
export const fixChange = (
  id: string,
  release: string,
  claim: string,
  set: ChangeFieldsFix,
  reason = 'editorial fix',
): Correction =>
  correction(
    id,
    { _tag: 'ChangeEntryFixed', release: releaseId(release), claim: claimId(claim), set },
    reason,
  )

// ---------------------------------------------------------------------------------------------
// Events and commands

/** The event that records `release` with its changes. */
export const released = (release: Release, ...changes: ReadonlyArray<Change>): ReleaseRecorded => ({
  _tag: 'ReleaseRecorded',
  release,
  changes,
})

export const corrected = (correction: Correction): EntryCorrected => ({
  _tag: 'EntryCorrected',
  correction,
})

/** An era calendar: `eraCalendar('galactic', 'Galactic Standard', [['BBY', 'down'], ['ABY', 'up']], { yearZero: true })`. */
export const eraCalendar = (
  id: string,
  name: string,
  eras: ReadonlyArray<readonly [string, EraCount]>,
  options: { readonly yearZero?: boolean } = {},
): CalendarDeclaration => ({
  id: calendarId(id),
  name: text(name),
  kind: 'era',
  eras: eras.map(([label, counts]) => ({ label: eraLabel(label), counts })),
  ...(options.yearZero === undefined ? {} : { yearZero: options.yearZero }),
})

/** A built-in calendar: `builtInCalendar('gregorian')` or `builtInCalendar('stardate')`. */
export const builtInCalendar = (
  kind: 'gregorian' | 'stardate',
  id: string = kind,
): CalendarDeclaration => ({
  id: calendarId(id),
  name: text(kind === 'gregorian' ? 'Gregorian calendar' : 'stardates'),
  kind,
})

export const calendarDeclared = (calendar: CalendarDeclaration): CalendarDeclared => ({
  _tag: 'CalendarDeclared',
  calendar,
})

export const declareCalendar = (calendar: CalendarDeclaration): DeclareCalendar => ({
  _tag: 'DeclareCalendar',
  calendar,
})

/** The command that asks the ledger to record `release` with its changes. */
export const recordRelease = (
  release: Release,
  ...changes: ReadonlyArray<Change>
): RecordRelease => ({ _tag: 'RecordRelease', release, changes })

export const correct = (correction: Correction): CorrectEntry => ({
  _tag: 'CorrectEntry',
  correction,
})

/** The command that would have produced `event`. */
export { commandOf } from '../../src/domain/commands'

// ---------------------------------------------------------------------------------------------
// Recorded ledgers

/** A fixed recording time, so recorded ledgers built by specs are reproducible. */
export const fixedRecordedAt = (position: number): string =>
  new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString()

/**
 * Wraps events as the ledger would record them, in the order given: positions 0, 1, 2...,
 * fixed recording times, and a real hash chain when a `hash` function is passed (otherwise
 * placeholder hashes, enough for folds that ignore the chain).
 */
export const recordedLedger = (
  events: ReadonlyArray<LedgerEvent>,
  options: { readonly universe?: string; readonly hash?: Hasher } = {},
): ReadonlyArray<Recorded> => {
  const hash = options.hash
  let prevHash = hash === undefined ? 'genesis' : genesisHash(options.universe ?? 'test', hash)
  return events.map((event, i) => {
    const recordedAt = fixedRecordedAt(i)
    const link =
      hash === undefined
        ? { prevHash, hash: `hash-${i}` }
        : linkOf(event, recordedAt, prevHash, hash)
    prevHash = link.hash
    return { position: BigInt(i), recordedAt, event, ...link }
  })
}
