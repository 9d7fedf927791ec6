import { readFile, readdir } from 'node:fs/promises'
import { Command } from 'commander'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import type { CliContext, CliIo } from '../../src/cli/context'
import { registerImportReleases } from '../../src/cli/importReleasesCommand'
import type { LedgerDeps } from '../../src/app/ledger'
import {
  catalogCorrectionsDir,
  episodeListPath,
  freshDeps,
  modernEpisodeListPath,
  regionalDatesPath,
} from '../support/bundledLedger'

/** The command as the CLI will register it, run over a memory store with captured output. */
const runImport = async (deps: LedgerDeps, args: ReadonlyArray<string>, isTTY = false) => {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    isTTY,
    readFile: (path) => readFile(path, 'utf8'),
    listDir: (path) => readdir(path),
  }
  const ctx: CliContext = {
    io,
    wiring: {
      open: () =>
        TE.right({
          deps,
          storeName: 'memory',
          close: () => Promise.resolve(),
          closeAfterFailure: () => Promise.resolve(),
        }),
      bundledLedgerDir: '',
    },
  }
  let code = -1
  const program = new Command('canon').exitOverride()
  registerImportReleases(program, ctx, (c) => {
    code = c
  })
  await program.parseAsync(['import-releases', ...args], { from: 'user' })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

describe('given the import-releases command', () => {
  it('when run with --json and the corrections folder, then it prints the summary as JSON and exits 0', async () => {
    const deps = freshDeps()
    const r = await runImport(deps, [
      episodeListPath,
      '--corrections',
      catalogCorrectionsDir,
      '--json',
    ])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    expect(json).toMatchObject({
      rows: 741,
      releases: 734,
      appended: 734,
      corrections: { appended: 1, unchanged: 0 },
      positions: { first: '0', last: '734' },
    })
    expect(r.stderr).toBe('')
  })

  it('when run on a terminal a second time, then it draws progress on stderr and reports nothing new, with the problems', async () => {
    const deps = freshDeps()
    await runImport(deps, [episodeListPath])
    const r = await runImport(deps, [episodeListPath], true)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/importing releases \[#+\] 100% \(734\/734\)/)
    expect(r.stdout).toMatch(/741 rows, 734 releases/)
    expect(r.stdout).toMatch(/nothing new: the ledger is unchanged/)
    expect(r.stdout).toMatch(
      /bogus-row: \S*data\/star-trek-episodes-1966-2005\.csv line 742: STD 1-1 “Discovering”/,
    )
    expect(r.stdout).toMatch(
      /unknown-stardate \(255 rows of \S*star-trek-episodes-1966-2005\.csv, taken without a stardate\): lines 30, 35,/,
    )
  })

  it('when run on the 2017-2024 list with --regional-dates, then it imports every row and names the file of each problem', async () => {
    const deps = freshDeps()
    const r = await runImport(deps, [
      modernEpisodeListPath,
      '--regional-dates',
      regionalDatesPath,
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const json = JSON.parse(r.stdout) as {
      rows: number
      appended: number
      problems: ReadonlyArray<{ file: string; kind: string }>
    }
    expect(json).toMatchObject({ rows: 215, appended: 215 })
    expect(new Set(json.problems.map((p) => p.file))).toEqual(new Set([modernEpisodeListPath]))
    const text = await runImport(freshDeps(), [
      modernEpisodeListPath,
      '--regional-dates',
      regionalDatesPath,
    ])
    expect(text.stdout).toMatch(
      /missing-stardate \(125 rows of \S*star-trek-episodes-2017-2024\.csv, taken without a stardate\)/,
    )
  })

  it('when the regional-dates file cannot be read, then it names it, exits 2 and appends nothing', async () => {
    const deps = freshDeps()
    const r = await runImport(deps, [modernEpisodeListPath, '--regional-dates', 'no-such.csv'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no-such\.csv: cannot be read/)
    const stored = await deps.store.readAll()()
    expect(stored._tag === 'Right' && stored.right).toEqual([])
  })

  it('when the file cannot be read, then it names the file and exits 2', async () => {
    const r = await runImport(freshDeps(), ['no-such-file.csv'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no-such-file\.csv: cannot be read/)
  })
})
