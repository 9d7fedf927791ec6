import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCanonAsInstalled as canon } from '../support/cliRun'

/**
 * A write the store acknowledged and then lost: a writer killed with SIGKILL leaves its last
 * commits in the SQLite -wal file; deleting that file (a careless copy, a restore of the main
 * file alone) loses them, and the chain that is left is whole. Only a head kept outside the
 * store shows it: a checkpoint taken while the writer ran.
 */
const child = join(__dirname, 'support', 'appendLoop.ts')
const dir = mkdtempSync(join(tmpdir(), 'canon-lost-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the append loop for `count` releases to its clean end (its writes reach the main file). */
const appendAll = (path: string, count: number) =>
  new Promise<void>((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, path, 'lost', 'l', '0', String(count)],
      { stdio: 'ignore' },
    )
    proc.on('error', reject)
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))))
  })

/** Starts the append loop after `first`; resolves once `acks` releases are acknowledged. */
const appendUntil = (path: string, first: number, acks: number) =>
  new Promise<{ readonly kill: () => Promise<void> }>((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, path, 'lost', 'l', String(first)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let resolved = false
    const exited = new Promise<void>((done) => proc.once('exit', () => done()))
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const seen = out.split('\n').filter((l) => l.startsWith('ACK ')).length
      if (!resolved && seen >= acks) {
        resolved = true
        // Stop it mid-loop: no clean close, so nothing folds the -wal into the main file.
        proc.kill('SIGSTOP')
        resolve({
          kill: async () => {
            proc.kill('SIGKILL')
            await exited
          },
        })
      }
    })
    proc.on('error', reject)
  })

describe('given a writer killed after acknowledged appends, and a checkpoint taken while it ran', () => {
  it('when the -wal file is deleted, then the chain that is left verifies, but every reader given the checkpoint refuses it, naming the loss', async () => {
    const path = join(dir, 'ledger.sqlite')
    const checkpoint = join(dir, 'head.json')
    await appendAll(path, 3)
    const writer = await appendUntil(path, 3, 5)
    // A reader that writes nothing (the writer may be stopped inside a transaction, holding the
    // write lock), and so never folds the -wal into the main file as it closes.
    const taken = await canon([
      '--read-only',
      'head',
      '--store',
      path,
      '--universe',
      'lost',
      '--out',
      checkpoint,
    ])
    expect(taken.code, taken.stderr).toBe(0)
    await writer.kill()
    expect(existsSync(`${path}-wal`)).toBe(true)
    rmSync(`${path}-wal`)
    rmSync(`${path}-shm`, { force: true })

    const plain = await canon(['verify', '--store', path, '--universe', 'lost'])
    expect(plain.code, 'without an anchor the loss is invisible').toBe(0)
    const anchored = await canon([
      'verify',
      '--store',
      path,
      '--universe',
      'lost',
      '--checkpoint',
      checkpoint,
    ])
    expect(anchored.code).toBe(1)
    expect(anchored.stdout).toMatch(
      /anchor MISSED: checkpoint .* says the ledger reached position \d+, but this ledger (ends at position \d+|is empty): it lost events/,
    )
    const served = await canon(
      ['serve', '--store', path, '--universe', 'lost', '--checkpoint', checkpoint, '--port', '0'],
      { LOG_LEVEL: 'silent' },
    )
    expect(served.code).toBe(1)
    expect(served.stderr).toMatch(/^canon: the ledger cannot be trusted: checkpoint/)
  })
})
