import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Command, RecordRelease } from '../domain/commands'
import { ordRelease } from '../domain/release'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { execute } from './ledger'
import type { AuthoringFile } from './authoring/decodeAuthoring'
import { decodeAuthoring } from './authoring/decodeAuthoring'

export type { AuthoringFile }

/** What one file contributed: new entries, and entries already in the ledger as written. */
export interface FileCount {
  readonly source: string
  readonly appended: number
  readonly unchanged: number
}

export interface AppendReport {
  readonly files: ReadonlyArray<FileCount>
  /** The ledger positions of the appended events, first and last (none when nothing was new). */
  readonly positions?: { readonly first: bigint; readonly last: bigint }
}

/** What an append may accept: releases and corrections, or corrections only (`canon correct`). */
export type AppendMode = 'all' | 'corrections-only'

interface Sourced {
  readonly command: Command
  readonly source: string
}

const keyOf = (command: Command): string =>
  command._tag === 'RecordRelease'
    ? `release:${command.release.id}`
    : `correction:${command.correction.id}`

/** Authoring files decoded into the commands they hold, in the order they are appended. */
export interface DecodedFiles {
  readonly sources: ReadonlyArray<string>
  readonly commands: ReadonlyArray<Sourced>
}

/**
 * Every file decodes, or the problems of every invalid file are reported together. Needs no
 * store: a shell decodes before it opens one, so bad input never creates a ledger.
 */
export const decodeFiles = (
  files: ReadonlyArray<AuthoringFile>,
  mode: AppendMode = 'all',
): E.Either<ReadonlyArray<AppError>, DecodedFiles> => {
  const problems: AppError[] = []
  const releases: Array<{ readonly command: RecordRelease; readonly source: string }> = []
  const corrections: Sourced[] = []
  for (const file of files) {
    const decoded = decodeAuthoring(file)
    if (E.isLeft(decoded)) {
      problems.push(decoded.left)
      continue
    }
    if (mode === 'corrections-only' && decoded.right.releases.length > 0) {
      problems.push({
        _tag: 'InvalidInput',
        source: file.source,
        problems: [
          `at releases: 'canon correct' records corrections only; append releases with 'canon append'`,
        ],
      })
      continue
    }
    for (const command of decoded.right.releases) releases.push({ command, source: file.source })
    for (const command of decoded.right.corrections)
      corrections.push({ command, source: file.source })
  }
  if (problems.length > 0) return E.left(problems)
  // Releases go in release order, so files may be given in any order (an entity is introduced
  // before a later release refers to it); corrections follow, as they act on entries.
  const ordered = [...releases].sort((a, b) =>
    ordRelease.compare(a.command.release, b.command.release),
  )
  return E.right({ sources: files.map((f) => f.source), commands: [...ordered, ...corrections] })
}

/**
 * The write use case behind `canon append` and `canon correct`. The shell has read the files;
 * all are decoded before anything is decided, and all commands are appended in ONE atomic
 * append: an invalid file or a refused command leaves the ledger unchanged.
 */
export const appendFiles = (
  deps: LedgerDeps,
  files: ReadonlyArray<AuthoringFile>,
  mode: AppendMode = 'all',
): TE.TaskEither<ReadonlyArray<AppError>, AppendReport> =>
  pipe(
    TE.fromEither(decodeFiles(files, mode)),
    TE.flatMap((decoded) => appendDecoded(deps, decoded)),
  )

/** Appends what `decodeFiles` gave, in ONE atomic append, and counts it per file. */
export const appendDecoded = (
  deps: LedgerDeps,
  { sources, commands }: DecodedFiles,
): TE.TaskEither<ReadonlyArray<AppError>, AppendReport> =>
  pipe(
    execute(deps, commands),
    TE.mapError((e): ReadonlyArray<AppError> => [e]),
    TE.map((outcome): AppendReport => {
      // Each command gives one event or none; an appended key is consumed once, so a
      // release written twice in one batch counts as appended once and unchanged once.
      const pending = new Map<string, number>()
      for (const r of outcome.appended) {
        const key =
          r.event._tag === 'ReleaseRecorded'
            ? `release:${r.event.release.id}`
            : `correction:${r.event.correction.id}`
        pending.set(key, (pending.get(key) ?? 0) + 1)
      }
      const counts = new Map<string, { appended: number; unchanged: number }>(
        sources.map((source) => [source, { appended: 0, unchanged: 0 }]),
      )
      for (const { command, source } of commands) {
        const count = counts.get(source) ?? { appended: 0, unchanged: 0 }
        const key = keyOf(command)
        const left = pending.get(key) ?? 0
        if (left > 0) {
          pending.set(key, left - 1)
          count.appended += 1
        } else count.unchanged += 1
        counts.set(source, count)
      }
      const first = outcome.appended[0]
      const last = outcome.appended[outcome.appended.length - 1]
      return {
        files: [...counts.entries()].map(([source, c]) => ({ source, ...c })),
        ...(first === undefined || last === undefined
          ? {}
          : { positions: { first: first.position, last: last.position } }),
      }
    }),
  )
