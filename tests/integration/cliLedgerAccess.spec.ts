import { execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { wiring } from '../../src/main/wiring'
import type { Ran } from '../support/cliRun'
import { capturedIo, runCanon } from '../support/cliRun'

/**
 * Which commands may create a ledger: only those that write. A read command given a path where
 * no ledger is (a mistyped --store, CANON_STORE, or the default file in the wrong folder) is
 * refused naming the path and how to make a ledger, exit code 2 like any missing thing, and
 * leaves nothing behind: no file, no -wal, no -shm.
 */
const repoRoot = resolve(__dirname, '../..')
const releaseFile = join(repoRoot, 'ledgers/star-trek/010-short-treks-children-of-mars.yaml')

const root = mkdtempSync(join(tmpdir(), 'canon-cli-access-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let folders = 0
/** A fresh empty folder per test, so "nothing was created" is a plain listing. */
const givenEmptyFolder = (): string => {
  const dir = join(root, `case-${++folders}`)
  mkdirSync(dir)
  return dir
}

const canon = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
): Promise<Ran> => runCanon(argv, { env })

const readCommands: ReadonlyArray<ReadonlyArray<string>> = [
  ['show', 'event/mars-attack'],
  ['show', 'event/mars-attack', '--as-of', 'pic-s1e01', '--json'],
  ['diff', 'pic-s1e01', 'pro-s2e20'],
  ['history', 'event/mars-attack', 'casualties'],
  ['timeline'],
  ['releases'],
  ['replay'],
  ['verify'],
  ['export'],
  ['serve', '--port', '0'],
]

const noLedgerAt = (path: string): string =>
  `canon: no ledger at ${path}: nothing has been appended there (canon append FILE... creates it)\n`

describe('given no ledger at the --store path', () => {
  it('when any read command runs, then it is refused with exit 2 naming the path, and nothing is created', async () => {
    const dir = givenEmptyFolder()
    const path = join(dir, 'typo.sqlite')
    for (const argv of readCommands) {
      const r = await canon([...argv, '--store', path])
      expect(r, argv.join(' ')).toEqual({ code: 2, stdout: '', stderr: noLedgerAt(path) })
      expect(readdirSync(dir), argv.join(' ')).toEqual([])
    }
  })

  it('when the path is given by CANON_STORE instead, then it is refused the same way', async () => {
    const dir = givenEmptyFolder()
    const path = join(dir, 'typo.sqlite')
    const r = await canon(['releases'], { CANON_STORE: path })
    expect(r).toEqual({ code: 2, stdout: '', stderr: noLedgerAt(path) })
    expect(readdirSync(dir)).toEqual([])
  })

  it('when `append` runs, then it creates the ledger, and the read commands then answer', async () => {
    const dir = givenEmptyFolder()
    const path = join(dir, 'new.sqlite')
    const appended = await canon(['append', releaseFile, '--store', path, '--json'])
    expect(appended.stderr).toBe('')
    expect(appended.code).toBe(0)
    expect(existsSync(path)).toBe(true)
    const releases = await canon(['releases', '--store', path, '--json'])
    expect(releases.code).toBe(0)
    const answer = JSON.parse(releases.stdout) as { releases: ReadonlyArray<{ id: string }> }
    expect(answer.releases.map((r) => r.id)).toContain('st-children-of-mars')
  })

  it('when `import` loads an export, then it creates the ledger', async () => {
    const dir = givenEmptyFolder()
    const source = join(dir, 'source.sqlite')
    expect((await canon(['append', releaseFile, '--store', source])).code).toBe(0)
    const exported = await canon(['export', '--store', source])
    expect(exported.code).toBe(0)
    writeFileSync(join(dir, 'ledger.ndjson'), exported.stdout)
    const copy = join(dir, 'copy.sqlite')
    const imported = await canon(['import', join(dir, 'ledger.ndjson'), '--store', copy])
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect((await canon(['export', '--store', copy])).stdout).toBe(exported.stdout)
  })
})

describe('given no ledger at the --store path, and a first write that is refused', () => {
  /** A release the ledger refuses: it asserts a claim about an entity never introduced. */
  const refusedRelease = [
    'id: r1',
    'title: One',
    'series: S',
    'kind: episode',
    'date: 2020-01-01',
    'changes:',
    '  - assert: c1',
    '    subject: person/nobody',
    '    predicate: name',
    '    value: x',
    '',
  ].join('\n')

  const cases: ReadonlyArray<readonly [string, (dir: string) => ReadonlyArray<string>]> = [
    ['an input file that is not there', (dir) => ['append', join(dir, 'missing.yaml')]],
    [
      'an invalid authoring file',
      (dir) => {
        writeFileSync(join(dir, 'bad.yaml'), 'releases: [ { id: 7 } ]\n')
        return ['append', join(dir, 'bad.yaml')]
      },
    ],
    [
      'a release the ledger refuses',
      (dir) => {
        writeFileSync(join(dir, 'refused.yaml'), refusedRelease)
        return ['append', join(dir, 'refused.yaml')]
      },
    ],
    [
      'an export that is not NDJSON',
      (dir) => {
        writeFileSync(join(dir, 'bad.ndjson'), 'not json\n')
        return ['import', join(dir, 'bad.ndjson')]
      },
    ],
  ]

  for (const [what, argvIn] of cases)
    it(`when it is ${what}, then it fails and leaves no ledger file behind`, async () => {
      const dir = givenEmptyFolder()
      const argv = argvIn(dir)
      const before = readdirSync(dir).sort()
      const r = await canon([...argv, '--store', join(dir, 'new.sqlite')])
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(/^canon: /)
      expect(readdirSync(dir).sort()).toEqual(before)
    })

  it('when the ledger already existed, then a refused write leaves its file in place', async () => {
    const dir = givenEmptyFolder()
    const path = join(dir, 'kept.sqlite')
    expect((await canon(['append', releaseFile, '--store', path])).code).toBe(0)
    const exported = (await canon(['export', '--store', path])).stdout
    writeFileSync(join(dir, 'refused.yaml'), refusedRelease)
    const r = await canon(['append', join(dir, 'refused.yaml'), '--store', path])
    expect(r.code).not.toBe(0)
    expect((await canon(['export', '--store', path])).stdout).toBe(exported)
  })
})

describe('given serve on a path where no ledger is', () => {
  const storeName = (dir: string) => ({ store: join(dir, 'served.sqlite'), universe: 'star-trek' })
  const opened = async (dir: string, env: Readonly<Record<string, string>>) => {
    const result = await wiring.open(storeName(dir), capturedIo({ env }).io, 'serve')()
    if (E.isRight(result)) await result.right.close()
    return result
  }

  it('when it is read-only (no CANON_TOKEN), then its open is refused and nothing is created', async () => {
    const dir = givenEmptyFolder()
    expect(await opened(dir, {})).toMatchObject(
      E.left({ _tag: 'Store', error: { _tag: 'StoreMissing' } }),
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('when writes are enabled by CANON_TOKEN, then its open creates the ledger', async () => {
    const dir = givenEmptyFolder()
    expect(
      E.isRight(await opened(dir, { CANON_TOKEN: 'a-write-token-of-at-least-32-bytes' })),
    ).toBe(true)
    expect(readdirSync(dir)).toEqual(['served.sqlite'])
  })

  it('when CANON_TOKEN is shorter than 32 bytes, then its open is refused naming the rule, and nothing is created', async () => {
    const dir = givenEmptyFolder()
    const refused = await opened(dir, { CANON_TOKEN: 'x' })
    expect(refused).toMatchObject(E.left({ _tag: 'InvalidInput' }))
    if (E.isLeft(refused) && refused.left._tag === 'InvalidInput')
      expect(refused.left.problems.join(' ')).toMatch(/1 bytes; a write token must be at least 32/)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('given a --store path that cannot be a ledger file', () => {
  it('when it is a folder, then a read command says so with exit 1, and the folder stays empty', async () => {
    const dir = givenEmptyFolder()
    const r = await canon(['releases', '--store', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      `canon: store sqlite:${dir} is unavailable: cannot open ${dir}: it is a folder, not a ledger file; name a file in it (for example ${join(dir, 'canon-ledger.sqlite')})\n`,
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('when it is an empty file, then a read command says no ledger is there, and the file stays empty', async () => {
    const dir = givenEmptyFolder()
    const path = join(dir, 'empty.sqlite')
    writeFileSync(path, '')
    const r = await canon(['show', 'event/mars-attack', '--store', path])
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `canon: no ledger at ${path}: the file holds no ledger yet; nothing has been appended there (canon append FILE... creates it)\n`,
    })
    expect(readdirSync(dir)).toEqual(['empty.sqlite'])
    expect(statSync(path).size).toBe(0)
  })
})

/** The default store is ./canon-ledger.sqlite in the current folder: run in a folder without one. */
const tsx = join(repoRoot, 'node_modules/.bin/tsx')
describe('given a folder with no canon-ledger.sqlite, and no --store', () => {
  it('when `canon releases` runs there, then it is refused naming ./canon-ledger.sqlite, and nothing is created', async () => {
    const dir = givenEmptyFolder()
    const result = await new Promise<Ran>((done) =>
      execFile(
        tsx,
        [join(repoRoot, 'src/main/cli.ts'), 'releases'],
        { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } },
        (error, stdout, stderr) =>
          done({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
      ),
    )
    expect(result).toEqual({ code: 2, stdout: '', stderr: noLedgerAt('./canon-ledger.sqlite') })
    expect(readdirSync(dir)).toEqual([])
  })
})
