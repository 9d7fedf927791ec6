import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { timelineSortKey } from '../../src/domain/inUniverseTime'
import { timesOfValue } from '../../src/domain/value'
import type { TimelineAnchor } from '../port/answers'
import type { SortKey } from '../port/page'
import { anchorOrder } from '../reference/timeline'
import type { LedgerIndex } from './ledgerIndex'
import { tag } from './rowTags'

/**
 * Every place on the timeline a claim row can put its claim, sorted: the times in the row's
 * value (anchor `value`) and the bounds of its validity (`valid-from`, `valid-until`; a change
 * in the story's time also as `story-change`, and so a revision's of a claim the story changes),
 * for the row as recorded and as each correction of its release reads it. Each place is a key
 * of six: the time's `timelineSortKey` (its calendar, a text, as its rank among the calendars
 * named) and the anchor's order. A timeline page walks these from its cursor's key and, at each
 * key, asks the claims placed there for their entries at the cut: every entry a claim has at a
 * cut is at one of its rows' places, so none is missed. Rebuilt when rows or corrections were
 * filed since.
 */
export interface Moments {
  readonly rows: number
  readonly gens: number
  /** Per place: the claim. */
  readonly claim: Int32Array
  /** Per place, `keyWidth` numbers: the key, its calendar as a rank in `calendars`. */
  readonly keys: Float64Array
  /** The calendars of era times, in code-unit order ('' for times of no calendar). */
  readonly calendars: ReadonlyArray<string>
}

export const keyWidth = 6

/** The key of place p, as the timeline's sort keys read (`timelineKey`'s first six). */
export const keyAt = (m: Moments, p: number): SortKey => {
  const k = m.keys
  const at = keyWidth * p
  return [
    k[at] as number,
    m.calendars[k[at + 1] as number] ?? '',
    k[at + 2] as number,
    k[at + 3] as number,
    k[at + 4] as number,
    k[at + 5] as number,
  ]
}

interface Place {
  readonly claim: number
  readonly time: InUniverseTime
  readonly anchor: TimelineAnchor
}

export const momentsOf = (ix: LedgerIndex): Moments => {
  const known = ix.moments
  if (
    known !== undefined &&
    known.rows === ix.rowRelease.length &&
    known.gens === ix.genRelease.length
  )
    return known
  const changedInStory = new Set<number>()
  for (let row = 0; row < ix.rowRelease.length; row++)
    if (ix.rowTag.get(row) === tag.StoryChanged) changedInStory.add(ix.rowA.get(row))
  const found: Place[] = []
  const add = (row: number, value: number, valid: number) => {
    const claim = ix.rowA.get(row)
    const t = ix.rowTag.get(row)
    const v = valid < 0 ? undefined : ix.values.validities.get(valid)
    if (v?.from !== undefined) {
      found.push({ claim, time: v.from, anchor: 'valid-from' })
      if (t === tag.StoryChanged || changedInStory.has(claim))
        found.push({ claim, time: v.from, anchor: 'story-change' })
    }
    if (value >= 0)
      for (const time of timesOfValue(ix.values.value(value)))
        found.push({ claim, time, anchor: 'value' })
    if (v?.until !== undefined) found.push({ claim, time: v.until, anchor: 'valid-until' })
  }
  for (let row = 0; row < ix.rowRelease.length; row++) {
    const t = ix.rowTag.get(row)
    if (t === tag.Asserted || t === tag.Revised || t === tag.StoryChanged)
      add(row, ix.rowValue.get(row), ix.rowValid.get(row))
  }
  for (const [g, payload] of ix.genChanges) {
    const first = ix.releaseFirstRow.get(ix.genRelease.get(g))
    payload.value.forEach((value, i) => add(first + i, value, payload.valid[i] as number))
  }
  const calendars = [...new Set(found.map((f) => timelineSortKey(f.time)[1]))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  const rankOf = new Map(calendars.map((c, i) => [c, i]))
  const keyed = found.map((f) => {
    const [kind, calendar, a, b, c] = timelineSortKey(f.time)
    return {
      claim: f.claim,
      key: [kind, rankOf.get(calendar) ?? 0, a, b, c, anchorOrder[f.anchor]],
    }
  })
  keyed.sort((x, y) => {
    for (let i = 0; i < keyWidth; i++) {
      const d = (x.key[i] as number) - (y.key[i] as number)
      if (d !== 0) return d
    }
    return x.claim - y.claim
  })
  const moments: Moments = {
    rows: ix.rowRelease.length,
    gens: ix.genRelease.length,
    claim: Int32Array.from(keyed, (x) => x.claim),
    keys: Float64Array.from(keyed.flatMap((x) => x.key)),
    calendars,
  }
  ix.moments = moments
  return moments
}
