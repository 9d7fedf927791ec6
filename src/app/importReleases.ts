import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Command } from '../domain/commands'
import { decide } from '../domain/decide'
import { describeDomainError } from '../domain/errors'
import type { LedgerEvent, Recorded } from '../domain/events'
import { genesisHash, linkOf } from '../domain/hashChain'
import type { LedgerState } from '../domain/state'
import { evolve } from '../domain/state'
import type { AppError } from './errors'
import type { LedgerDeps, Loaded } from './ledger'
import { appendRecorded, loadLedger } from './ledger'
import type { AuthoringFile } from './authoring/decodeAuthoring'
import { decodeAuthoring } from './authoring/decodeAuthoring'
import { parseCsv } from './catalog/csv'
import type { Catalog } from './catalog/catalogRows'
import { interpretCatalog } from './catalog/catalogRows'
import type { CatalogProblem, CatalogProblemKind } from './catalog/problems'
import { countByKind } from './catalog/problems'
import { applyRegionalDates, interpretRegionalDates } from './catalog/regionalDates'
import { compareWithHeld } from './catalog/heldRelease'

/** The episode list's text, as the shell read it. */
export interface CatalogFile {
  readonly source: string
  readonly text: string
}

/** How far an import has got, for a progress bar. */
export type ImportProgress =
  | { readonly phase: 'read'; readonly rows: number; readonly releases: number }
  | { readonly phase: 'decide'; readonly done: number; readonly total: number }
  | { readonly phase: 'append'; readonly events: number }

export interface ImportOptions {
  /** Corrections of the catalog (authoring files holding only `corrections:`), applied after it. */
  readonly corrections?: ReadonlyArray<AuthoringFile>
  /** Regions' first releases that differ from the list's dates (src/app/catalog/regionalDates.ts). */
  readonly regionalDates?: CatalogFile
  readonly onProgress?: (progress: ImportProgress) => void
}

export interface ImportSummary {
  readonly source: string
  /** Data rows in the file. */
  readonly rows: number
  /** Releases the rows give, after repeats are folded and bad rows skipped. */
  readonly releases: number
  /** Releases newly recorded, and releases already in the ledger as the file gives them. */
  readonly appended: number
  readonly unchanged: number
  readonly corrections: { readonly appended: number; readonly unchanged: number }
  readonly problems: ReadonlyArray<CatalogProblem>
  readonly problemsByKind: Readonly<Record<CatalogProblemKind, number>>
  /** The ledger positions of the appended events (none when nothing was new). */
  readonly positions?: { readonly first: bigint; readonly last: bigint }
}

interface Item {
  readonly command: Command
  /** Where the command came from, for a refusal: a CSV file and line, or a correction file. */
  readonly file: string
  readonly line: number
  readonly label: string
}

const unreadable =
  (file: CatalogFile) =>
  (e: { readonly line: number; readonly reason: string }): AppError => ({
    _tag: 'InvalidInput',
    source: file.source,
    problems: [`at line ${e.line}: ${e.reason}`],
  })

/** The list's releases, with the regional dates the regional-dates file gives them. */
const readCatalog = (
  file: CatalogFile,
  regional: CatalogFile | undefined,
): E.Either<AppError, Catalog> =>
  pipe(
    parseCsv(file.text),
    E.flatMap((records) => interpretCatalog(file.source, records)),
    E.mapLeft(unreadable(file)),
    E.flatMap((catalog) =>
      regional === undefined
        ? E.right(catalog)
        : pipe(
            parseCsv(regional.text),
            E.flatMap((records) => interpretRegionalDates(regional.source, records)),
            E.map((rules) => applyRegionalDates(regional.source, catalog, rules)),
            E.mapLeft(unreadable(regional)),
          ),
    ),
  )

/** Correction files hold corrections only: every file decodes, or nothing is imported. */
const readCorrections = (
  files: ReadonlyArray<AuthoringFile>,
): E.Either<AppError, ReadonlyArray<Item>> => {
  const items: Item[] = []
  for (const file of files) {
    const decoded = decodeAuthoring(file)
    if (E.isLeft(decoded)) return decoded
    if (decoded.right.releases.length > 0)
      return E.left({
        _tag: 'InvalidInput',
        source: file.source,
        problems: [
          'at releases: a catalog correction file holds `corrections:` only; append releases with `canon append`',
        ],
      })
    for (const command of decoded.right.corrections)
      items.push({
        command,
        file: file.source,
        line: 0,
        label: `${file.source}: correction '${command.correction.id}'`,
      })
  }
  return E.right(items)
}

