import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/context'
import { toNewEvent } from '../../src/app/ledger'
import { streamOf } from '../../src/app/ledger'
import { readStreamBounded } from '../../src/main/boundedRead'
import { processIo, run } from '../../src/main/wiring'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { expectNoStream } from '../../src/store/port'
import { introduce, recordedLedger, release, released } from '../support/builders'
import { givenBundledArc, importBundledCatalog } from '../support/bundledLedger'
import { arcFiles, repoRoot, runCanonAsInstalled as canon } from '../support/cliRun'
import { depsOver } from '../support/esdbLedger'
import { tempDirs } from '../support/tempStore'
import { createHash } from 'node:crypto'

/**
 * The CLI's hygiene: '-' is standard input and output, --read-only writes nothing, a file is
 * refused over its limit before it is held, control characters are refused on the way in
 * and shown escaped on the way out, and a closed pipe ends a command quietly.
 */
const dirs = tempDirs('canon-cli-hygiene-')

const givenLedger = async (): Promise<string> => {
  const path = join(await dirs.given(), 'ledger.sqlite')
  expect((await canon(['append', ...arcFiles, '--store', path])).code).toBe(0)
  return path
}

/** The CLI with the installed command's IO, standard input given as `stdin`. */
const withStdin = async (argv: ReadonlyArray<string>, stdin: string) => {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = {
    ...processIo(),
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    isTTY: false,
    env: {},
    readStdin: (limit) => readStreamBounded(Readable.from([Buffer.from(stdin)]), limit),
  }
  return { code: await run([...argv], io), ...out }
}

describe("given '-' for a file", () => {
  it('when exporting to - and importing from -, then standard output and input are used, and no file named - appears', async () => {
    const path = await givenLedger()
    const cwdBefore = readdirSync(process.cwd())
    const exported = await canon(['export', '-', '--store', path])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toBe((await canon(['export', '--store', path])).stdout)
    expect(exported.stdout.split('\n').length).toBeGreaterThan(5)
    expect(existsSync(join(process.cwd(), '-'))).toBe(false)
    expect(readdirSync(process.cwd())).toEqual(cwdBefore)
    const copy = join(await dirs.given(), 'copy.sqlite')
    const imported = await withStdin(['import', '-', '--store', copy], exported.stdout)
    expect(imported.code, imported.stderr).toBe(0)
    expect((await canon(['export', '--store', copy])).stdout).toBe(exported.stdout)
  })

  it('when standard input is over the limit, then it is refused before more is held', async () => {
    await expect(
      readStreamBounded(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15),
    ).rejects.toThrow('over the limit of 15 bytes')
  })
})

describe('given --read-only', () => {
  it('when a ledger is read, then the answer comes and the file is not written: same bytes, same time, nothing in a -wal', async () => {
    const path = await givenLedger()
    const bytes = readFileSync(path)
    const mtime = statSync(path).mtimeMs
    const r = await canon(['--read-only', 'releases', '--store', path])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Remembrance/)
    expect((await canon(['--read-only', 'verify', '--store', path])).code).toBe(0)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(statSync(path).mtimeMs).toBe(mtime)
    // SQLite may make its (empty) -wal and -shm beside a file in a writable folder: no data.
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0)
  })

  it('when a command would write, then it is refused as bad input and nothing is written', async () => {
    const path = await givenLedger()
    const before = (await canon(['export', '--store', path])).stdout
    const r = await canon(['--read-only', 'append', ...arcFiles, '--store', path])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--read-only opens the ledger for reading, and this command writes/)
    expect((await canon(['export', '--store', path])).stdout).toBe(before)
  })
})

describe('given a file over the limit', () => {
  it('when /dev/zero is appended, then it is refused over the 2 MiB limit (read no further than that)', async () => {
    const path = join(await dirs.given(), 'ledger.sqlite')
    const r = await canon(['append', '/dev/zero', '--store', path])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'canon: /dev/zero: cannot be read: it is over the limit of 2097152 bytes\n',
    )
    expect(existsSync(path)).toBe(false)
  })

  it('when a regular file is over the limit, then it is refused by its size', async () => {
    const dir = await dirs.given()
    const big = join(dir, 'big.yaml')
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 0x20))
    const r = await canon(['append', big, '--store', join(dir, 'ledger.sqlite')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /big\.yaml: cannot be read: it is 3145728 bytes, over the limit of 2097152 bytes/,
    )
  })
})

describe('given control and bidirectional characters', () => {
  it('when an authoring file holds one in a name, then append refuses it (exit 2) naming file, place and character, and writes nothing', async () => {
    const path = await givenLedger()
    const before = (await canon(['export', '--store', path])).stdout
    const file = join(await dirs.given(), 'spoof.yaml')
    writeFileSync(
      file,
      'releases:\n  - id: spoof\n    title: "Rogue \\u202Esnyth"\n    series: S\n    kind: episode\n    date: 2030-01-01\n',
    )
    const r = await canon(['append', file, '--store', path])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `canon: ${file}: at releases[0] (line 2, column 5): release 'spoof' at /release/title`,
    )
    expect(r.stderr).toContain('U+202E')
    expect((await canon(['export', '--store', path])).stdout).toBe(before)
  })

  it('when a ledger recorded one before they were refused, then the CLI shows it escaped, in text and in JSON', async () => {
    const path = join(await dirs.given(), 'old.sqlite')
    const opened = await openSqliteStore(path)()
    if (E.isLeft(opened)) throw new Error('no store')
    const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')
    const old = recordedLedger(
      [
        released(
          release('old', { date: '2001-01-01', title: 'Bad\u001b[2J\u202eTitle' }),
          introduce('person/x', 'X'),
        ),
      ],
      { universe: 'star-trek', hash: sha256 },
    )
    await opened.right.appendToStream(
      streamOf(depsOver(opened.right).universe),
      expectNoStream,
      old.map(toNewEvent),
    )()
    await opened.right.close()
    const text = await canon(['releases', '--store', path])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Bad\\u{1B}[2J\\u{202E}Title')
    expect(text.stdout).not.toContain('\u001b')
    expect(text.stdout).not.toContain('\u202e')
    const json = await canon(['releases', '--store', path, '--json'])
    expect(json.stdout).not.toContain('\u001b')
    expect(json.stdout).not.toContain('\u202e')
    expect(json.stdout).toContain('Bad\\u001b[2J\\u202eTitle')
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('Bad\\u001b[2J\u202eTitle')
  })
})

describe('given a reader that closes the pipe early (canon export | head -c 1)', () => {
  it('when the command writes on, then it ends quietly with exit code 0 and no stack trace', async () => {
    const path = join(await dirs.given(), 'big.sqlite')
    const opened = await openSqliteStore(path)()
    if (E.isLeft(opened)) throw new Error('no store')
    const deps = depsOver(opened.right)
    await givenBundledArc(deps)
    await importBundledCatalog(deps)
    await opened.right.close()
    for (const command of ['export', 'releases']) {
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'bin/canon.js'), command, '--store', path],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.stdout.once('data', () => child.stdout.destroy())
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(stderr, command).toBe('')
      expect(code, command).toBe(0)
    }
  })
})
