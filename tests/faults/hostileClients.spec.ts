import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/app'
import { startServer } from '../../src/http/server'
import { memoryStore } from '../../src/store/memory/memoryStore'
import { arcFiles, repoRoot, runCanonAsInstalled as canon } from '../support/cliRun'
import { depsOn } from '../integration/http/support'

/**
 * Clients and environments that try a server's and a reader's limits: a client trickling its
 * headers, more connections than the server holds, and a ledger on a file system it may only read.
 */
const dir = mkdtempSync(join(tmpdir(), 'canon-hostile-clients-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const bin = join(repoRoot, 'bin/canon.js')
const built = existsSync(join(repoRoot, 'dist/src/main/cli.js'))
if (!built) console.log('skipping the spawned server: dist/ does not exist (run npm run build)')

/** Resolves when the socket is closed. */
const closed = (socket: Socket): Promise<void> =>
  new Promise((resolve) => socket.once('close', () => resolve()))

describe('given canon serve with its default limits', () => {
  it.skipIf(!built)(
    'when a client trickles header lines, one every half second, then the server cuts it off (not after 35 s: the client gives up at 25 s)',
    async () => {
      const path = join(dir, 'served.sqlite')
      expect((await canon(['append', ...arcFiles, '--store', path])).code).toBe(0)
      const child = spawn(
        process.execPath,
        [bin, 'serve', '--port', '0', '--json', '--store', path],
        {
          env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      try {
        const first = await new Promise<string>((resolve) =>
          createInterface({ input: child.stdout }).once('line', resolve),
        )
        const url = new URL((JSON.parse(first) as { url: string }).url)
        const socket = connect(Number(url.port), url.hostname)
        let answer = ''
        socket.on('data', (d: Buffer) => (answer += d.toString()))
        socket.on('error', () => undefined)
        const ended = closed(socket)
        socket.write('GET /health HTTP/1.1\r\nHost: canon\r\n')
        let sent = 0
        const trickle = setInterval(() => {
          sent += 1
          if (!socket.destroyed) socket.write(`X-Slow-${sent}: x\r\n`)
        }, 500)
        const gaveUp = new Promise<'gave up'>((resolve) =>
          setTimeout(() => resolve('gave up'), 25_000),
        )
        const outcome = await Promise.race([ended.then(() => 'cut off' as const), gaveUp])
        clearInterval(trickle)
        socket.destroy()
        expect(outcome).toBe('cut off')
        // Node answers 408 when it cuts a request off for its headers' time.
        expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true)
      } finally {
        child.kill('SIGTERM')
      }
    },
  )
})

describe('given a server that holds at most two connections', () => {
  it('when a third connects, then it is closed at once, and the two held are still served', async () => {
    const app = createApp({ deps: depsOn(memoryStore()) })
    const server = await startServer({ app, port: 0, limits: { maxConnections: 2 } })
    const url = new URL(server.url)
    const open = () => {
      const socket = connect(Number(url.port), url.hostname)
      socket.on('error', () => undefined)
      return new Promise<Socket>((resolve) => socket.once('connect', () => resolve(socket)))
    }
    try {
      const held = [await open(), await open()]
      const third = await open()
      await closed(third)
      for (const socket of held) {
        const answer = new Promise<string>((resolve) =>
          socket.once('data', (d: Buffer) => resolve(d.toString())),
        )
        socket.write('GET /health HTTP/1.1\r\nHost: canon\r\n\r\n')
        expect(await answer).toMatch(/^HTTP\/1\.1 200/)
        socket.destroy()
      }
    } finally {
      await app.close()
      await server.close()
    }
  })
})

const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0
if (!canDropPrivileges)
  console.log(
    'skipping the read-only file system case: it needs root and setpriv to read as nobody',
  )

describe('given a ledger in a folder this user may only read (a read-only file system, as far as it can tell)', () => {
  it.skipIf(!built || !canDropPrivileges)(
    'when a reader opens it, then it reads and verifies; a writer is refused, saying why',
    async () => {
      const folder = join(dir, 'read-only')
      mkdirSync(folder)
      chmodSync(dir, 0o755)
      const path = join(folder, 'ledger.sqlite')
      expect((await canon(['append', ...arcFiles, '--store', path])).code).toBe(0)
      expect(existsSync(`${path}-wal`)).toBe(false)
      chmodSync(path, 0o444)
      chmodSync(folder, 0o555)
      const asNobody = (...args: string[]) =>
        spawnSync(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args],
          { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
        )
      const releases = asNobody('releases', '--store', path)
      expect(releases.stderr).toBe('')
      expect(releases.status).toBe(0)
      expect(releases.stdout).toMatch(/Remembrance/)
      expect(asNobody('verify', '--store', path).status).toBe(0)
      const append = asNobody('append', arcFiles[0] ?? '', '--store', path)
      expect(append.status).not.toBe(0)
      expect(append.stderr).toMatch(/permission denied|read-only/)
      chmodSync(folder, 0o755)
    },
  )
})
