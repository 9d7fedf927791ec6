import type { EntityId } from '../../src/domain/ids'
import type { Validity } from '../../src/domain/change'
import { formatInUniverseTime } from '../../src/domain/inUniverseTime'
import type { Value } from '../../src/domain/value'
import { formatValue } from '../../src/domain/value'
import type { EntityRefAnswer, ValidityAnswer, ValueAnswer, ValueJson } from '../port/answers'
import { hiddenEntityName } from '../port/answers'
import type { Naming } from './naming'

/** An entity as a reference: its name at the cut, or nothing of it if the cut does not admit it. */
export const entityRef = (naming: Naming, id: EntityId): EntityRefAnswer => {
  const name = naming.nameOf(id)
  return name === undefined ? { id: '', name: hiddenEntityName } : { id, name }
}

const valueJson = (naming: Naming, value: Value): ValueJson => {
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
      const name = naming.nameOf(value.entity)
      if (name === undefined) return { _tag: 'EntityRef', entity: null, name: hiddenEntityName }
      const root = naming.rootOf(value.entity)
      const rootName = root === value.entity ? undefined : naming.nameOf(root)
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
      return { _tag: 'List', items: value.items.map((item) => valueJson(naming, item)) }
    default: {
      const never: never = value
      return never
    }
  }
}

export const renderValue = (naming: Naming, value: Value): ValueAnswer => ({
  text: formatValue(value, (id) => naming.nameOf(id) ?? hiddenEntityName),
  value: valueJson(naming, value),
})

export const renderValidity = (valid: Validity): ValidityAnswer => ({
  ...(valid.from === undefined ? {} : { from: formatInUniverseTime(valid.from) }),
  ...(valid.until === undefined ? {} : { until: formatInUniverseTime(valid.until) }),
  ...(valid.note === undefined ? {} : { note: valid.note }),
})
