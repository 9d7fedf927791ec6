import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arcFiles, runCanonAsInstalled as canon } from '../support/cliRun'
import { servable, spawnServer, stopServer } from '../support/spawnedServer'

/**
 * `canon snapshot` and `canon serve --snapshot`, end to end on SQLite files: a snapshot is
 * written, checked against a full replay (also after the ledger moved on), refused when damaged
 * or of another ledger (the ledger unchanged), and a server started from it answers as one
 * that replayed the ledger itself.
 */
if (!servable) console.log('skipping the spawned servers: dist/ does not exist (run npm run build)')

// One folder for the whole file: its specs build on one another's ledger and snapshot.
const dir = mkdtempSync(join(tmpdir(), 'canon-snapshot-'))
const store = join(dir, 'ledger.sqlite')
const other = join(dir, 'other.sqlite')
const file = join(dir, 'ledger.index')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  expect((await canon(['append', ...arcFiles, '--store', store])).code).toBe(0)
  expect((await canon(['append', arcFiles[0] as string, '--store', other])).code).toBe(0)
})

const exported = async (path: string): Promise<string> =>
  (await canon(['export', '--store', path])).stdout

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
    const written = await canon(['snapshot', file, '--store', store, '--json'])
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    const report = JSON.parse(written.stdout) as { position: string; bytes: number }
    expect(report.position).toBe(String((await exported(store)).trim().split('\n').length - 1))
    expect(statSync(file).size).toBe(report.bytes)
    const checked = await canon(['snapshot', file, '--check', '--store', store])
    expect(checked).toEqual({
      code: 0,
      stdout: `${file} matches a full replay of the ledger up to position ${report.position}; the ledger holds 0 events after it\n`,
      stderr: '',
    })
  })

  it('when it is checked on, or served from, another ledger, then it is refused naming the file, and that ledger is unchanged', async () => {
    const before = await exported(other)
    const checked = await canon(['snapshot', file, '--check', '--store', other])
    expect(checked.code).toBe(2)
    expect(checked.stderr).toMatch(
      new RegExp(
        `^canon: ${file}: it was taken at ledger position \\d+, and this ledger holds no event there: it is of another ledger\\n$`,
      ),
    )
    const served = await canon(['serve', '--snapshot', file, '--store', other, '--port', '0'], {
      LOG_LEVEL: 'silent',
    })
    expect(served.code).toBe(2)
    expect(served.stderr).toMatch(/it is of another ledger/)
    expect(await exported(other)).toBe(before)
  })

  it('when a byte of the file is changed, then its seal refuses it before anything is read from it', async () => {
    const damaged = join(dir, 'damaged.index')
    const bytes = readFileSync(file)
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff
    writeFileSync(damaged, bytes)
    const before = await exported(store)
    const checked = await canon(['snapshot', damaged, '--check', '--store', store])
    expect(checked.code).toBe(2)
    expect(checked.stderr).toMatch(
      new RegExp(
        `^canon: ${damaged}: its SHA-256 is [0-9a-f]{16}…, and its seal says [0-9a-f]{16}…: it was altered or damaged`,
      ),
    )
    const served = await canon(['serve', '--snapshot', damaged, '--store', store, '--port', '0'], {
      LOG_LEVEL: 'silent',
    })
    expect(served.code).toBe(2)
    expect(served.stderr).toMatch(/it was altered or damaged/)
    expect(await exported(store)).toBe(before)
  })

  it('when the file is not there, then serve says so before opening the ledger', async () => {
    const missing = join(dir, 'missing.index')
    const absent = join(dir, 'absent.sqlite')
    const r = await canon(['serve', '--snapshot', missing, '--store', absent, '--port', '0'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`canon: ${missing}: cannot be read: ENOENT`)
    expect(() => statSync(absent)).toThrow()
  })
})

describe('given a server started from a snapshot the ledger has moved past', () => {
  it.skipIf(!servable)(
    'when it and a server that replayed the ledger are asked the same reads, then they answer alike, the later release included',
    async () => {
      writeFileSync(join(dir, 'later.yaml'), oneMoreRelease)
      expect((await canon(['append', join(dir, 'later.yaml'), '--store', store])).code).toBe(0)
      const checked = await canon(['snapshot', file, '--check', '--store', store, '--json'])
      expect(JSON.parse(checked.stdout)).toMatchObject({ matches: true, behind: '1' })
      const fromSnapshot = await spawnServer(['--snapshot', file, '--store', store])
      const replayed = await spawnServer(['--store', store])
      try {
        for (const path of [
          '/v1/entities/event/mars-attack?release=pic-s1e01',
          '/v1/entities/event/mars-attack?release=pro-s2e20',
          '/v1/canon?entity=Commodore%20Oh&canon=all',
          '/v1/entities/thing/after-the-snapshot',
          '/v1/search?q=snapshot',
          '/v1/entities/event/mars-attack/history',
          '/v1/head',
        ]) {
          const [a, b] = await Promise.all(
            [fromSnapshot.url, replayed.url].map(async (base) => {
              const res = await fetch(base + path)
              return `${res.status} ${await res.text()}`
            }),
          )
          expect(a, path).toBe(b)
          expect(a, path).toMatch(/^200 /)
        }
      } finally {
        await Promise.all([stopServer(fromSnapshot.child), stopServer(replayed.child)])
      }
    },
  )
})
