import * as t from 'io-ts'
import { ClaimId, CorrectionId, NonEmptyText, ReleaseId } from './ids'
import { IsoDate } from './calendarDate'
import { Value } from './value'
import { Validity } from './change'
import { InUniverseTime } from './inUniverseTime'
import { RegionalDate } from './release'

/**
 * Editorial corrections of the ledger's own entries (a typo, a wrong date, a bogus row).
 * They never rewrite history: each is a new event, applied on read to the entry it names,
 * for every cut whose ledger position admits it. The audit shows the entry and the fix.
 */
export const ReleaseFieldsFix = t.readonly(
  t.partial({
    title: NonEmptyText,
    series: NonEmptyText,
    date: IsoDate,
    sequence: t.Int,
    season: t.Int,
    episode: t.Int,
    stardate: InUniverseTime,
    /** Replaces the regional first releases the entry records (an empty list: none). */
    regionalDates: t.readonlyArray(RegionalDate),
    dateNote: NonEmptyText,
    note: NonEmptyText,
  }),
)
export type ReleaseFieldsFix = t.TypeOf<typeof ReleaseFieldsFix>

export const ReleaseEntryFixed = t.readonly(
  t.type({ _tag: t.literal('ReleaseEntryFixed'), release: ReleaseId, set: ReleaseFieldsFix }),
)
export const ReleaseEntryWithdrawn = t.readonly(
  t.type({ _tag: t.literal('ReleaseEntryWithdrawn'), release: ReleaseId }),
)

export const ChangeFieldsFix = t.readonly(
  t.partial({ value: Value, quote: NonEmptyText, note: NonEmptyText, valid: Validity }),
)
export type ChangeFieldsFix = t.TypeOf<typeof ChangeFieldsFix>

/** Fixes the change that `release` made to `claim`. */
export const ChangeEntryFixed = t.readonly(
  t.type({
    _tag: t.literal('ChangeEntryFixed'),
    release: ReleaseId,
    claim: ClaimId,
    set: ChangeFieldsFix,
  }),
)

export const CorrectionTarget = t.union([
  ReleaseEntryFixed,
  ReleaseEntryWithdrawn,
  ChangeEntryFixed,
])
export type CorrectionTarget = t.TypeOf<typeof CorrectionTarget>

export const Correction = t.readonly(
  t.type({ id: CorrectionId, target: CorrectionTarget, reason: NonEmptyText }),
)
export type Correction = t.TypeOf<typeof Correction>
