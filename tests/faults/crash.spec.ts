import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { readLedger } from '../../src/app/ledger'
import { verifyLedger } from '../../src/app/verify'
import { universeId } from '../../src/domain/ids'
import { canonReaders, sha256Hex, systemClock } from '../../src/main/openStore'
import { sameContent } from '../../src/domain/json'
import { syntheticRelease } from './support/syntheticRelease'

const kills = 50
const child = join(__dirname, 'support', 'appendLoop.ts')
const dir = mkdtempSync(join(tmpdir(), 'canon-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Starts the append loop and SIGKILLs it a random few milliseconds after it is ready. */
const runAndKill = (path: string, first: number, delayMs: number): Promise<ReadonlyArray<string>> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, path, 'crash', 'c', String(first)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    proc.stdout.on('data', (d: Buffer) => {
      const before = out
      out += d.toString()
      if (!before.includes('READY') && out.includes('READY'))
        setTimeout(() => proc.kill('SIGKILL'), delayMs)
    })
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()))
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL')
        reject(new Error(`append loop ended by itself (code ${code}): ${err}`))
      else
        resolve(
          out
            .split('\n')
            .filter((l) => l.startsWith('ACK '))
            .map((l) => l.slice(4)),
        )
    })
  })

describe('given a child process appending releases to a SQLite ledger in a loop', () => {
  it(`when it is killed with SIGKILL at random moments ${kills} times, then every acknowledged release is there, whole, and the chain verifies`, async () => {
    const path = join(dir, 'crash.sqlite')
    const acknowledged = new Set<string>()
    let seed = 20261124
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let present = 0
    let partialsSeen = 0
    for (let round = 0; round < kills; round++) {
      const acks = await runAndKill(path, present, 10 + Math.floor(random() * 300))
      acks.forEach((id) => acknowledged.add(id))
      const opened = await openSqliteStore(path)()
      if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left))
      const deps = {
        store: opened.right,
        universe: universeId('crash'),
        clock: systemClock,
        hash: sha256Hex,
        readers: canonReaders,
      }
      const verified = await verifyLedger(deps)()
      const ledger = await readLedger(deps)()
      await opened.right.close()
      if (verified._tag === 'Left' || ledger._tag === 'Left')
        throw new Error('the ledger could not be read')
      expect(verified.right.firstBreak, `round ${round}: the chain verifies`).toBeUndefined()
      const ids = ledger.right.map((r) =>
        r.event._tag === 'ReleaseRecorded' ? r.event.release.id : '',
      )
      for (const id of acknowledged)
        expect(ids, `round ${round}: acknowledged ${id} is present`).toContain(id)
      // No release is partly present: each holds exactly the changes that were asked for.
      ledger.right.forEach((r, n) => {
        const expected = syntheticRelease('c', n)
        if (r.event._tag !== 'ReleaseRecorded') throw new Error('only releases are written')
        if (!sameContent(r.event.changes, expected.changes)) partialsSeen += 1
        expect(r.event.release.id).toBe(expected.release.id)
      })
      present = ledger.right.length
    }
    expect(partialsSeen).toBe(0)
    expect(acknowledged.size).toBeGreaterThan(0)
    console.log(
      `crash test: ${kills} SIGKILLs, ${present} releases present, ${acknowledged.size} acknowledged, 0 lost, 0 partial`,
    )
  })
})
