import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { timelineSortKey } from '../../src/domain/inUniverseTime'
import type { Value } from '../../src/domain/value'
import { timesOfValue } from '../../src/domain/value'
import type { CanonState, ClaimState } from './canon'
import { sourceOfValue } from './canon'
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
  /** A change in the story: the fact `becomes` the value here, or `ends` (the value it held). */
  readonly story?: 'becomes' | 'ends'
  /** The story change's time in words (`when`), if it said one. */
  readonly when?: string
  /** The release that gave the claim its current value (a story change: the one that told it). */
  readonly source: ReleaseId
}

export { sourceOfValue }

export const anchorOrder: Record<TimelineAnchor, number> = {
  'valid-from': 0,
  value: 1,
  'story-change': 2,
  'valid-until': 3,
}

interface Moment {
  readonly time: InUniverseTime
  readonly anchor: TimelineAnchor
  readonly value: Value
  readonly story?: 'becomes' | 'ends'
  readonly when?: string
  readonly source?: ReleaseId
}

/** A stretch of the story's validity bounds, as moments with the value that held. */
const boundsOf = (
  valid: ClaimState['valid'],
  value: Value,
  source?: ReleaseId,
): { readonly from: ReadonlyArray<Moment>; readonly until: ReadonlyArray<Moment> } => ({
  from:
    valid?.from === undefined
      ? []
      : [
          {
            time: valid.from,
            anchor: 'valid-from',
            value,
            ...(source === undefined ? {} : { source }),
          },
        ],
  until:
    valid?.until === undefined
      ? []
      : [
          {
            time: valid.until,
            anchor: 'valid-until',
            value,
            ...(source === undefined ? {} : { source }),
          },
        ],
})

/**
 * A claim's moments in the story: when the fact as first told holds from (with the value it
 * held then), the times its value names, each dated change in the story (`becomes` with the
 * new value, `ends` with the value that stopped holding), and when it holds until.
 */
const momentsOf = (claim: ClaimState): ReadonlyArray<Moment> => {
  const values = timesOfValue(claim.value).map((time): Moment => ({
    time,
    anchor: 'value',
    value: claim.value,
  }))
  const phases = claim.story
  if (phases === undefined) {
    const bounds = boundsOf(claim.valid, claim.value)
    return [...bounds.from, ...values, ...bounds.until]
  }
  let held = claim.value
  const moments: Moment[] = []
  phases.forEach((phase, i) => {
    const value = phase.value ?? held
    if (i === 0) {
      const bounds = boundsOf(phase.valid, value, phase.release)
      moments.push(...bounds.from, ...bounds.until)
    } else {
      if (phase.valid?.from !== undefined)
        moments.push({
          time: phase.valid.from,
          anchor: 'story-change',
          value,
          story: phase.value === undefined ? 'ends' : 'becomes',
          ...(phase.valid.note === undefined ? {} : { when: phase.valid.note }),
          source: phase.release,
        })
      if (phase.valid?.until !== undefined)
        moments.push({
          time: phase.valid.until,
          anchor: 'valid-until',
          value,
          source: phase.release,
        })
    }
    held = value
  })
  return [...moments, ...values]
}

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
 * A live claim's entries on the timeline (`momentsOf`), in its own order, the claim standing
 * under `entity` (the entity its subject is identified into at the cut).
 */
export const claimEntries = (claim: ClaimState, entity: EntityId): TimelineEntry[] => {
  const base = {
    entity,
    subject: claim.subject,
    predicate: claim.predicate,
    claim: claim.id,
    ...(claim.valid?.note === undefined ? {} : { validityNote: claim.valid.note }),
  }
  return momentsOf(claim).map(({ source, ...m }, seq) => ({
    ...base,
    ...m,
    source: source ?? sourceOfValue(claim),
    seq,
  }))
}

/**
 * The in-universe chronology of what is known in a canon state: every live claim about an
 * admitted entity contributes its moments (`momentsOf`). Ordered by `timelineSortKey` (the
 * domain's order of times, across eras and calendars), then by anchor, entity, predicate and
 * claim so the order is total.
 */
export const timeline = (state: CanonState): ReadonlyArray<TimelineEntry> => {
  const entries: TimelineEntry[] = []
  for (const claim of state.claims.values()) {
    if (claim.status !== 'live' || !state.entities.has(claim.subject)) continue
    entries.push(...claimEntries(claim, canonicalEntity(state, claim.subject)))
  }
  return entries.sort((a, b) => compareSortKeys(timelineKey(a), timelineKey(b)))
}
