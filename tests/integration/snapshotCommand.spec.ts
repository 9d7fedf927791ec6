import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arcFiles, repoRoot, runCanon } from '../support/cliRun'

/**
 * `canon snapshot` and `canon serve --snapshot`, end to end on SQLite files: a snapshot is
 * written, checked against a full replay (also after the ledger moved on), refused on another
 * ledger, and a server started from it answers as one that built its index itself.
 */
const dir = mkdtempSync(join(tmpdir(), 'canon-snapshot-'))
const store = join(dir, 'ledger.sqlite')
const other = join(dir, 'other.sqlite')
const file = join(dir, 'ledger.index')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeAll(async () => {
  expect((await runCanon(['append', ...arcFiles, '--store', store])).code).toBe(0)
  expect((await runCanon(['append', arcFiles[0] as string, '--store', other])).code).toBe(0)
})

const oneMoreRelease = [
  'id: snapshot-test-release',
  'title: After the snapshot',
  'series: "Star Trek: Lower Decks"',
  'kind: episode',
  'date: 2025-01-01',
  'changes:',
  '  - introduce: thing/after-the-snapshot',
  '    name: After the Snapshot',
  '',
].join('\n')

describe('given the bundled ledger in a SQLite file', () => {
  it('when a snapshot is written, then it names the ledger position it reflects, and checks against a full replay', async () => {
    const written = await runCanon(['snapshot', file, '--store', store, '--json'])
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    const report = JSON.parse(written.stdout) as { position: string; bytes: number }
    const exported = await runCanon(['export', '--store', store])
    expect(report.position).toBe(String(exported.stdout.trim().split('\n').length - 1))
    expect(statSync(file).size).toBe(report.bytes)
    const checked = await runCanon(['snapshot', file, '--check', '--store', store])
    expect(checked).toEqual({
      code: 0,
      stdout: `${file} matches a full replay of the ledger up to position ${report.position}; the ledger holds 0 events after it\n`,
      stderr: '',
    })
  })

  it('when it is checked on another ledger, then it is refused naming the file, and that ledger is unchanged', async () => {
    const before = await runCanon(['export', '--store', other])
    const checked = await runCanon(['snapshot', file, '--check', '--store', other])
    expect(checked.code).toBe(1)
    expect(checked.stderr).toMatch(
      new RegExp(
        `^canon: the ledger cannot be trusted: snapshot ${file} says the ledger reached position 6, but this ledger ends at position \\d+: .*or it is another ledger\n$`,
      ),
    )
    const served = await runCanon(['serve', '--snapshot', file, '--store', other, '--port', '0'], {
      env: { CANON_TOKEN: 'a-write-token-of-at-least-32-bytes', LOG_LEVEL: 'silent' },
    })
    expect(served.code).toBe(1)
    expect(served.stderr).toMatch(/or it is another ledger/)
    expect((await runCanon(['export', '--store', other])).stdout).toBe(before.stdout)
  })

  it('when the file is not there, then serve says so before opening the ledger', async () => {
    const missing = join(dir, 'missing.index')
    const r = await runCanon(['serve', '--snapshot', missing, '--store', store, '--port', '0'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(`canon: ${missing}: cannot be read: ENOENT`)
  })
})

const built = join(repoRoot, 'dist/src/main/cli.js')

/** `canon serve` spawned from the built binary; resolves with its URL once it listens. */
const serve = async (
  args: ReadonlyArray<string>,
): Promise<{ readonly url: string; readonly child: ChildProcess }> => {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/canon.js'), 'serve', '--port', '0', '--json', ...args],
    {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
  return { url: (JSON.parse(first) as { url: string }).url, child }
}

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

describe('given a server started from a snapshot the ledger has moved past', () => {
  if (!existsSync(built))
    console.log(`skipping the spawned servers: ${built} does not exist (run npm run build)`)
  it.skipIf(!existsSync(built))(
    'when both servers are asked the same reads, then they answer alike, the later release included',
    async () => {
      writeFileSync(join(dir, 'later.yaml'), oneMoreRelease)
      expect((await runCanon(['append', join(dir, 'later.yaml'), '--store', store])).code).toBe(0)
      const checked = await runCanon(['snapshot', file, '--check', '--store', store, '--json'])
      expect(JSON.parse(checked.stdout)).toMatchObject({ matches: true, behind: 1 })
      const fromSnapshot = await serve(['--snapshot', file, '--store', store])
      const rebuilt = await serve(['--store', store])
      try {
        for (const path of [
          '/v1/entities/event/mars-attack?release=pic-s1e01',
          '/v1/entities/event/mars-attack?release=pro-s2e20',
          '/v1/canon?entity=Commodore%20Oh&canon=all',
          '/v1/entities/thing/after-the-snapshot',
          '/v1/search?q=snapshot',
          '/v1/entities/event/mars-attack/history',
        ]) {
          const [a, b] = await Promise.all(
            [fromSnapshot.url, rebuilt.url].map(async (base) => {
              const res = await fetch(base + path)
              return `${res.status} ${await res.text()}`
            }),
          )
          expect(a, path).toBe(b)
          expect(a, path).toMatch(/^200 /)
        }
      } finally {
        await Promise.all([stop(fromSnapshot.child), stop(rebuilt.child)])
      }
    },
  )
})

describe('given a snapshot file altered after it was written', () => {
  it.skipIf(!existsSync(built))(
    'when a server is started from it, then the file is refused for its seal and the server builds its index from the ledger instead, answering as one built from the ledger',
    async () => {
      const altered = join(dir, 'altered.index')
      const bytes = readFileSync(file)
      // A byte well inside the index (its header), past the seal's two lines.
      const at = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 40
      bytes[at] = (bytes[at] ?? 0) ^ 0x01
      writeFileSync(altered, bytes)
      const checked = await runCanon(['snapshot', altered, '--check', '--store', store])
      expect(checked.code).toBe(2)
      expect(checked.stderr).toMatch(
        /altered\.index: its SHA-256 is [0-9a-f]{16}…, and its seal says [0-9a-f]{16}…: it was altered or damaged/,
      )
      const fromAltered = await serve(['--snapshot', altered, '--store', store])
      const rebuilt = await serve(['--store', store])
      try {
        for (const path of ['/v1/entities/event/mars-attack?release=pro-s2e20', '/v1/releases']) {
          const [a, b] = await Promise.all(
            [fromAltered.url, rebuilt.url].map(async (base) => {
              const res = await fetch(base + path)
              return `${res.status} ${await res.text()}`
            }),
          )
          expect(a, path).toBe(b)
          expect(a, path).toMatch(/^200 /)
        }
      } finally {
        await Promise.all([stop(fromAltered.child), stop(rebuilt.child)])
      }
    },
  )
})
