import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { EntityId, NonEmptyText } from '../../domain/ids'
import type { InUniverseTime } from '../../domain/inUniverseTime'
import { parseEraTime, parseInUniverseTime } from '../../domain/inUniverseTime'
import type { Qualifier, ScalarValue, Value } from '../../domain/value'
import { strictStruct } from './strict'

const FiniteNumber = t.refinement(t.number, Number.isFinite, 'a finite number')

const timeHelp =
  'an in-universe time: a year (2385), "2385-04", "2385-04-05", "stardate 41153.7", or a year of an era calendar the universe declares ("32 BBY", "283 AC")'

/**
 * In-universe time as written: a bare year, a partial or full date, a stardate string, or a
 * year of an era ("32 BBY"). An era time is decoded as written (its era and year); the ledger
 * checks it against the universe's calendars when it records it.
 */
export const timeCodec = new t.Type<InUniverseTime, unknown>(
  'InUniverseTime',
  (_u): _u is InUniverseTime => false,
  (u, c) => {
    if (typeof u === 'number' && Number.isInteger(u))
      return t.success({ _tag: 'Calendar', year: u as t.Int })
    if (typeof u !== 'string') return t.failure(u, c, timeHelp)
    const era = parseEraTime(u)
    if (O.isSome(era))
      return t.success({ _tag: 'Era', era: era.value.era, year: era.value.year } as InUniverseTime)
    return O.match(
      () => t.failure<InUniverseTime>(u, c, timeHelp),
      (time: InUniverseTime) => t.success(time),
    )(parseInUniverseTime(u))
  },
  (a) => a,
)

/** A release's `stardate:` may be a bare number (a stardate) or any in-universe time string. */
export const stardateCodec = new t.Type<InUniverseTime, unknown>(
  'stardate',
  (_u): _u is InUniverseTime => false,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u)
      ? t.success({ _tag: 'Stardate', stardate: u })
      : timeCodec.validate(u, c),
  (a) => a,
)

const quantityKeys: Record<string, Qualifier> = {
  exact: 'exact',
  atLeast: 'at-least',
  about: 'about',
  atMost: 'at-most',
}
const formKeys = ['text', ...Object.keys(quantityKeys), 'entity', 'date', 'stardate', 'list']

const valueHelp =
  'a value: text, a number, { exact|atLeast|about|atMost: n, unit: u }, { entity: kind/slug }, { date: "2385-04-05" } (or "32 BBY"), { stardate: n }, { text: "..." } or { list: [...] }'

const quantity = (key: string) =>
  strictStruct(`a quantity`, { [key]: FiniteNumber }, { unit: NonEmptyText })

const decodeForm = (
  u: Record<string, unknown>,
  form: string,
  c: t.Context,
  allowList: boolean,
): t.Validation<Value> => {
  const qualifier = quantityKeys[form]
  if (qualifier !== undefined)
    return E.map((q: Record<string, unknown>): Value => {
      const unit = q['unit'] as NonEmptyText | undefined
      return {
        _tag: 'Quantity',
        amount: q[form] as number,
        qualifier,
        ...(unit === undefined ? {} : { unit }),
      }
    })(quantity(form).validate(u, c))
  switch (form) {
    case 'text':
      return E.map((v: { text: NonEmptyText }): Value => ({ _tag: 'Text', text: v.text }))(
        strictStruct('a text value', { text: NonEmptyText }, {}).validate(u, c),
      )
    case 'entity':
      return E.map((v: { entity: EntityId }): Value => ({ _tag: 'EntityRef', entity: v.entity }))(
        strictStruct('an entity value', { entity: EntityId }, {}).validate(u, c),
      )
    case 'date':
      return E.map((v: { date: InUniverseTime }): Value => ({ _tag: 'Time', time: v.date }))(
        strictStruct('a date value', { date: timeCodec }, {}).validate(u, c),
      )
    case 'stardate':
      return E.map((v: { stardate: number }): Value => ({
        _tag: 'Time',
        time: { _tag: 'Stardate', stardate: v.stardate },
      }))(strictStruct('a stardate value', { stardate: FiniteNumber }, {}).validate(u, c))
    case 'list':
      if (!allowList) return t.failure(u, c, 'a single value (lists do not nest)')
      return E.map((v: { list: ReadonlyArray<Value> }): Value => ({
        _tag: 'List',
        items: v.list as ReadonlyArray<ScalarValue>,
      }))(
        strictStruct('a list value', { list: t.readonlyArray(scalarValueCodec) }, {}).validate(
          u,
          c,
        ),
      )
    default:
      return t.failure(u, c, valueHelp)
  }
}

const makeValueCodec = (name: string, allowList: boolean): t.Type<Value, unknown> =>
  new t.Type<Value, unknown>(
    name,
    (_u): _u is Value => false,
    (u, c) => {
      if (typeof u === 'string')
        return E.map((text: NonEmptyText): Value => ({ _tag: 'Text', text }))(
          NonEmptyText.validate(u, c),
        )
      if (typeof u === 'number')
        return Number.isFinite(u)
          ? t.success({ _tag: 'Quantity', amount: u, qualifier: 'exact' })
          : t.failure(u, c, valueHelp)
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, valueHelp)
      const forms = Object.keys(u).filter((k) => formKeys.includes(k))
      const only = forms[0]
      if (forms.length !== 1 || only === undefined) return t.failure(u, c, valueHelp)
      return decodeForm(u as Record<string, unknown>, only, c, allowList)
    },
    (a) => a,
  )

const scalarValueCodec: t.Type<Value, unknown> = makeValueCodec('a scalar value', false)

/** The human form of a value, decoded to the domain's `Value`. */
export const valueCodec: t.Type<Value, unknown> = makeValueCodec('a value', true)
