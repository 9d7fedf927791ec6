import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// autocannon ships no types; this is the part of its result the test reads.
interface LoadResult {
  readonly errors: number
  readonly timeouts: number
  readonly non2xx: number
  readonly requests: { readonly average: number; readonly total: number }
  readonly latency: { readonly p99: number }
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadResult>

const seconds = Number(process.env['CANON_LOAD_SECONDS'] ?? 60)
const cli = join(__dirname, '..', '..', 'src', 'main', 'cli.ts')
const dir = mkdtempSync(join(tmpdir(), 'canon-load-'))
const store = join(dir, 'load.sqlite')
const writeToken = 'load-test-token-0123456789abcdef0123'
let server: ChildProcess | undefined
afterAll(() => {
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

const canon = (args: ReadonlyArray<string>): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', cli, '--store', store, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CANON_TOKEN: writeToken, LOG_LEVEL: 'silent' },
  })

const finished = (proc: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => proc.on('exit', resolve))

const rssKiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
}

const startServer = (): Promise<string> =>
  new Promise((resolve, reject) => {
    server = canon(['serve', '--port', '0', '--json'])
    let out = ''
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line !== undefined) resolve((JSON.parse(line) as { url: string }).url)
    })
    server.on('exit', (code) => reject(new Error(`the server stopped (code ${code})`)))
  })

const release = (n: number): string =>
  JSON.stringify({
    releases: [
      {
        id: `load-${n}`,
        title: `Load release ${n}`,
        series: 'Load',
        kind: 'episode',
        date: '2030-01-01',
        sequence: n,
        changes: [
          { introduce: `thing/load-${n}`, name: `Load thing ${n}` },
          {
            assert: `load-${n}.fact`,
            subject: `thing/load-${n}`,
            predicate: 'fact',
            value: `loaded ${n}`,
          },
        ],
      },
    ],
  })

describe('given the HTTP server on the bundled ledger', () => {
  it(`when it is read at the highest rate for ${seconds} s while a release is appended every second, then no request fails, appends are visible within a second, and memory stays flat`, async () => {
    expect(await finished(canon(['demo', '--json']))).toBe(0)
    const url = await startServer()
    const pid = server?.pid ?? 0
    const read = `${url}/v1/entities/event/mars-attack?release=pro-s2e20`
    await autocannon({ url: read, connections: 16, duration: 3 }) // warm-up
    const rssStart = rssKiB(pid)

    const lags: number[] = []
    let appended = 0
    let stop = false
    const appender = (async () => {
      while (!stop) {
        const started = Date.now()
        const res = await fetch(`${url}/v1/releases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'application/json' },
          body: release(appended),
        })
        expect(res.status).toBe(201)
        await res.text()
        // Current: a read after the acknowledgement sees the new entity.
        for (;;) {
          const seen = await fetch(`${url}/v1/entities/thing/load-${appended}`)
          await seen.text()
          if (seen.status === 200) break
          await new Promise((r) => setTimeout(r, 20))
        }
        lags.push(Date.now() - started)
        appended += 1
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))))
      }
    })()
    const result = await autocannon({ url: read, connections: 16, duration: seconds })
    stop = true
    await appender
    const rssEnd = rssKiB(pid)

    const summary = {
      seconds,
      requests: result.requests.total,
      perSecond: Math.round(result.requests.average),
      p99ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      appended,
      worstAppendToVisibleMs: Math.max(...lags),
      rssStartMiB: Math.round(rssStart / 1024),
      rssEndMiB: Math.round(rssEnd / 1024),
    }
    console.log(`load: ${JSON.stringify(summary)}`)
    expect(summary.errors).toBe(0)
    expect(appended).toBeGreaterThanOrEqual(Math.floor(seconds / 2))
    expect(summary.worstAppendToVisibleMs).toBeLessThan(1000)
    // Flat: no more than 25% (and 32 MiB) growth after warm-up over the whole run.
    expect(rssEnd - rssStart).toBeLessThan(Math.max(rssStart * 0.25, 32 * 1024))
  })
})
