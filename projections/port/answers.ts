import type { Qualifier } from '../../src/domain/value'
import type { SourceTier } from '../../src/domain/release'
import type { AccountKind, RevisionKind } from '../../src/domain/change'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import type { ReleaseCut } from './cut'
import type { PageAnswer } from './page'

/**
 * The answers of the read port: plain data, ready for JSON (positions as decimal strings, no
 * Maps, no bigints), identical field for field whichever reader gives them. Entity references
 * carry the entity's name AT THE CUT; an entity the cut does not admit is never named.
 */

export interface ReleaseRef {
  readonly id: string
  readonly title: string
  readonly series: string
  readonly kind: string
  readonly tier: SourceTier
  readonly date: string
  readonly sequence: number
  readonly season?: number
  readonly episode?: number
}

export type ValueJson =
  | { readonly _tag: 'Text'; readonly text: string }
  | {
      readonly _tag: 'Quantity'
      readonly amount: number
      readonly qualifier: Qualifier
      readonly unit?: string
    }
  | {
      readonly _tag: 'EntityRef'
      /** null when the cut does not admit the referenced entity (it is not named either). */
      readonly entity: string | null
      readonly name: string
      /** The entity it is identified with at the cut, if it was merged into another. */
      readonly identifiedWith?: { readonly entity: string; readonly name: string }
    }
  | { readonly _tag: 'Time'; readonly time: InUniverseTime; readonly text: string }
  | { readonly _tag: 'List'; readonly items: ReadonlyArray<ValueJson> }

/** A value as text for people and as structured data for programs. */
export interface ValueAnswer {
  readonly text: string
  readonly value: ValueJson
}

export interface ValidityAnswer {
  readonly from?: string
  readonly until?: string
  readonly note?: string
}

/** Where an answer stands on every axis. */
export interface CutAnswer {
  /** The release cut as asked. */
  readonly cut: ReleaseCut
  readonly policy: string
  /** The ledger position read, as a decimal string ("-1" for an empty ledger). */
  readonly ledgerPosition: string
  /** The last release the cut admits under the policy, if any. */
  readonly lastRelease: ReleaseRef | null
  readonly releasesAdmitted: number
}

export interface EntityRefAnswer {
  readonly id: string
  readonly name: string
}

export const hiddenEntityName = 'an entity not introduced at this cut'

/**
 * A character's account: what the speakers said or believed, not what the story shows. Each
 * speaker is named as the cut knows it (a speaker the cut does not admit is not named).
 */
export interface AccountAnswer {
  readonly as: AccountKind
  readonly by: ReadonlyArray<EntityRefAnswer>
}

/**
 * A change in the story (not of what viewers know): the fact takes a new value from a point
 * of the story, or `ends` (no longer holds). `from` is the in-universe time if said, `when` the
 * time in words.
 */
export interface StoryChangeAnswer {
  readonly ends: boolean
  readonly from?: string
  readonly when?: string
}

/**
 * One stretch of a fact in the story: from a point on it holds `value` (none: it no longer
 * holds). `from` and `until` are in-universe times, `when` the time in words (the validity's
 * note of the fact as first told).
 */
export interface StoryPhaseAnswer {
  readonly value?: ValueAnswer
  readonly from?: string
  readonly until?: string
  readonly when?: string
  /** The release that told it. */
  readonly release: ReleaseRef
  readonly account?: AccountAnswer
}

/** A fact that changed in the story: its phases in the order told, and whether it holds now. */
export interface StoryAnswer {
  readonly holds: boolean
  readonly phases: ReadonlyArray<StoryPhaseAnswer>
}

export interface ProvenanceAnswer {
  readonly release: ReleaseRef
  readonly change: 'asserted' | 'confirmed' | 'revised' | 'changed-in-story' | 'retracted'
  readonly kind?: RevisionKind
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  readonly account?: AccountAnswer
}

