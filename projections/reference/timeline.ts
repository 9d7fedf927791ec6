import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { timelineSortKey } from '../../src/domain/inUniverseTime'
import type { Value } from '../../src/domain/value'
import type { CanonState, ClaimState } from './canon'
import { canonicalEntity } from './entityView'

import type { TimelineAnchor } from '../port/answers'
import type { SortKey } from '../port/page'
import { compareSortKeys } from '../port/page'

export interface TimelineEntry {
  readonly time: InUniverseTime
  readonly anchor: TimelineAnchor
  /** The entity as it stands at the cut (identified entities under the one that keeps its id). */
  readonly entity: EntityId
  readonly subject: EntityId
  readonly predicate: Predicate
  readonly claim: ClaimId
  /** Its place among the claim's own entries (one claim may date several moments). */
  readonly seq: number
  readonly value: Value
  readonly validityNote?: string
  /** The release that gave the claim its current value. */
  readonly source: ReleaseId
}

const timesOfValue = (value: Value): ReadonlyArray<InUniverseTime> => {
  switch (value._tag) {
    case 'Time':
      return [value.time]
    case 'List':
      return value.items.flatMap(timesOfValue)
    case 'Text':
    case 'Quantity':
    case 'EntityRef':
      return []
    default: {
      const never: never = value
      return never
    }
  }
}

/** The release whose assertion or revision gave the claim its current value. */
export const sourceOfValue = (claim: ClaimState): ReleaseId => {
  const steps = claim.provenance.filter((s) => s.change === 'Asserted' || s.change === 'Revised')
  return (steps[steps.length - 1] ?? claim.provenance[0])?.release ?? ('' as ReleaseId)
}

const anchorOrder: Record<TimelineAnchor, number> = { 'valid-from': 0, value: 1, 'valid-until': 2 }

/** An entry's place in the timeline: in-universe time, anchor, then entity, predicate, claim. */
export const timelineKey = (e: TimelineEntry): SortKey => [
  ...timelineSortKey(e.time),
  anchorOrder[e.anchor],
  e.entity,
  e.predicate,
  e.claim,
  e.seq,
]

/**
 * The in-universe chronology of what is known in a canon state: every live claim about an
 * admitted entity contributes its validity bounds and the times in its value. Ordered by
 * `timelineSortKey`, then by entity, predicate and claim so the order is total.
 */
export const timeline = (state: CanonState): ReadonlyArray<TimelineEntry> => {
  const entries: TimelineEntry[] = []
  for (const claim of state.claims.values()) {
    if (claim.status !== 'live' || !state.entities.has(claim.subject)) continue
    const base = {
      entity: canonicalEntity(state, claim.subject),
      subject: claim.subject,
      predicate: claim.predicate,
      claim: claim.id,
      value: claim.value,
      ...(claim.valid?.note === undefined ? {} : { validityNote: claim.valid.note }),
      source: sourceOfValue(claim),
    }
    const moments: ReadonlyArray<{ time: InUniverseTime; anchor: TimelineAnchor }> = [
      ...(claim.valid?.from === undefined
        ? []
        : [{ time: claim.valid.from, anchor: 'valid-from' as const }]),
      ...timesOfValue(claim.value).map((time) => ({ time, anchor: 'value' as const })),
      ...(claim.valid?.until === undefined
        ? []
        : [{ time: claim.valid.until, anchor: 'valid-until' as const }]),
    ]
    moments.forEach((m, seq) => entries.push({ ...base, ...m, seq }))
  }
  return entries.sort((a, b) => compareSortKeys(timelineKey(a), timelineKey(b)))
}
