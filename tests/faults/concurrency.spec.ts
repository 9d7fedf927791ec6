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
import { createApp } from '../../src/http/app'
import { startServer } from '../../src/http/server'

const processes = 4
const perProcess = 200
const overHttp = 100
const child = join(__dirname, 'support', 'appendLoop.ts')
const dir = mkdtempSync(join(tmpdir(), 'canon-concurrency-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const appendInChild = (
  path: string,
  prefix: string,
): Promise<{ code: number | null; err: string; acks: number }> =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, path, 'shared', prefix, '0', String(perProcess)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()))
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()))
    proc.on('error', reject)
    proc.on('exit', (code) =>
      resolve({ code, err, acks: out.split('\n').filter((l) => l.startsWith('ACK ')).length }),
    )
  })

/** The HTTP body of one release, in the authoring shape. */
const releaseBody = (n: number): unknown => ({
  releases: [
    {
      id: `web-${n}`,
      title: `Posted release ${n}`,
      series: 'Series web',
      kind: 'episode',
      date: '2001-06-01',
      sequence: n,
      changes: [
        { introduce: `thing/web-${n}`, name: `Posted thing ${n}` },
        {
          assert: `web-${n}.fact`,
          subject: `thing/web-${n}`,
          predicate: 'fact',
          value: `posted ${n}`,
        },
      ],
    },
  ],
})

describe('given one SQLite ledger shared by four appending processes and the HTTP server', () => {
  it(`when they append ${processes} x ${perProcess} releases and ${overHttp} over HTTP at once, then each lands exactly once and the chain holds`, async () => {
    const path = join(dir, 'shared.sqlite')
    const opened = await openSqliteStore(path)()
    if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left))
    const deps = {
      store: opened.right,
      universe: universeId('shared'),
      clock: systemClock,
      hash: sha256Hex,
      readers: canonReaders,
    }
    const server = await startServer({
      app: createApp({ deps, writeToken: 'concurrency-token' }),
      port: 0,
    })
    const posting = (async () => {
      const statuses: number[] = []
      for (let n = 0; n < overHttp; n++) {
        const res = await fetch(`${server.url}/v1/releases`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer concurrency-token',
            'content-type': 'application/json',
          },
          body: JSON.stringify(releaseBody(n)),
        })
        statuses.push(res.status)
        await res.text()
      }
      return statuses
    })()
    const children = await Promise.all(
      Array.from({ length: processes }, (_, i) => appendInChild(path, `p${i}`)),
    )
    const statuses = await posting
    await server.close()

    for (const c of children) expect(c, c.err).toMatchObject({ code: 0, acks: perProcess })
    expect(children.map((c) => c.err).join('')).not.toMatch(/SQLITE_BUSY|internal/i)
    expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([])

    const ledger = await readLedger(deps)()
    const verified = await verifyLedger(deps)()
    await opened.right.close()
    if (ledger._tag === 'Left' || verified._tag === 'Left')
      throw new Error('the ledger could not be read')
    const ids = ledger.right.map((r) =>
      r.event._tag === 'ReleaseRecorded' ? r.event.release.id : '',
    )
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(processes * perProcess + overHttp)
    expect(verified.right.firstBreak).toBeUndefined()
    console.log(
      `concurrency: ${ids.length} releases from ${processes} processes and HTTP, each once, chain verified`,
    )
  })
})
