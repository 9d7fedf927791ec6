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

/** Parses and decodes one authoring file; every problem names the file and a path in it. */
export const decodeAuthoring = (file: AuthoringFile): E.Either<AppError, AuthoringContent> =>
  pipe(
    file.text.trim() === ''
      ? E.left<ReadonlyArray<string>, unknown>([
          'the file is empty: expected `releases:`, `corrections:` or a release mapping',
        ])
      : parseYamlSafely(file.text),
    // Either has no `mapError` in fp-ts 2.16; `mapLeft` is its name there.
    E.flatMap((value) => pipe(authoringFileCodec.decode(value), E.mapLeft(authoringProblems))),
    E.mapLeft((problems): AppError => ({ _tag: 'InvalidInput', source: file.source, problems })),
  )
