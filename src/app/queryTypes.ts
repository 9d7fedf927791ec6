import type { ReleaseId } from '../domain/ids'
import type { CanonPolicy } from '../domain/canonPolicy'
import type { SourceTier } from '../domain/release'
import type { RevisionKind } from '../domain/change'
import type { ReleaseCut } from '../../projections/cut'
import type { AuditChangeKind } from '../../projections/audit'
import type { TimelineAnchor } from '../../projections/timeline'
import type { CutAnswer, ReleaseRef, ValidityAnswer, ValueAnswer } from './answers'

/** The questions. Entities are named by id, name or alias; positions are bigint inside. */
export interface CutQuery {
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
  /** The audit axis: read the ledger as it stood at this position (inclusive). */
  readonly ledgerPosition?: bigint
}

export interface EntityQuery extends CutQuery {
  readonly entity: string
}

export interface DiffQuery {
  /** A release id stands for the cut as of that release. */
  readonly from: ReleaseCut | ReleaseId
  readonly to: ReleaseCut | ReleaseId
  readonly entity?: string
  readonly policy: CanonPolicy
  readonly ledgerPosition?: bigint
}

export interface HistoryQuery {
  readonly entity: string
  readonly predicate?: string
  readonly policy: CanonPolicy
  readonly ledgerPosition?: bigint
}

export interface TimelineQuery extends CutQuery {
  /** Only this entity's facts (and those of entities identified with it). */
  readonly entity?: string
}

export interface ReleasesQuery {
  readonly cut?: ReleaseCut
  readonly ledgerPosition?: bigint
  /** Only releases of these tiers; all tiers when absent. */
  readonly policy?: CanonPolicy
}

export interface SearchQuery extends CutQuery {
  readonly query: string
  readonly limit?: number
}

/** The answers. */
export interface EntityRefAnswer {
  readonly id: string
  readonly name: string
}

export interface ProvenanceAnswer {
  readonly release: ReleaseRef
  readonly change: 'asserted' | 'confirmed' | 'revised' | 'retracted'
  readonly kind?: RevisionKind
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
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
    readonly introducedBy: ReleaseRef
  }
  readonly facts: ReadonlyArray<FactAnswer>
}

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
  /** Introductions: the name given; aliases: the alias given. */
  readonly name?: string
  readonly aliases?: ReadonlyArray<string>
  /** Identifications: the other entity. */
  readonly other?: EntityRefAnswer
  readonly settles?: ReadonlyArray<string>
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
  readonly ledgerPosition: string
  readonly policy: string
  readonly entity: EntityRefAnswer & { readonly aliases: ReadonlyArray<string> }
  readonly predicate: string | null
  readonly entries: ReadonlyArray<AuditEntryAnswer>
  readonly corrections: ReadonlyArray<CorrectionAnswer>
}

export interface DiffChangeAnswer {
  readonly release: ReleaseRef
  /** asserted, confirmed, revised:<kind>, retracted, identified, introduced, aliased */
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
}

export interface FactAtAnswer {
  readonly status: 'settled' | 'conflict'
  readonly values: ReadonlyArray<{
    readonly claim: string
    readonly value: ValueAnswer
    readonly tier: SourceTier
    readonly source: ReleaseRef
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
  readonly releases: ReadonlyArray<ReleaseRef>
  readonly changes: ReadonlyArray<DiffChangeAnswer>
  readonly facts: ReadonlyArray<FactDiffAnswer>
}

export interface TimelineEntryAnswer {
  readonly time: string
  readonly anchor: TimelineAnchor
  readonly entity: EntityRefAnswer
  readonly predicate: string
  readonly claim: string
  readonly value: ValueAnswer
  readonly validityNote?: string
  readonly source: ReleaseRef
}

export interface TimelineAnswer {
  readonly at: CutAnswer
  readonly entries: ReadonlyArray<TimelineEntryAnswer>
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
  readonly cut: ReleaseCut
  readonly ledgerPosition: string
  readonly total: number
  readonly byTier: ReadonlyArray<{ readonly tier: SourceTier; readonly count: number }>
  readonly series: ReadonlyArray<{
    readonly series: string
    readonly count: number
    readonly releases: ReadonlyArray<ReleaseAnswer>
  }>
  readonly releases: ReadonlyArray<ReleaseAnswer>
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
