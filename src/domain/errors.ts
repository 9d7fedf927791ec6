import type { ClaimId, CorrectionId, EntityId, ReleaseId } from './ids'
import type { CalendarId } from './calendar'

/**
 * Where in the refused command the fault sits, when `decide` can say: the change (counted from
 * 1) and the field within it (or within the release, or the correction's fields, when there is
 * no change). The app turns it into a place in the file the command came from.
 */
export interface Place {
  readonly change?: number
  readonly field?: ReadonlyArray<string | number>
}

/** Why the ledger refuses a command. Values, never thrown; the shells map them to words and statuses. */
export type DomainError = Refusal & { readonly at?: Place }

type Refusal =
  | { readonly _tag: 'ReleaseConflict'; readonly release: ReleaseId; readonly detail: string }
  | { readonly _tag: 'CorrectionConflict'; readonly correction: CorrectionId }
  | { readonly _tag: 'UnknownRelease'; readonly release: ReleaseId }
  | { readonly _tag: 'UnknownEntity'; readonly entity: EntityId; readonly release: ReleaseId }
  | {
      readonly _tag: 'EntityNotYetIntroduced'
      readonly entity: EntityId
      readonly release: ReleaseId
      readonly introducedBy: ReleaseId
    }
  | {
      readonly _tag: 'SecondaryEntityOnScreen'
      readonly entity: EntityId
      readonly release: ReleaseId
      readonly introducedBy: ReleaseId
    }
  | { readonly _tag: 'EntityAlreadyIntroduced'; readonly entity: EntityId; readonly by: ReleaseId }
  | { readonly _tag: 'UnknownClaim'; readonly claim: ClaimId; readonly release: ReleaseId }
  | {
      readonly _tag: 'ClaimNotYetAsserted'
      readonly claim: ClaimId
      readonly release: ReleaseId
      readonly assertedBy: ReleaseId
    }
  | { readonly _tag: 'ClaimAlreadyAsserted'; readonly claim: ClaimId; readonly by: ReleaseId }
  | { readonly _tag: 'ClaimRetracted'; readonly claim: ClaimId; readonly by: ReleaseId }
  | {
      readonly _tag: 'ChangedAfterRetraction'
      readonly claim: ClaimId
      readonly release: ReleaseId
      readonly laterChangeBy: ReleaseId
    }
  | { readonly _tag: 'DuplicateChange'; readonly claim: ClaimId; readonly release: ReleaseId }
  | {
      readonly _tag: 'InvalidSettlement'
      readonly claim: ClaimId
      readonly settles: ClaimId
      readonly reason: string
    }
  | {
      readonly _tag: 'InvalidIdentification'
      readonly release: ReleaseId
      /** The identification's place among the release's changes, counted from 1. */
      readonly change: number
      readonly entity: EntityId
      readonly sameAs: EntityId
      readonly reason: string
      /**
       * Set when the identification would close a cycle: the path it would close, each entity
       * merged into the next, from `sameAs` through `entity` back to `sameAs`.
       */
      readonly cycle?: ReadonlyArray<EntityId>
    }
  | {
      readonly _tag: 'InvalidAppearance'
      readonly release: ReleaseId
      /** The appearance's place among the release's changes, counted from 1. */
      readonly change: number
      readonly entity: EntityId
      readonly reason: string
    }
  | {
      readonly _tag: 'InvalidCorrection'
      readonly correction: CorrectionId
      readonly reason: string
    }
  /** A control or bidirectional character in what the entry would record (see safeText.ts). */
  | {
      readonly _tag: 'UnsafeText'
      readonly entry: string
      readonly path: string
      readonly character: string
    }
  /** A speaker of an account the release cannot refer to. */
  | {
      readonly _tag: 'UnknownSpeaker'
      readonly release: ReleaseId
      readonly claim: ClaimId
      readonly speaker: EntityId
      readonly reason: string
    }
  /** A change in the story of a claim the release's viewers have not been told. */
  | {
      readonly _tag: 'InvalidStoryChange'
      readonly release: ReleaseId
      readonly claim: ClaimId
      readonly reason: string
    }
  /** A time in a calendar the universe does not declare, or a year its calendar does not have. */
  | {
      readonly _tag: 'InvalidTime'
      readonly entry: { readonly release: ReleaseId } | { readonly correction: CorrectionId }
      readonly time: string
      readonly reason: string
    }
  | { readonly _tag: 'CalendarConflict'; readonly calendar: CalendarId; readonly detail: string }
  | { readonly _tag: 'InvalidCalendar'; readonly calendar: CalendarId; readonly reason: string }

const quote = (s: string): string => `'${s}'`

