import * as t from 'io-ts'
import { EntityId, NonEmptyText } from './ids'
import { InUniverseTime, formatInUniverseTime } from './inUniverseTime'

/** What a claim says. Quantities keep how exact they are: "over 92,000" is `at-least`. */
export const Qualifier = t.keyof({ exact: null, 'at-least': null, about: null, 'at-most': null })
export type Qualifier = t.TypeOf<typeof Qualifier>

const FiniteNumber = t.refinement(t.number, Number.isFinite, 'FiniteNumber')

export const TextValue = t.readonly(t.type({ _tag: t.literal('Text'), text: NonEmptyText }))
export const QuantityValue = t.readonly(
  t.intersection([
    t.type({ _tag: t.literal('Quantity'), amount: FiniteNumber, qualifier: Qualifier }),
    t.partial({ unit: NonEmptyText }),
  ]),
)
export const EntityRefValue = t.readonly(t.type({ _tag: t.literal('EntityRef'), entity: EntityId }))
export const TimeValue = t.readonly(t.type({ _tag: t.literal('Time'), time: InUniverseTime }))

export const ScalarValue = t.union([TextValue, QuantityValue, EntityRefValue, TimeValue])
export type ScalarValue = t.TypeOf<typeof ScalarValue>

export const ListValue = t.readonly(
  t.type({ _tag: t.literal('List'), items: t.readonlyArray(ScalarValue) }),
)

export const Value = t.union([TextValue, QuantityValue, EntityRefValue, TimeValue, ListValue])
export type Value = t.TypeOf<typeof Value>

/** Every entity a value refers to (spoiler safety and reference checks need them). */
export const entitiesOfValue = (value: Value): ReadonlyArray<EntityId> => {
  switch (value._tag) {
    case 'EntityRef':
      return [value.entity]
    case 'List':
      return value.items.flatMap(entitiesOfValue)
    case 'Text':
    case 'Quantity':
    case 'Time':
      return []
    default: {
      const never: never = value
      return never
    }
  }
}

/** Every in-universe time a value holds (the timeline places a fact at each). */
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

const qualifierWords: Record<Qualifier, string> = {
  exact: '',
  'at-least': 'over ',
  about: 'about ',
  'at-most': 'at most ',
}

/**
 * A value as a reader would say it. Entity references are named through `nameOf`, so a
 * caller at a cut can only ever show names that the cut admits.
 */
export const formatValue = (value: Value, nameOf: (id: EntityId) => string): string => {
  switch (value._tag) {
    case 'Text':
      return value.text
    case 'Quantity':
      return `${qualifierWords[value.qualifier]}${value.amount.toLocaleString('en-US')}${
        value.unit === undefined ? '' : ` ${value.unit}`
      }`
    case 'EntityRef':
      return nameOf(value.entity)
    case 'Time':
      return formatInUniverseTime(value.time)
    case 'List':
      return value.items.map((item) => formatValue(item, nameOf)).join('; ')
    default: {
      const never: never = value
      return never
    }
  }
}
