import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import type { CorrectEntry, DeclareCalendar, RecordRelease } from '../../domain/commands'
import { strictStruct } from './strict'
import { releaseCodec } from './releaseCodec'
import { correctionCodec } from './correctionCodec'
import { calendarCodec } from './calendarCodec'

/** A place in an authoring file: keys and list indexes from its top. */
export type FilePath = ReadonlyArray<string | number>

/** What one authoring file asks for, in the order written, and where each entry sits. */
export interface AuthoringContent {
  readonly releases: ReadonlyArray<RecordRelease>
  readonly corrections: ReadonlyArray<CorrectEntry>
  readonly calendars: ReadonlyArray<DeclareCalendar>
  /** The place of each entry above in the file, list by list. */
  readonly paths: {
    readonly releases: ReadonlyArray<FilePath>
    readonly corrections: ReadonlyArray<FilePath>
    readonly calendars: ReadonlyArray<FilePath>
  }
}

const listsForm = strictStruct(
  'an authoring file',
  {},
  {
    releases: t.readonlyArray(releaseCodec),
    corrections: t.readonlyArray(correctionCodec),
    calendars: t.readonlyArray(calendarCodec),
  },
)

const fileHelp =
  'an authoring file: a mapping with `releases:`, `corrections:` and/or `calendars:` lists, or a single release mapping (with `id:`)'

const indexed = (key: string, n: number): ReadonlyArray<FilePath> =>
  Array.from({ length: n }, (_, i) => [key, i])

/**
 * A file holds `releases:`, `corrections:` and/or `calendars:`; a file holding a single release
 * may be that release's mapping at the top level.
 */
export const authoringFileCodec = new t.Type<AuthoringContent, unknown>(
  'an authoring file',
  (_u): _u is AuthoringContent => false,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, fileHelp)
    if ('releases' in u || 'corrections' in u || 'calendars' in u)
      return E.map((v: t.TypeOf<typeof listsForm>): AuthoringContent => {
        const releases = v.releases ?? []
        const corrections = v.corrections ?? []
        const calendars = v.calendars ?? []
        return {
          releases,
          corrections,
          calendars,
          paths: {
            releases: indexed('releases', releases.length),
            corrections: indexed('corrections', corrections.length),
            calendars: indexed('calendars', calendars.length),
          },
        }
      })(listsForm.validate(u, c))
    if ('id' in u)
      return E.map((release: RecordRelease): AuthoringContent => ({
        releases: [release],
        corrections: [],
        calendars: [],
        paths: { releases: [[]], corrections: [], calendars: [] },
      }))(releaseCodec.validate(u, c))
    return t.failure(u, c, fileHelp)
  },
  (a) => a,
)