const changeOf = (e: DomainError): string =>
  e.at?.change === undefined ? '' : ` change ${e.at.change}`

const fieldOf = (e: DomainError): string =>
  e.at?.field === undefined || e.at.field.length === 0 ? '' : ` (${e.at.field.join('.')})`

/** A sentence naming what was wrong and where. */
export const describeDomainError = (e: DomainError): string => {
  switch (e._tag) {
    case 'ReleaseConflict':
      return `release ${quote(e.release)} is already in the ledger with different content (${e.detail}); record a correction instead`
    case 'CorrectionConflict':
      return `correction ${quote(e.correction)} is already in the ledger with different content`
    case 'UnknownRelease':
      return `release ${quote(e.release)} is not in the ledger`
    case 'UnknownEntity':
      return `release ${quote(e.release)} refers to entity ${quote(e.entity)}, which no release introduces`
    case 'EntityNotYetIntroduced':
      return `release ${quote(e.release)} refers to entity ${quote(e.entity)}, which is introduced only later in release order, by ${quote(e.introducedBy)}`
    case 'SecondaryEntityOnScreen':
      return `on-screen release ${quote(e.release)} refers to entity ${quote(e.entity)}, which only a secondary source (${quote(e.introducedBy)}) introduces`
    case 'EntityAlreadyIntroduced':
      return `entity ${quote(e.entity)} is already introduced by release ${quote(e.by)}`
    case 'UnknownClaim':
      return `release ${quote(e.release)} acts on claim ${quote(e.claim)}, which no release asserts`
    case 'ClaimNotYetAsserted':
      return `release ${quote(e.release)} acts on claim ${quote(e.claim)}, which is asserted only later in release order, by ${quote(e.assertedBy)}`
    case 'ClaimAlreadyAsserted':
      return `claim ${quote(e.claim)} is already asserted by release ${quote(e.by)}`
    case 'ClaimRetracted':
      return `claim ${quote(e.claim)} was retracted by release ${quote(e.by)}`
    case 'ChangedAfterRetraction':
      return `release ${quote(e.release)} would retract claim ${quote(e.claim)}, but the later release ${quote(e.laterChangeBy)} still acts on it`
    case 'DuplicateChange':
      return `release ${quote(e.release)} acts on claim ${quote(e.claim)} more than once`
    case 'InvalidSettlement':
      return `claim ${quote(e.claim)} cannot settle ${quote(e.settles)}: ${e.reason}`
    case 'InvalidIdentification':
      return `release ${quote(e.release)} change ${e.change}: cannot identify ${quote(e.sameAs)} with ${quote(e.entity)}: ${e.reason}`
    case 'InvalidAppearance':
      return `release ${quote(e.release)} change ${e.change}: entity ${quote(e.entity)} cannot appear here: ${e.reason}`
    case 'InvalidCorrection':
      return `correction ${quote(e.correction)}: ${e.reason}`
    case 'UnsafeText':
      return `${e.entry} at ${e.path}: the control or bidirectional character ${e.character} is refused (it could disguise what a terminal or page shows); remove it`
    case 'UnknownSpeaker':
      return `release ${quote(e.release)}${changeOf(e)}: the account of claim ${quote(e.claim)} is by ${quote(e.speaker)}, an unknown speaker: ${e.reason}`
    case 'InvalidStoryChange':
      return `release ${quote(e.release)}${changeOf(e)}: cannot change claim ${quote(e.claim)} in the story: ${e.reason}`
    case 'InvalidTime':
      return `${'release' in e.entry ? `release ${quote(e.entry.release)}` : `correction ${quote(e.entry.correction)}`}${changeOf(e)}${fieldOf(e)}: the time ${quote(e.time)} cannot be recorded: ${e.reason}`
    case 'CalendarConflict':
      return `calendar ${quote(e.calendar)} is already declared with different content (${e.detail}); a declared calendar cannot change`
    case 'InvalidCalendar':
      return `calendar ${quote(e.calendar)} cannot be declared: ${e.reason}`
    default: {
      const never: never = e
      return never
    }
  }
}

/**
 * Refusals of input that names what cannot be, as written (an appearance or a speaker of an
 * entity no release introduces, a story change of a fact its viewers have not been told, a time
 * no declared calendar admits, a calendar that does not hold together, a control character):
 * bad input, like a file that does not decode. The others refuse an entry that contradicts the
 * ledger as it stands.
 */
export const isBadInput = (e: DomainError): boolean =>
  e._tag === 'UnsafeText' ||
  e._tag === 'InvalidAppearance' ||
  e._tag === 'UnknownSpeaker' ||
  e._tag === 'InvalidStoryChange' ||
  e._tag === 'InvalidTime' ||
  e._tag === 'InvalidCalendar'
