import type { ClaimId, CorrectionId, EntityId, ReleaseId } from './ids'

/** Why the ledger refuses a command. Values, never thrown; the shells map them to words and statuses. */
export type DomainError =
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

const quote = (s: string): string => `'${s}'`

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
    default: {
      const never: never = e
      return never
    }
  }
}
