import { describe, expect, it } from 'vitest'
import type { EntityId } from '../../../src/domain/ids'
import { entitiesOfValue, formatValue } from '../../../src/domain/value'
import {
  about,
  atLeast,
  atMost,
  exact,
  list,
  ref,
  stardate,
  textValue,
  timeValue,
} from '../../support/builders'

const names: Record<string, string> = { 'person/commodore-oh': 'Commodore Oh' }
const nameOf = (id: EntityId): string => names[id] ?? `(unknown ${id})`

describe('formatValue: a value as a reader would say it', () => {
  it.each([
    ['text', textValue('rogue synths'), 'rogue synths'],
    ['an exact number', exact(20000, 'starships'), '20,000 starships'],
    ['an exact number without unit', exact(92143), '92,143'],
    ['a lower bound', atLeast(92000, 'lives'), 'over 92,000 lives'],
    ['an estimate', about(15, 'years'), 'about 15 years'],
    ['an upper bound', atMost(3), 'at most 3'],
    ['a fraction', exact(1.5, 'hours'), '1.5 hours'],
    ['an entity, by the name the caller gives', ref('person/commodore-oh'), 'Commodore Oh'],
    ['a calendar date', timeValue('2385-04-05'), '2385-04-05'],
    ['a year', timeValue('2385'), '2385'],
    ['a stardate', timeValue(stardate(41153.7)), 'stardate 41153.7'],
    [
      'a list',
      list(ref('person/commodore-oh'), textValue('the Zhat Vash'), exact(2)),
      'Commodore Oh; the Zhat Vash; 2',
    ],
  ])('writes %s', (_what, value, expected) => {
    expect(formatValue(value, nameOf)).toBe(expected)
  })

  it('names entities only through the caller, so a cut decides which names may show', () => {
    const seen: string[] = []
    formatValue(list(ref('person/nedar'), ref('person/commodore-oh')), (id) => {
      seen.push(id)
      return 'someone'
    })
    expect(seen).toEqual(['person/nedar', 'person/commodore-oh'])
  })

  it('lists every entity a value refers to', () => {
    expect(
      entitiesOfValue(list(ref('person/nedar'), textValue('x'), ref('group/zhat-vash'))),
    ).toEqual(['person/nedar', 'group/zhat-vash'])
    expect(entitiesOfValue(atLeast(1))).toEqual([])
  })
})
