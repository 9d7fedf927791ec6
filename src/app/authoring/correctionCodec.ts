import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { ClaimId, CorrectionId, NonEmptyText, ReleaseId } from '../../domain/ids'
import type { CorrectEntry } from '../../domain/commands'
import type { CorrectionTarget } from '../../domain/correction'
import { strictStruct } from './strict'
import { releaseFields } from './releaseCodec'
import { valueCodec } from './valueCodec'
import { validityCodec } from './changeCodec'

const releaseFix = strictStruct(
  'release fields to set',
  {},
  {
    title: releaseFields.required.title,
    series: releaseFields.required.series,
    date: releaseFields.required.date,
    sequence: releaseFields.optional.sequence,
    season: releaseFields.optional.season,
    episode: releaseFields.optional.episode,
    stardate: releaseFields.optional.stardate,
    regionalDates: releaseFields.optional.regionalDates,
    dateNote: NonEmptyText,
    note: NonEmptyText,
  },
)

const changeFix = strictStruct(
  'change fields to set',
  {},
  { value: valueCodec, quote: NonEmptyText, note: NonEmptyText, valid: validityCodec },
)

const correctionForm = strictStruct(
  'a correction',
  { id: CorrectionId, release: ReleaseId, reason: NonEmptyText },
  { set: t.unknown, withdraw: t.literal(true), claim: ClaimId },
)

const correctionHelp =
  "a correction with either `set: {...}` (release fields, or with `claim:` the fields of that claim's change) or `withdraw: true`"

const targetOf = (
  form: t.TypeOf<typeof correctionForm>,
  u: Record<string, unknown>,
  c: t.Context,
): t.Validation<CorrectionTarget> => {
  const set = u['set']
  const at = t.appendContext(c, 'set', t.unknown, set)
  if (form.withdraw === true)
    return set === undefined && form.claim === undefined
      ? t.success({ _tag: 'ReleaseEntryWithdrawn', release: form.release })
      : t.failure(u, c, `${correctionHelp}: a withdrawal takes no set or claim`)
  if (set === undefined) return t.failure(u, c, correctionHelp)
  if (form.claim !== undefined) {
    const claim = form.claim
    return E.map((fix: t.TypeOf<typeof changeFix>): CorrectionTarget => ({
      _tag: 'ChangeEntryFixed',
      release: form.release,
      claim,
      set: fix,
    }))(changeFix.validate(set, at))
  }
  return E.map((fix: t.TypeOf<typeof releaseFix>): CorrectionTarget => ({
    _tag: 'ReleaseEntryFixed',
    release: form.release,
    set: fix,
  }))(releaseFix.validate(set, at))
}

/** One correction as written, decoded to the command that records it. */
export const correctionCodec = new t.Type<CorrectEntry, unknown>(
  'a correction',
  (_u): _u is CorrectEntry => false,
  (u, c) =>
    E.flatMap((form: t.TypeOf<typeof correctionForm>) =>
      E.map((target: CorrectionTarget): CorrectEntry => ({
        _tag: 'CorrectEntry',
        correction: { id: form.id, target, reason: form.reason },
      }))(targetOf(form, u as Record<string, unknown>, c)),
    )(correctionForm.validate(u, c)),
  (a) => a,
)