export interface ClaimAnswer {
  readonly claim: string
  /** The entity the claim was made about (an entity identified with the one asked for, perhaps). */
  readonly subject: EntityRefAnswer
  readonly value: ValueAnswer
  readonly valid?: ValidityAnswer
  readonly tier: SourceTier
  /** The release that gave the current value, and the kind of its revision if it revised. */
  readonly source: ReleaseRef
  readonly revisionKind?: RevisionKind
  /** The current value is a character's account (said or believed), not what the story shows. */
  readonly account?: AccountAnswer
  /** Present once the fact changed in the story: its phases, and whether it holds now. */
  readonly story?: StoryAnswer
  readonly provenance: ReadonlyArray<ProvenanceAnswer>
}

export interface FactAnswer {
  readonly predicate: string
  /** `conflict`: the best-ranked claims disagree, and all of them are listed. */
  readonly status: 'settled' | 'conflict'
  readonly claims: ReadonlyArray<ClaimAnswer>
}

export interface EntityAnswer {
  readonly at: CutAnswer
  readonly matched: { readonly query: string; readonly text: string; readonly by: string }
  readonly entity: {
    readonly id: string
    readonly name: string
    readonly aliases: ReadonlyArray<string>
    readonly identifiedWith: ReadonlyArray<EntityRefAnswer>
    /** The first release the cut admits that shows the entity (introduces it or shows it appearing). */
    readonly introducedBy: ReleaseRef
  }
  readonly facts: ReadonlyArray<FactAnswer>
}

export interface SearchHitAnswer {
  readonly id: string
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly matched: string
  readonly by: 'id' | 'name' | 'alias'
  readonly rank: 'exact' | 'prefix' | 'contains' | 'similar'
}

export interface SearchAnswer {
  readonly at: CutAnswer
  readonly query: string
  readonly hits: ReadonlyArray<SearchHitAnswer>
}

/** What one change did, in the audit's words. */
export type AuditChangeKind =
  | 'introduced'
  | 'appeared'
  | 'aliased'
  | 'identified'
  | 'asserted'
  | 'confirmed'
  | 'revised'
  | 'changed-in-story'
  | 'retracted'

export const auditChangeKinds: ReadonlyArray<AuditChangeKind> = [
  'introduced',
  'appeared',
  'aliased',
  'identified',
  'asserted',
  'confirmed',
  'revised',
  'changed-in-story',
  'retracted',
]

export interface AuditEntryAnswer {
  readonly release: ReleaseRef
  readonly tier: SourceTier
  readonly change: AuditChangeKind
  readonly kind?: RevisionKind
  readonly entity: EntityRefAnswer
  readonly predicate?: string
  readonly claim?: string
  readonly oldValue?: ValueAnswer
  readonly newValue?: ValueAnswer
  readonly valid?: ValidityAnswer
  /** Introductions and appearances: the name given; aliases: the alias given. */
  readonly name?: string
  readonly aliases?: ReadonlyArray<string>
  /** Identifications: the other entity. */
  readonly other?: EntityRefAnswer
  readonly settles?: ReadonlyArray<string>
  /** A change in the story: whether the fact ends, and from when. */
  readonly story?: StoryChangeAnswer
  readonly account?: AccountAnswer
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  readonly position: string
  readonly recordedAt: string
  /** Its release entry was withdrawn by a correction: listed, never applied. */
  readonly withdrawn: boolean
}

export interface CorrectionAnswer {
  readonly id: string
  readonly release: string
  readonly claim?: string
  readonly what: 'release-fixed' | 'release-withdrawn' | 'change-fixed'
  readonly position: string
  readonly recordedAt: string
  readonly reason: string
  /** Each field the correction set, before and after it (values rendered like any value). */
  readonly fields: ReadonlyArray<{
    readonly field: string
    readonly before: unknown
    readonly after: unknown
  }>
}

