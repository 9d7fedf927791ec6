import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import { universeId } from '../../src/domain/ids'
import type { LedgerDeps } from '../../src/app/ledger'
import type { AuthoringFile } from '../../src/app/appendFiles'
import { appendFiles } from '../../src/app/appendFiles'
import { describeAppError } from '../../src/app/errors'
import type { ImportSummary } from '../../src/app/importReleases'
import { importReleases } from '../../src/app/importReleases'
import { memoryStore } from '../../src/store/memory/memoryStore'
import { canonReaders } from '../../src/main/openStore'

/**
 * The project's REAL bundled files, read from the working tree (never a hand-made copy): the
 * Mars Attack arc's authoring files, the episode list and its catalog corrections.
 */
export const repoRoot = resolve(__dirname, '../..')
export const arcDir = join(repoRoot, 'ledgers/star-trek')
export const catalogCorrectionsDir = join(arcDir, 'catalog-corrections')
export const episodeListPath = join(repoRoot, 'data/star-trek-episodes-1966-2005.csv')
export const modernEpisodeListPath = join(repoRoot, 'data/star-trek-episodes-2017-2024.csv')
export const regionalDatesPath = join(repoRoot, 'data/star-trek-regional-releases-2017-2024.csv')

const yamlFilesOf = (dir: string): ReadonlyArray<AuthoringFile> =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({
      source: relative(repoRoot, join(dir, n)),
      text: readFileSync(join(dir, n), 'utf8'),
    }))

/** The arc's authoring files, in name order (the load order). */
export const arcFiles = (): ReadonlyArray<AuthoringFile> => yamlFilesOf(arcDir)
export const catalogCorrectionFiles = (): ReadonlyArray<AuthoringFile> =>
  yamlFilesOf(catalogCorrectionsDir)
const dataFile = (path: string) => ({
  source: relative(repoRoot, path),
  text: readFileSync(path, 'utf8'),
})
export const episodeList = () => dataFile(episodeListPath)
/** The 2017-2024 list, and the regional first releases that go with it. */
export const modernEpisodeList = () => dataFile(modernEpisodeListPath)
export const regionalDates = () => dataFile(regionalDatesPath)

/** Deps over a fresh memory store, with a clock that ticks one second per reading. */
export const freshDeps = (): LedgerDeps => {
  let tick = 0
  return {
    store: memoryStore(),
    universe: universeId('star-trek'),
    clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
    hash: (s) => createHash('sha256').update(s).digest('hex'),
    readers: canonReaders,
  }
}

/** Given the bundled arc appended through `canon append`'s use case. */
export const givenBundledArc = async (deps: LedgerDeps = freshDeps()): Promise<LedgerDeps> => {
  const r = await appendFiles(deps, arcFiles())()
  if (E.isLeft(r))
    throw new Error(`the bundled ledger was refused: ${r.left.map(describeAppError).join('; ')}`)
  return deps
}

/** Imports the bundled episode list with its catalog corrections; the spec fails on a refusal. */
export const importBundledCatalog = async (deps: LedgerDeps): Promise<ImportSummary> => {
  const r = await importReleases(deps, episodeList(), { corrections: catalogCorrectionFiles() })()
  if (E.isLeft(r)) throw new Error(`the episode list was refused: ${describeAppError(r.left)}`)
  return r.right
}

/** Imports the 2017-2024 list with its regional dates; the spec fails on a refusal. */
export const importModernCatalog = async (deps: LedgerDeps): Promise<ImportSummary> => {
  const r = await importReleases(deps, modernEpisodeList(), { regionalDates: regionalDates() })()
  if (E.isLeft(r)) throw new Error(`the 2017-2024 list was refused: ${describeAppError(r.left)}`)
  return r.right
}