interface Decided {
  readonly events: ReadonlyArray<Recorded>
  readonly unchanged: { releases: number; corrections: number }
  /** Refusals, and releases kept as the ledger holds them though the list differs. */
  readonly problems: ReadonlyArray<CatalogProblem>
}

type Outcome =
  | { readonly _tag: 'Events'; readonly events: ReadonlyArray<LedgerEvent> }
  | { readonly _tag: 'Unchanged'; readonly problem?: CatalogProblem }
  | { readonly _tag: 'Refused'; readonly problem: CatalogProblem }

/**
 * Decides one item. A listed release whose id the ledger already holds (an authoring file's
 * release, with its changes, or a release of another list) is compared on what a list gives:
 * if that agrees, it is already recorded; if only its regional dates differ, the ledger's entry
 * stands and the difference is reported; otherwise it is refused, naming the fields.
 */
const decideItem = (item: Item, state: LedgerState): Outcome => {
  const decided = decide(item.command, state)
  if (E.isRight(decided))
    return decided.right.length === 0
      ? { _tag: 'Unchanged' }
      : { _tag: 'Events', events: decided.right }
  const problem = (
    kind: CatalogProblemKind,
    action: CatalogProblem['action'],
    rest: string,
  ): CatalogProblem => ({
    kind,
    file: item.file,
    line: item.line,
    action,
    message: `${item.label}${rest}`,
  })
  const held =
    item.command._tag === 'RecordRelease' && decided.left._tag === 'ReleaseConflict'
      ? state.releases.get(item.command.release.id)
      : undefined
  if (item.command._tag !== 'RecordRelease' || held === undefined || held.withdrawn)
    return {
      _tag: 'Refused',
      problem: problem('refused', 'refused', `: ${describeDomainError(decided.left)}`),
    }
  const agreement = compareWithHeld(item.command.release, held.release)
  switch (agreement._tag) {
    case 'Same':
      return { _tag: 'Unchanged' }
    case 'RegionalDatesDiffer':
      return {
        _tag: 'Unchanged',
        problem: problem(
          'regional-dates-differ',
          'kept',
          ` is already in the ledger as the list gives it, but with regional dates ${agreement.held}, where the list gives ${agreement.listed}: the ledger's entry stands (a correction cannot set regional dates)`,
        ),
      }
    case 'Differs':
      return {
        _tag: 'Refused',
        problem: problem(
          'refused',
          'refused',
          ` is already in the ledger with different content (${agreement.fields.join('; ')}); record a correction instead`,
        ),
      }
    default: {
      const never: never = agreement
      return never
    }
  }
}

/**
 * Decides each command against the ledger as the earlier ones left it. Unlike `execute`, a
 * refused command does not refuse the batch: the import reports it and goes on, so one bad row
 * never keeps the rest of the catalog out. What is accepted is chained and appended at once.
 * It takes ownership of `loaded.state` (evolved in place): each attempt loads a fresh one.
 */
const decideEach = (
  deps: LedgerDeps,
  loaded: Loaded,
  items: ReadonlyArray<Item>,
  onProgress: (progress: ImportProgress) => void,
): Decided => {
  let state = loaded.state
  let prevHash =
    loaded.recorded[loaded.recorded.length - 1]?.hash ?? genesisHash(deps.universe, deps.hash)
  const recordedAt = deps.clock().toISOString()
  const events: Recorded[] = []
  const unchanged = { releases: 0, corrections: 0 }
  const problems: CatalogProblem[] = []
  const every = Math.max(1, Math.floor(items.length / 100))
  items.forEach((item, index) => {
    const decided = decideItem(item, state)
    if (decided._tag === 'Refused') problems.push(decided.problem)
    else if (decided._tag === 'Unchanged') {
      unchanged[item.command._tag === 'RecordRelease' ? 'releases' : 'corrections'] += 1
      if (decided.problem !== undefined) problems.push(decided.problem)
    } else
      for (const event of decided.events) {
        const link = linkOf(event, recordedAt, prevHash, deps.hash)
        const recorded: Recorded = { position: state.nextPosition, recordedAt, ...link, event }
        state = evolve(state, recorded)
        events.push(recorded)
        prevHash = link.hash
      }
    if ((index + 1) % every === 0 || index + 1 === items.length)
      onProgress({ phase: 'decide', done: index + 1, total: items.length })
  })
  return { events, unchanged, problems }
}