export interface HistoryAnswer {
  readonly at: CutAnswer
  /** The entity asked about (with its aliases at the cut); null for the whole universe. */
  readonly entity: (EntityRefAnswer & { readonly aliases: ReadonlyArray<string> }) | null
  readonly predicate: string | null
  readonly claim: string | null
  /** The change kinds asked for; every kind when absent. */
  readonly changes: ReadonlyArray<AuditChangeKind> | null
  readonly entries: ReadonlyArray<AuditEntryAnswer>
  /** The editorial corrections of the entries on this page. */
  readonly corrections: ReadonlyArray<CorrectionAnswer>
  readonly page: PageAnswer
}

export interface DiffChangeAnswer {
  readonly release: ReleaseRef
  /**
   * asserted, confirmed, revised:<kind>, changed-in-story, retracted, identified, introduced,
   * appeared, aliased
   */
  readonly change: string
  readonly kind?: RevisionKind
  readonly entity: EntityRefAnswer
  readonly predicate?: string
  readonly claim?: string
  readonly before?: ValueAnswer
  readonly after?: ValueAnswer
  readonly other?: EntityRefAnswer
  readonly name?: string
  readonly settles?: ReadonlyArray<string>
  readonly story?: StoryChangeAnswer
  readonly account?: AccountAnswer
}

export interface FactAtAnswer {
  readonly status: 'settled' | 'conflict'
  readonly values: ReadonlyArray<{
    readonly claim: string
    readonly value: ValueAnswer
    readonly tier: SourceTier
    readonly source: ReleaseRef
    /** A character's account, not what the story shows. */
    readonly account?: AccountAnswer
    /** The fact no longer holds in the story (`value` is the last it held). */
    readonly ended?: true
  }>
}

export interface FactDiffAnswer {
  readonly entity: EntityRefAnswer
  readonly predicate: string
  readonly before: FactAtAnswer | null
  readonly after: FactAtAnswer | null
}

export interface DiffAnswer {
  readonly from: CutAnswer
  readonly to: CutAnswer
  readonly entity: EntityRefAnswer | null
  /** How many releases `to` admits that `from` does not (under the policy). */
  readonly releasesBetween: number
  /** The releases of this page's changes, in release order. */
  readonly releases: ReadonlyArray<ReleaseRef>
  readonly changes: ReadonlyArray<DiffChangeAnswer>
  /** The facts this page's changes touch, each at `from` and at `to`. */
  readonly facts: ReadonlyArray<FactDiffAnswer>
  readonly page: PageAnswer
}

export type TimelineAnchor = 'valid-from' | 'valid-until' | 'value' | 'story-change'

export interface TimelineEntryAnswer {
  readonly time: string
  readonly anchor: TimelineAnchor
  readonly entity: EntityRefAnswer
  readonly predicate: string
  readonly claim: string
  readonly value: ValueAnswer
  readonly validityNote?: string
  /** At a `story-change`: the fact `becomes` the value, or `ends` (the value it held). */
  readonly story?: 'becomes' | 'ends'
  readonly when?: string
  readonly source: ReleaseRef
}

export interface TimelineAnswer {
  readonly at: CutAnswer
  readonly entries: ReadonlyArray<TimelineEntryAnswer>
  readonly page: PageAnswer
}

export interface ReleaseAnswer extends ReleaseRef {
  readonly position: string
  readonly recordedAt: string
  readonly changes: number
  readonly corrections: number
  readonly regionalDates?: ReadonlyArray<{ readonly region: string; readonly date: string }>
  readonly stardate?: string
  readonly dateNote?: string
  readonly note?: string
}

export interface ReleasesAnswer {
  readonly at: CutAnswer
  /** The series asked for, if any (as the ledger spells it). */
  readonly series: string | null
  /** Every release the cut admits (of that series), counted: not only this page. */
  readonly total: number
  readonly byTier: ReadonlyArray<{ readonly tier: SourceTier; readonly count: number }>
  readonly bySeries: ReadonlyArray<{ readonly series: string; readonly count: number }>
  readonly releases: ReadonlyArray<ReleaseAnswer>
  readonly page: PageAnswer
}
