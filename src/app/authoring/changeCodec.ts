import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { ClaimId, EntityId, NonEmptyText, Predicate } from '../../domain/ids'
import type { Account, Change, Validity } from '../../domain/change'
import { RevisionKind } from '../../domain/change'
import { strictStruct, verbatim } from './strict'
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

/** One speaker, or a list of them. */
const speakers = new t.Type<ReadonlyArray<EntityId>, unknown>(
  'a speaker (an entity id) or a list of them',
  (_u): _u is ReadonlyArray<EntityId> => false,
  (u, c) =>
    Array.isArray(u)
      ? u.length === 0
        ? t.failure(u, c, 'a speaker (an entity id) or a non-empty list of them')
        : t.readonlyArray(EntityId).validate(u, c)
      : E.map((id: EntityId): ReadonlyArray<EntityId> => [id])(EntityId.validate(u, c)),
  (a) => a,
)

/** `saidBy:` or `believedBy:` on a stating change: an in-universe account, not the story's truth. */
const attribution = { saidBy: speakers, believedBy: speakers }

type Attribution = {
  readonly saidBy?: ReadonlyArray<EntityId>
  readonly believedBy?: ReadonlyArray<EntityId>
}

/** The account a change's `saidBy:` or `believedBy:` gives (not both), as the domain keeps it. */
const accountOf = <A extends Attribution>(
  form: A,
  u: unknown,
  c: t.Context,
): t.Validation<Omit<A, 'saidBy' | 'believedBy'> & { readonly account?: Account }> => {
  const { saidBy, believedBy, ...rest } = form
  if (saidBy !== undefined && believedBy !== undefined)
    return t.failure(
      u,
      t.appendContext(c, 'believedBy', t.unknown, believedBy),
      `${verbatim}an account is either said (saidBy:) or believed (believedBy:), not both`,
    )
  const account: Account | undefined =
    saidBy !== undefined
      ? { by: saidBy, as: 'said' }
      : believedBy !== undefined
        ? { by: believedBy, as: 'believed' }
        : undefined
  return t.success({ ...rest, ...(account === undefined ? {} : { account }) })
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
    { valid: validityCodec, ...provenance, ...attribution },
  ),
  confirm: strictStruct(
    'a confirm change',
    { confirm: ClaimId },
    { ...provenance, ...attribution },
  ),
  revise: strictStruct(
    'a revise change',
    { revise: ClaimId, kind: RevisionKind, value: valueCodec },
    { valid: validityCodec, settles: t.readonlyArray(ClaimId), ...provenance, ...attribution },
  ),
  becomes: strictStruct(
    'a becomes change (in the story, the fact takes a new value)',
    { becomes: ClaimId, value: valueCodec },
    { from: timeCodec, when: NonEmptyText, ...provenance, ...attribution },
  ),
  ends: strictStruct(
    'an ends change (in the story, the fact no longer holds)',
    { ends: ClaimId },
    { from: timeCodec, when: NonEmptyText, ...provenance, ...attribution },
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
      return pipe(
        forms.assert.validate(u, c),
        E.flatMap((form) => accountOf(form, u, c)),
        E.map(({ assert, ...rest }): Change =>
          defined({ _tag: 'Asserted', claim: assert, ...rest }),
        ),
      )
    case 'confirm':
      return pipe(
        forms.confirm.validate(u, c),
        E.flatMap((form) => accountOf(form, u, c)),
        E.map(({ confirm, ...rest }): Change =>
          defined({ _tag: 'Confirmed', claim: confirm, ...rest }),
        ),
      )
    case 'revise':
      return pipe(
        forms.revise.validate(u, c),
        E.flatMap((form) => accountOf(form, u, c)),
        E.map(({ revise, ...rest }): Change =>
          defined({ _tag: 'Revised', claim: revise, ...rest }),
        ),
      )
    case 'becomes':
      return pipe(
        forms.becomes.validate(u, c),
        E.flatMap((form) => accountOf(form, u, c)),
        E.map(({ becomes, ...rest }): Change =>
          defined({ _tag: 'StoryChanged', claim: becomes, ...rest }),
        ),
      )
    case 'ends':
      return pipe(
        forms.ends.validate(u, c),
        E.flatMap((form) => accountOf(form, u, c)),
        E.map(({ ends, ...rest }): Change =>
          defined({ _tag: 'StoryChanged', claim: ends, ...rest }),
        ),
      )
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
