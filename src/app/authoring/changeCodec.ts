import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { ClaimId, EntityId, NonEmptyText, Predicate } from '../../domain/ids'
import type { Change, Validity } from '../../domain/change'
import { RevisionKind } from '../../domain/change'
import { strictStruct } from './strict'
import { timeCodec, valueCodec } from './valueCodec'

/** In-universe validity as written: `{ from, until, note }`, each optional. */
export const validityCodec: t.Type<Validity, unknown> = strictStruct(
  'a validity',
  {},
  { from: timeCodec, until: timeCodec, note: NonEmptyText },
)

const provenance = {
  quote: NonEmptyText,
  note: NonEmptyText,
  exactReleaseUnknownWithin: NonEmptyText,
}

/** Keeps only the keys that are set, so the stored event has no `undefined` holes. */
const defined = <A extends Record<string, unknown>>(a: A): A =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as A

/** One form per verb; the verb key names the change and carries its target id. */
const forms = {
  introduce: strictStruct(
    'an introduce change',
    { introduce: EntityId, name: NonEmptyText },
    { aliases: t.readonlyArray(NonEmptyText), note: NonEmptyText },
  ),
  appear: strictStruct(
    'an appear change',
    { appear: EntityId, name: NonEmptyText },
    { aliases: t.readonlyArray(NonEmptyText), note: NonEmptyText },
  ),
  alias: strictStruct(
    'an alias change',
    { alias: EntityId, as: NonEmptyText },
    { note: NonEmptyText },
  ),
  assert: strictStruct(
    'an assert change',
    { assert: ClaimId, subject: EntityId, predicate: Predicate, value: valueCodec },
    { valid: validityCodec, ...provenance },
  ),
  confirm: strictStruct('a confirm change', { confirm: ClaimId }, provenance),
  revise: strictStruct(
    'a revise change',
    { revise: ClaimId, kind: RevisionKind, value: valueCodec },
    { valid: validityCodec, settles: t.readonlyArray(ClaimId), ...provenance },
  ),
  retract: strictStruct('a retract change', { retract: ClaimId }, provenance),
  identify: strictStruct(
    'an identify change',
    { identify: EntityId, sameAs: EntityId },
    provenance,
  ),
} as const

type Verb = keyof typeof forms
const verbs = Object.keys(forms) as ReadonlyArray<Verb>

const toChange = (verb: Verb, u: unknown, c: t.Context): t.Validation<Change> => {
  switch (verb) {
    case 'introduce':
      return E.map(({ introduce, ...rest }: t.TypeOf<typeof forms.introduce>): Change =>
        defined({ _tag: 'Introduced', entity: introduce, ...rest }),
      )(forms.introduce.validate(u, c))
    case 'appear':
      return E.map(({ appear, ...rest }: t.TypeOf<typeof forms.appear>): Change =>
        defined({ _tag: 'Appeared', entity: appear, ...rest }),
      )(forms.appear.validate(u, c))
    case 'alias':
      return E.map((v: t.TypeOf<typeof forms.alias>): Change =>
        defined({ _tag: 'Aliased', entity: v.alias, alias: v.as, note: v.note }),
      )(forms.alias.validate(u, c))
    case 'assert':
      return E.map(({ assert, ...rest }: t.TypeOf<typeof forms.assert>): Change =>
        defined({ _tag: 'Asserted', claim: assert, ...rest }),
      )(forms.assert.validate(u, c))
    case 'confirm':
      return E.map(({ confirm, ...rest }: t.TypeOf<typeof forms.confirm>): Change =>
        defined({ _tag: 'Confirmed', claim: confirm, ...rest }),
      )(forms.confirm.validate(u, c))
    case 'revise':
      return E.map(({ revise, ...rest }: t.TypeOf<typeof forms.revise>): Change =>
        defined({ _tag: 'Revised', claim: revise, ...rest }),
      )(forms.revise.validate(u, c))
    case 'retract':
      return E.map(({ retract, ...rest }: t.TypeOf<typeof forms.retract>): Change =>
        defined({ _tag: 'Retracted', claim: retract, ...rest }),
      )(forms.retract.validate(u, c))
    case 'identify':
      return E.map(({ identify, ...rest }: t.TypeOf<typeof forms.identify>): Change =>
        defined({ _tag: 'Identified', entity: identify, ...rest }),
      )(forms.identify.validate(u, c))
    default: {
      const never: never = verb
      return never
    }
  }
}

const changeHelp = `a change: a mapping with exactly one of ${verbs.join(', ')}`

/** One change as written, dispatched on its verb key, decoded to the domain's `Change`. */
export const changeCodec = new t.Type<Change, unknown>(
  'a change',
  (_u): _u is Change => false,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, changeHelp)
    const present = verbs.filter((v) => v in u && Object.prototype.hasOwnProperty.call(u, v))
    const verb = present[0]
    if (present.length !== 1 || verb === undefined)
      return t.failure(
        u,
        c,
        present.length === 0 ? changeHelp : `${changeHelp} (found ${present.join(' and ')})`,
      )
    return toChange(verb, u, c)
  },
  (a) => a,
)
