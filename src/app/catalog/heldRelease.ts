import { canonicalJson } from '../../domain/json'
import { formatInUniverseTime } from '../../domain/inUniverseTime'
import type { Release } from '../../domain/release'
import { byRegion } from './regionalDates'

/**
 * How a release an episode list gives compares with the release the ledger already holds under
 * its id (as corrected). Only what a list can give is compared: an authoring file's release
 * also carries changes and notes, which are the ledger's own. So the arc's `pic-s1e01`, with
 * its changes, is the list's `pic-s1e01` when title, series, kind, dates and numbers agree.
 */
export type Agreement =
  | { readonly _tag: 'Same' }
  /** Everything else agrees; the regional dates, which a correction cannot set, do not. */
  | { readonly _tag: 'RegionalDatesDiffer'; readonly held: string; readonly listed: string }
  | { readonly _tag: 'Differs'; readonly fields: ReadonlyArray<string> }

const listedFields = [
  'title',
  'series',
  'kind',
  'date',
  'sequence',
  'season',
  'episode',
  'stardate',
] as const

const shown = (field: (typeof listedFields)[number], r: Release): string => {
  if (field === 'stardate')
    return r.stardate === undefined ? 'none' : `'${formatInUniverseTime(r.stardate)}'`
  const v = r[field]
  return v === undefined ? 'none' : `'${String(v)}'`
}

const regionalText = (r: Release): string => {
  const dates = byRegion(r.regionalDates ?? [])
  return dates.length === 0 ? 'none' : dates.map((d) => `${d.region} ${d.date}`).join(', ')
}

export const compareWithHeld = (listed: Release, held: Release): Agreement => {
  const fields = listedFields
    .filter((f) => canonicalJson(listed[f]) !== canonicalJson(held[f]))
    .map((f) => `${f}: the ledger has ${shown(f, held)}, the list ${shown(f, listed)}`)
  if (fields.length > 0) return { _tag: 'Differs', fields }
  const [heldDates, listedDates] = [regionalText(held), regionalText(listed)]
  return heldDates === listedDates
    ? { _tag: 'Same' }
    : { _tag: 'RegionalDatesDiffer', held: heldDates, listed: listedDates }
}