const releaseItems = (file: CatalogFile, catalog: Catalog): ReadonlyArray<Item> =>
  catalog.releases.map((r): Item => ({
    command: { _tag: 'RecordRelease', release: r.release, changes: [] },
    file: file.source,
    line: r.lines[0] ?? 0,
    label: `${file.source} line ${r.lines.join('+')}: release '${r.release.id}'`,
  }))

/**
 * How many times to read and decide again when another writer appended between the read and
 * the append. Safe: what they recorded is then seen, and what is the same is a no-op.
 */
const conflictRetries = 5

const summarize = (file: CatalogFile, catalog: Catalog, decided: Decided): ImportSummary => {
  const problems = [...catalog.problems, ...decided.problems]
  const appendedOf = (tag: Recorded['event']['_tag']): number =>
    decided.events.filter((e) => e.event._tag === tag).length
  const first = decided.events[0]
  const last = decided.events[decided.events.length - 1]
  return {
    source: file.source,
    rows: catalog.rows,
    releases: catalog.releases.length,
    appended: appendedOf('ReleaseRecorded'),
    unchanged: decided.unchanged.releases,
    corrections: {
      appended: appendedOf('EntryCorrected'),
      unchanged: decided.unchanged.corrections,
    },
    problems,
    problemsByKind: countByKind(problems),
    ...(first === undefined || last === undefined
      ? {}
      : { positions: { first: first.position, last: last.position } }),
  }
}

/**
 * The use case behind `canon import-releases FILE.csv`: reads the episode list as releases,
 * reports every row it could not take or had to interpret, and appends the new releases, then
 * the catalog's corrections, in one atomic append. Idempotent: a release or correction already
 * recorded with the same content is left as it is, so a second run appends nothing. Only a file
 * that cannot be read at all (or an invalid correction file) refuses the import as a whole. If
 * another writer appends meanwhile, the import reads the ledger again and decides again.
 */
export const importReleases = (
  deps: LedgerDeps,
  file: CatalogFile,
  options: ImportOptions = {},
): TE.TaskEither<AppError, ImportSummary> => {
  const onProgress = options.onProgress ?? ((): void => undefined)
  /** Decides on the ledger as read, appends expecting it unchanged; decides again if it moved. */
  const attempt = (
    catalog: Catalog,
    items: ReadonlyArray<Item>,
    left: number,
  ): TE.TaskEither<AppError, ImportSummary> =>
    pipe(
      loadLedger(deps),
      TE.flatMap((loaded) => {
        const decided = decideEach(deps, loaded, items, onProgress)
        onProgress({ phase: 'append', events: decided.events.length })
        return pipe(
          appendRecorded(deps, BigInt(loaded.recorded.length), decided.events),
          TE.map(() => summarize(file, catalog, decided)),
        )
      }),
      TE.orElse((e) =>
        left > 0 && e._tag === 'Store' && e.error._tag === 'WrongExpectedRevision'
          ? attempt(catalog, items, left - 1)
          : TE.left(e),
      ),
    )
  return pipe(
    TE.fromEither(readCatalog(file, options.regionalDates)),
    TE.tap((catalog) =>
      TE.fromIO(() =>
        onProgress({ phase: 'read', rows: catalog.rows, releases: catalog.releases.length }),
      ),
    ),
    TE.flatMap((catalog) =>
      pipe(
        TE.fromEither(readCorrections(options.corrections ?? [])),
        TE.flatMap((corrections) =>
          attempt(catalog, [...releaseItems(file, catalog), ...corrections], conflictRetries),
        ),
      ),
    ),
  )
}
