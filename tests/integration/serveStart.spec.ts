import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { arcFiles, repoRoot, runCanonAsInstalled as canon } from '../support/cliRun'
import { tempDirs } from '../support/tempStore'

/** `canon serve` says on start where it listens and whether it takes writes. */
const dirs = tempDirs('canon-serve-start-')
const bin = join(repoRoot, 'bin/canon.js')
const built = existsSync(join(repoRoot, 'dist/src/main/cli.js'))
if (!built) console.log('skipping the spawned servers: dist/ does not exist (run npm run build)')

/** The first line a server prints, then it is stopped. */
const firstLine = async (store: string, env: Readonly<Record<string, string>>): Promise<string> => {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--store', store], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    return await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

describe('given a ledger in a SQLite file', () => {
  it.skipIf(!built)(
    'when served without and with CANON_TOKEN, then the start line names the address, the page and whether writes are taken',
    async () => {
      const store = join(await dirs.given(), 'ledger.sqlite')
      expect((await canon(['append', ...arcFiles, '--store', store])).code).toBe(0)
      const readOnly = await firstLine(store, {})
      expect(readOnly).toMatch(/^canon serving sqlite:.* at http:\/\/127\.0\.0\.1:\d+ \(read-only/)
      expect(readOnly).toContain('set CANON_TOKEN to accept writes')
      expect(readOnly).toMatch(/the web page is at http:\/\/127\.0\.0\.1:\d+\/$/)
      const writable = await firstLine(store, {
        CANON_TOKEN: 'serve-start-spec-token-of-at-least-32-bytes',
      })
      expect(writable).toContain('writes accepted with the bearer token in CANON_TOKEN')
    },
  )
})
