import * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import type { CorrectEntry, RecordRelease } from '../../domain/commands'
import { strictStruct } from './strict'
import { releaseCodec } from './releaseCodec'
import { correctionCodec } from './correctionCodec'

/** What one authoring file asks for, in the order written. */
export interface AuthoringContent {
  readonly releases: ReadonlyArray<RecordRelease>
  readonly corrections: ReadonlyArray<CorrectEntry>
}

const listsForm = strictStruct(
  'an authoring file',
  {},
  {
    releases: t.readonlyArray(releaseCodec),
    corrections: t.readonlyArray(correctionCodec),
  },
)

const fileHelp =
  'an authoring file: a mapping with `releases:` and/or `corrections:` lists, or a single release mapping (with `id:`)'

/**
 * A file holds `releases:` and/or `corrections:`; a file holding a single release may be
 * that release's mapping at the top level.
 */
export const authoringFileCodec = new t.Type<AuthoringContent, unknown>(
  'an authoring file',
  (_u): _u is AuthoringContent => false,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, fileHelp)
    if ('releases' in u || 'corrections' in u)
      return E.map((v: t.TypeOf<typeof listsForm>): AuthoringContent => ({
        releases: v.releases ?? [],
        corrections: v.corrections ?? [],
      }))(listsForm.validate(u, c))
    if ('id' in u)
      return E.map((release: RecordRelease): AuthoringContent => ({
        releases: [release],
        corrections: [],
      }))(releaseCodec.validate(u, c))
    return t.failure(u, c, fileHelp)
  },
  (a) => a,
)
