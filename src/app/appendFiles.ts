import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Command, RecordRelease } from '../domain/commands'
import { commandKeyOf } from '../domain/commands'
import { entryKeyOf } from '../domain/events'
import type { Place } from '../domain/errors'
import { ordRelease } from '../domain/release'
import type { AppError } from './errors'
import type { LedgerDeps, Sourced } from './ledger'
import { execute } from './ledger'
import type { AuthoringFile } from './authoring/decodeAuthoring'
import { decodeAuthoring } from './authoring/decodeAuthoring'
import type { AuthoringContent, FilePath } from './authoring/fileCodec'
import { authoredField } from './authoring/authoredPath'
import type { Locator } from './decodeProblems'
import { pathText, where } from './decodeProblems'

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

type SourcedRelease = Sourced & { readonly command: RecordRelease }

/**
 * The path of a refusal's place inside the entry at `path`: its change, then its field, named
 * as the author wrote them.
 */
const placePath = (path: FilePath, command: Command, at: Place | undefined): FilePath => {
  if (at?.change === undefined) return [...path, ...(at?.field ?? [])]
  const change = command._tag === 'RecordRelease' ? command.changes[at.change - 1] : undefined
  return [...path, 'changes', at.change - 1, ...authoredField(change, at.field ?? [])]
}

/**
 * Every entry a decoded file (or request body) holds, each with where it came from, in the
 * order they are appended: calendars first (a release's era times need them), then releases in
 * release order (an entity is introduced before a later release refers to it, whatever the
 * order of the files), then corrections, which act on entries.
 */
export const sourcedOf = (
  content: AuthoringContent,
  source: string,
  locate?: Locator,
): {
  readonly calendars: ReadonlyArray<Sourced>
  readonly releases: ReadonlyArray<SourcedRelease>
  readonly corrections: ReadonlyArray<Sourced>
} => {
  const whereIn =
    (path: FilePath, command: Command) =>
    (at: Place | undefined): string => {
      const full = placePath(path, command, at)
      return where(pathText(full), locate?.(full))
    }
  return {
    calendars: content.calendars.map((command, i) => ({
      command,
      source,
      where: whereIn(content.paths.calendars[i] ?? [], command),
    })),
    releases: content.releases.map((command, i) => ({
      command,
      source,
      where: whereIn(content.paths.releases[i] ?? [], command),
    })),
    corrections: content.corrections.map((command, i) => ({
      command,
      source,
      where: whereIn(content.paths.corrections[i] ?? [], command),
    })),
  }
}

/** Releases in release order, whatever the order they were written or read in. */
export const inReleaseOrder = (
  releases: ReadonlyArray<SourcedRelease>,
): ReadonlyArray<SourcedRelease> =>
  [...releases].sort((a, b) => ordRelease.compare(a.command.release, b.command.release))

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
  const calendars: Sourced[] = []
  const releases: Array<SourcedRelease> = []
  const corrections: Sourced[] = []
  for (const file of files) {
    const decoded = decodeAuthoring(file)
    if (E.isLeft(decoded)) {
      problems.push(decoded.left)
      continue
    }
    const other = decoded.right.releases.length > 0 ? 'releases' : 'calendars'
    if (
      mode === 'corrections-only' &&
      decoded.right.releases.length + decoded.right.calendars.length > 0
    ) {
      problems.push({
        _tag: 'InvalidInput',
        source: file.source,
        problems: [
          `at ${other}: 'canon correct' records corrections only; append ${other} with 'canon append'`,
        ],
      })
      continue
    }
    const sourced = sourcedOf(decoded.right, file.source, decoded.right.locate)
    calendars.push(...sourced.calendars)
    releases.push(...sourced.releases)
    corrections.push(...sourced.corrections)
  }
  if (problems.length > 0) return E.left(problems)
  return E.right({
    sources: files.map((f) => f.source),
    commands: [...calendars, ...inReleaseOrder(releases), ...corrections],
  })
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
        const key = entryKeyOf(r.event)
        pending.set(key, (pending.get(key) ?? 0) + 1)
      }
      const counts = new Map<string, { appended: number; unchanged: number }>(
        sources.map((source) => [source, { appended: 0, unchanged: 0 }]),
      )
      for (const { command, source } of commands) {
        const count = counts.get(source) ?? { appended: 0, unchanged: 0 }
        const key = commandKeyOf(command)
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
