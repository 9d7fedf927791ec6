import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { timelineSortKey } from '../../src/domain/inUniverseTime'
import type { Value } from '../../src/domain/value'
import type { TimelineAnchor } from '../port/answers'
import type { LedgerIndex } from './ledgerIndex'
import { tag } from './rowTags'

/**
 * Every moment a claim row can put on the timeline: the times in its value and the bounds of
 * its validity, for the row as recorded and as each correction of its release reads it,
 * sorted by in-universe time then anchor. A timeline page walks this order from its cursor and
 * keeps the moments of the rows that give their claims' current value (or validity) at the
 * cut. Rebuilt when rows or corrections were filed since.
 */
export interface Moments {
  readonly rows: number
  readonly gens: number
  /** Per moment: the row, the generation whose correction it reads (-1: as recorded). */
  readonly row: Int32Array
  readonly variant: Int32Array
  /** Per moment: its anchor (0 valid-from, 1 value, 2 valid-until) and its time. */
  readonly anchor: Int8Array
  /** Per moment: its time's place among the times of its value (0 for validity bounds). */
  readonly item: Int32Array
  readonly times: ReadonlyArray<InUniverseTime>
  /** Per moment: the time's sort key and the anchor, five numbers. */
  readonly keys: Float64Array
}

export const anchors: ReadonlyArray<TimelineAnchor> = ['valid-from', 'value', 'valid-until']

export const timesOfValue = (value: Value): ReadonlyArray<InUniverseTime> => {
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

export const momentsOf = (ix: LedgerIndex): Moments => {
  const known = ix.moments
  if (
    known !== undefined &&
    known.rows === ix.rowRelease.length &&
    known.gens === ix.genRelease.length
  )
    return known
  const found: Array<{
    row: number
    variant: number
    anchor: number
    item: number
    time: InUniverseTime
  }> = []
  const add = (row: number, variant: number, value: number, valid: number) => {
    const v = valid < 0 ? undefined : ix.values.validities.get(valid)
    if (v?.from !== undefined) found.push({ row, variant, anchor: 0, item: 0, time: v.from })
    if (value >= 0)
      timesOfValue(ix.values.value(value)).forEach((time, item) =>
        found.push({ row, variant, anchor: 1, item, time }),
      )
    if (v?.until !== undefined) found.push({ row, variant, anchor: 2, item: 0, time: v.until })
  }
  for (let row = 0; row < ix.rowRelease.length; row++) {
    const t = ix.rowTag.get(row)
    if (t === tag.Asserted || t === tag.Revised)
      add(row, -1, ix.rowValue.get(row), ix.rowValid.get(row))
  }
  for (const [g, payload] of ix.genChanges) {
    const first = ix.releaseFirstRow.get(ix.genRelease.get(g))
    payload.value.forEach((value, i) => {
      if (value >= 0) add(first + i, g, value, payload.valid[i] as number)
    })
  }
  const keyOf = (m: (typeof found)[number]) => [...timelineSortKey(m.time), m.anchor]
  const keyed = found.map((m) => ({ m, key: keyOf(m) }))
  keyed.sort((x, y) => {
    for (let i = 0; i < 5; i++) {
      const d = (x.key[i] as number) - (y.key[i] as number)
      if (d !== 0) return d
    }
    return 0
  })
  const moments: Moments = {
    rows: ix.rowRelease.length,
    gens: ix.genRelease.length,
    row: Int32Array.from(keyed, (x) => x.m.row),
    variant: Int32Array.from(keyed, (x) => x.m.variant),
    anchor: Int8Array.from(keyed, (x) => x.m.anchor),
    item: Int32Array.from(keyed, (x) => x.m.item),
    times: keyed.map((x) => x.m.time),
    keys: Float64Array.from(keyed.flatMap((x) => x.key)),
  }
  ix.moments = moments
  return moments
}
