import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../errors'
import type { AuthoringContent } from './fileCodec'
import { authoringFileCodec } from './fileCodec'
import { authoringProblems } from './problems'
import { parseYamlSafely } from './safeYaml'

/** One authoring file's text, as the shell read it. */
export interface AuthoringFile {
  readonly source: string
  readonly text: string
}

const emptyFile = 'the file is empty: expected `releases:`, `corrections:` or a release mapping'

/** Parses and decodes one authoring file; every problem names the file and a path in it. */
export const decodeAuthoring = (file: AuthoringFile): E.Either<AppError, AuthoringContent> =>
  pipe(
    parseYamlSafely(file.text),
    // A file with nothing but comments parses to null: say it is empty, not "found null".
    E.flatMap((value) =>
      value === null || value === undefined
        ? E.left<ReadonlyArray<string>, unknown>([emptyFile])
        : E.right(value),
    ),
    // Either has no `mapError` in fp-ts 2.16; `mapLeft` is its name there.
    E.flatMap((value) => pipe(authoringFileCodec.decode(value), E.mapLeft(authoringProblems))),
    E.mapLeft((problems): AppError => ({ _tag: 'InvalidInput', source: file.source, problems })),
  )
