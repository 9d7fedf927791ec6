import type { ClaimId, EntityId, Predicate, ReleaseId } from '../src/domain/ids'
import type { InUniverseTime } from '../src/domain/inUniverseTime'
import { timelineSortKey } from '../src/domain/inUniverseTime'
import type { Value } from '../src/domain/value'
import type { CanonState, ClaimState } from './canon'
import { canonicalEntity } from './entityView'

/** Where a timeline entry's time comes from. */
export type TimelineAnchor = 'valid-from' | 'valid-until' | 'value'

export interface TimelineEntry {
  readonly time: InUniverseTime
  readonly anchor: TimelineAnchor
  /** The entity as it stands at the cut (identified entities under the one that keeps its id). */
  readonly entity: EntityId
  readonly subject: EntityId
  readonly predicate: Predicate
  readonly claim: ClaimId
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

const compareKeys = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

const anchorOrder: Record<TimelineAnchor, number> = { 'valid-from': 0, value: 1, 'valid-until': 2 }

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
    if (claim.valid?.from !== undefined)
      entries.push({ ...base, time: claim.valid.from, anchor: 'valid-from' })
    for (const time of timesOfValue(claim.value)) entries.push({ ...base, time, anchor: 'value' })
    if (claim.valid?.until !== undefined)
      entries.push({ ...base, time: claim.valid.until, anchor: 'valid-until' })
  }
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  return entries.sort(
    (a, b) =>
      compareKeys(timelineSortKey(a.time), timelineSortKey(b.time)) ||
      anchorOrder[a.anchor] - anchorOrder[b.anchor] ||
      text(a.entity, b.entity) ||
      text(a.predicate, b.predicate) ||
      text(a.claim, b.claim),
  )
}
