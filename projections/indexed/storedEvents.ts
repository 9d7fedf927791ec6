import { Account, RevisionKind, Validity } from '../../src/domain/change'
import { CalendarDeclaration } from '../../src/domain/calendar'
import { InUniverseTime } from '../../src/domain/inUniverseTime'
import { Correction } from '../../src/domain/correction'
import type { LedgerEvent, Recorded } from '../../src/domain/events'
import { Release } from '../../src/domain/release'
import { Qualifier, Value } from '../../src/domain/value'

/**
 * Events as a store holds them (JSON, parsed), checked as they are filed instead of decoded
 * first: a replay files a million changes and cannot afford the codecs' generic walk of each.
 * Every field the index keeps is checked for its kind (tags, texts, arrays, numbers; each
 * release, correction, validity, and any value of an uncommon shape, with its own codec); an
 * event that fails is refused, for the caller to name its fault with the codecs. The brands of
 * ids and texts are the append path's to check, and the hash chain's to keep (`canon verify`).
 */
export interface StoredEvent {
  readonly position: bigint
  readonly recordedAt: string
  readonly hash: string
  readonly prevHash: string
  readonly type: string
  readonly data: unknown
}

type Fields = Record<string, unknown>

const isText = (u: unknown): u is string => typeof u === 'string'
const optionalText = (u: unknown): boolean => u === undefined || typeof u === 'string'
const texts = (u: unknown): boolean => Array.isArray(u) && u.every(isText)
const optionalTexts = (u: unknown): boolean => u === undefined || texts(u)

const provenanceOk = (c: Fields): boolean =>
  optionalText(c.quote) && optionalText(c.note) && optionalText(c.exactReleaseUnknownWithin)

/** Provenance, and the account a stating change may carry (by its codec: it is uncommon). */
const statedOk = (c: Fields): boolean =>
  provenanceOk(c) && (c.account === undefined || Account.is(c.account))

const qualifiers = new Set(Object.keys(Qualifier.keys))

/** A value: the common shapes checked field by field, any other by its codec. */
const valueOk = (u: unknown): boolean => {
  if (typeof u !== 'object' || u === null) return false
  const v = u as Fields
  switch (v._tag) {
    case 'Text':
      return isText(v.text)
    case 'Quantity':
      return (
        typeof v.amount === 'number' &&
        Number.isFinite(v.amount) &&
        qualifiers.has(v.qualifier as string) &&
        optionalText(v.unit)
      )
    case 'EntityRef':
      return isText(v.entity)
    default:
      return Value.is(u)
  }
}

const validOk = (u: unknown): boolean => u === undefined || Validity.is(u)
const optionalValue = (u: unknown): boolean => u === undefined || valueOk(u)
const optionalTime = (u: unknown): boolean => u === undefined || InUniverseTime.is(u)

const changeOk = (u: unknown): boolean => {
  if (typeof u !== 'object' || u === null) return false
  const c = u as Fields
  switch (c._tag) {
    case 'Introduced':
    case 'Appeared':
      return isText(c.entity) && isText(c.name) && optionalTexts(c.aliases) && optionalText(c.note)
    case 'Aliased':
      return isText(c.entity) && isText(c.alias) && optionalText(c.note)
    case 'Identified':
      return isText(c.entity) && isText(c.sameAs) && provenanceOk(c)
    case 'Asserted':
      return (
        isText(c.claim) &&
        isText(c.subject) &&
        isText(c.predicate) &&
        valueOk(c.value) &&
        validOk(c.valid) &&
        statedOk(c)
      )
    case 'Confirmed':
      return isText(c.claim) && statedOk(c)
    case 'Retracted':
      return isText(c.claim) && provenanceOk(c)
    case 'StoryChanged':
      return (
        isText(c.claim) &&
        optionalValue(c.value) &&
        optionalTime(c.from) &&
        optionalText(c.when) &&
        statedOk(c)
      )
    case 'Revised':
      return (
        isText(c.claim) &&
        RevisionKind.is(c.kind) &&
        valueOk(c.value) &&
        validOk(c.valid) &&
        optionalTexts(c.settles) &&
        statedOk(c)
      )
    default:
      return false
  }
}

/** The event, when it has the shape the index files (see above), else undefined. */
export const checkedEvent = (type: string, data: unknown): LedgerEvent | undefined => {
  if (typeof data !== 'object' || data === null) return undefined
  const d = data as Fields
  if (d._tag !== type) return undefined
  if (d._tag === 'EntryCorrected')
    return Correction.is(d.correction) ? (d as LedgerEvent) : undefined
  if (d._tag === 'CalendarDeclared')
    return CalendarDeclaration.is(d.calendar) ? (d as LedgerEvent) : undefined
  if (d._tag !== 'ReleaseRecorded' || !Release.is(d.release) || !Array.isArray(d.changes))
    return undefined
  return (d.changes as ReadonlyArray<unknown>).every(changeOk) ? (d as LedgerEvent) : undefined
}

/** A stored event as the domain's recorded event (once checked). */
export const recordedOf = (e: StoredEvent, event: LedgerEvent): Recorded => ({
  position: e.position,
  recordedAt: e.recordedAt,
  hash: e.hash,
  prevHash: e.prevHash,
  event,
})
