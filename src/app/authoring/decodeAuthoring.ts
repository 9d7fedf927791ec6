import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../errors'
import type { AuthoringContent } from './fileCodec'
import { authoringFileCodec } from './fileCodec'
import { authoringProblems } from './problems'
import type { Locate } from './safeYaml'
import { parseYamlSafely } from './safeYaml'

/** One authoring file's text, as the shell read it. */
export interface AuthoringFile {
  readonly source: string
  readonly text: string
}

/** A decoded file: what it asks for, and where any place of it sits in its text. */
export interface DecodedAuthoring extends AuthoringContent {
  readonly locate: Locate
}

const emptyFile =
  'the file is empty: expected `releases:`, `corrections:`, `calendars:` or a release mapping'

/**
 * Parses and decodes one authoring file; every problem names the file, the path in it, and
 * the line and column there.
 */
export const decodeAuthoring = (file: AuthoringFile): E.Either<AppError, DecodedAuthoring> =>
  pipe(
    parseYamlSafely(file.text),
    // A file with nothing but comments parses to null: say it is empty, not "found null".
    E.flatMap((parsed) =>
      parsed.value === null || parsed.value === undefined
        ? E.left<ReadonlyArray<string>, typeof parsed>([emptyFile])
        : E.right(parsed),
    ),
    // Either has no `mapError` in fp-ts 2.16; `mapLeft` is its name there.
    E.flatMap(({ value, locate }) =>
      pipe(
        authoringFileCodec.decode(value),
        E.mapLeft((errors) => authoringProblems(errors, locate)),
        E.map((content): DecodedAuthoring => ({ ...content, locate })),
      ),
    ),
    E.mapLeft((problems): AppError => ({ _tag: 'InvalidInput', source: file.source, problems })),
  )
