import type { EntityId } from '../domain/ids'
import type { Release, SourceTier } from '../domain/release'
import { tierOf } from '../domain/release'
import type { Validity } from '../domain/change'
import type { InUniverseTime } from '../domain/inUniverseTime'
import { formatInUniverseTime } from '../domain/inUniverseTime'
import type { Qualifier, Value } from '../domain/value'
import { formatValue } from '../domain/value'
import type { CanonPolicy } from '../domain/canonPolicy'
import { formatCanonPolicy } from '../domain/canonPolicy'
import type { ReleaseCut } from '../../projections/cut'
import type { CanonState } from '../../projections/canon'
import { canonicalEntity } from '../../projections/entityView'

/**
 * The answers of the query use cases: plain data, ready for JSON (positions as decimal
 * strings, no Maps, no bigints). Entity references carry the referenced entity's name AT THE
 * CUT; a reference to an entity the cut does not admit is shown without its id or name.
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

/** Where an answer stands on both axes. */
export interface CutAnswer {
  readonly cut: ReleaseCut
  readonly policy: string
  /** The last ledger position read, as a decimal string ("-1" for an empty ledger). */
  readonly ledgerPosition: string
  /** The last release the cut admits under the policy, if any. */
  readonly lastRelease: ReleaseRef | null
  readonly releasesAdmitted: number
}

export const hiddenEntityName = 'an entity not introduced at this cut'

export const releaseRef = (r: Release): ReleaseRef => ({
  id: r.id,
  title: r.title,
  series: r.series,
  kind: r.kind,
  tier: tierOf(r.kind),
  date: r.date,
  sequence: r.sequence,
  ...(r.season === undefined ? {} : { season: r.season }),
  ...(r.episode === undefined ? {} : { episode: r.episode }),
})

/** The entity's own name at the cut, or undefined if the cut does not admit it. */
export const nameAt = (state: CanonState, id: EntityId): string | undefined =>
  state.entities.get(id)?.name

export const renderValue = (state: CanonState, value: Value): ValueAnswer => ({
  text: formatValue(value, (id) => nameAt(state, id) ?? hiddenEntityName),
  value: valueJson(state, value),
})

const valueJson = (state: CanonState, value: Value): ValueJson => {
  switch (value._tag) {
    case 'Text':
      return { _tag: 'Text', text: value.text }
    case 'Quantity':
      return {
        _tag: 'Quantity',
        amount: value.amount,
        qualifier: value.qualifier,
        ...(value.unit === undefined ? {} : { unit: value.unit }),
      }
    case 'EntityRef': {
      const name = nameAt(state, value.entity)
      if (name === undefined) return { _tag: 'EntityRef', entity: null, name: hiddenEntityName }
      const root = canonicalEntity(state, value.entity)
      const rootName = root === value.entity ? undefined : nameAt(state, root)
      return {
        _tag: 'EntityRef',
        entity: value.entity,
        name,
        ...(rootName === undefined ? {} : { identifiedWith: { entity: root, name: rootName } }),
      }
    }
    case 'Time':
      return { _tag: 'Time', time: value.time, text: formatInUniverseTime(value.time) }
    case 'List':
      return { _tag: 'List', items: value.items.map((item) => valueJson(state, item)) }
    default: {
      const never: never = value
      return never
    }
  }
}

export const renderValidity = (valid: Validity): ValidityAnswer => ({
  ...(valid.from === undefined ? {} : { from: formatInUniverseTime(valid.from) }),
  ...(valid.until === undefined ? {} : { until: formatInUniverseTime(valid.until) }),
  ...(valid.note === undefined ? {} : { note: valid.note }),
})

export const cutAnswer = (
  cut: ReleaseCut,
  policy: CanonPolicy,
  ledgerPosition: bigint,
  state: CanonState,
): CutAnswer => {
  const last = state.releases[state.releases.length - 1]
  return {
    cut,
    policy: formatCanonPolicy(policy),
    ledgerPosition: ledgerPosition.toString(),
    lastRelease: last === undefined ? null : releaseRef(last.release),
    releasesAdmitted: state.releases.length,
  }
}
