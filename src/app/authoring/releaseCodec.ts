import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import { NonEmptyText, ReleaseId } from '../../domain/ids'
import { IsoDate } from '../../domain/calendarDate'
import type { Release } from '../../domain/release'
import { RegionalDate, ReleaseKind } from '../../domain/release'
import type { RecordRelease } from '../../domain/commands'
import { strictStruct } from './strict'
import { stardateCodec } from './valueCodec'
import { changeCodec } from './changeCodec'

const NonNegativeInt = t.refinement(
  t.Int,
  (n) => n >= 0 && n < 1e12,
  'a whole number from 0 (below 10^12)',
)

/** The release fields a human writes; `sequence` may be left to its default. */
export const releaseFields = {
  required: {
    id: ReleaseId,
    title: NonEmptyText,
    series: NonEmptyText,
    kind: ReleaseKind,
    date: IsoDate,
  },
  optional: {
    sequence: NonNegativeInt,
    season: NonNegativeInt,
    episode: NonNegativeInt,
    regionalDates: t.readonlyArray(strictStruct('a regional date', RegionalDate.type.props, {})),
    dateNote: NonEmptyText,
    note: NonEmptyText,
    stardate: stardateCodec,
  },
}

const releaseForm = strictStruct('a release', releaseFields.required, {
  ...releaseFields.optional,
  changes: t.readonlyArray(changeCodec),
})

/**
 * The tie-break within a day: as written, else season*1000+episode (a season dropped at
 * once sorts by episode), else 0.
 */
export const defaultSequence = (season?: number, episode?: number): number =>
  season !== undefined && episode !== undefined ? season * 1000 + episode : 0

/** One release as written, decoded to the command that records it. */
export const releaseCodec = new t.Type<RecordRelease, unknown>(
  'a release',
  (_u): _u is RecordRelease => false,
  (u, c) =>
    E.flatMap(({ changes, ...fields }: t.TypeOf<typeof releaseForm>) => {
      const sequence = fields.sequence ?? defaultSequence(fields.season, fields.episode)
      const release = Object.fromEntries(
        Object.entries({ ...fields, sequence }).filter(([, v]) => v !== undefined),
      ) as Release
      return t.success<RecordRelease>({ _tag: 'RecordRelease', release, changes: changes ?? [] })
    })(releaseForm.validate(u, c)),
  (a) => a,
)
