import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { Cut, ReleaseCut } from './cut'
import type { PageRequest } from './page'
import type { AuditChangeKind } from './answers'

/** The questions of the read port. Entities are named by id, name or alias, as a person would. */

export interface EntityQuery {
  readonly entity: string
  readonly at: Cut
}

export interface SearchQuery {
  readonly text: string
  readonly at: Cut
  /** At most `searchLimits.max`; `searchLimits.default` when absent. */
  readonly limit?: number
}

export const searchLimits = { default: 20, max: 50 } as const

/**
 * The audit: every change, in release order, of the releases the cut admits, with the value
 * before and after, and the corrections of those entries. Of one entity (and every entity
 * identified with it at the cut), one fact of it, one claim, or the whole universe; optionally
 * only some kinds of change (`revised`: the revision audit).
 */
export interface HistoryQuery {
  readonly at: Cut
  readonly entity?: string
  readonly predicate?: string
  readonly claim?: string
  readonly changes?: ReadonlyArray<AuditChangeKind>
  readonly page: PageRequest
}

/** What changed from one release cut to a later one, at one policy and ledger position. */
export interface DiffQuery {
  readonly from: ReleaseCut
  readonly to: ReleaseCut
  readonly policy: CanonPolicy
  readonly ledgerPosition?: bigint
  readonly entity?: string
  readonly page: PageRequest
}

export interface TimelineQuery {
  readonly at: Cut
  /** Only this entity's facts (and those of entities identified with it). */
  readonly entity?: string
  readonly page: PageRequest
}

export interface ReleasesQuery {
  /** The policy picks tiers: a catalog of every tier takes `allSources`. */
  readonly at: Cut
  /** Only this series (case-insensitive). */
  readonly series?: string
  readonly page: PageRequest
}
