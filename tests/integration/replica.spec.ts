import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { arcFiles, runCanonAsInstalled as canon } from '../support/cliRun'
import {
  servable as built,
  spawnServer as serve,
  stopServer as stop,
} from '../support/spawnedServer'
import { tempDirs } from '../support/tempStore'

/**
 * A server publishes the head it checked at /v1/head, signed with the operator key; a
 * replica (another server, or any reader) given that URL as its checkpoint refuses a ledger
 * behind it. A server that writes keeps a checkpoint file current, as the CLI's writers do.
 */
const dirs = tempDirs('canon-replica-')
if (!built) console.log('skipping the spawned servers: dist/ does not exist (run npm run build)')
const writeToken = 'replica-spec-token-of-at-least-32-bytes'

describe("given a primary server with the operator's signing key, and a replica's copy of its ledger", () => {
  it.skipIf(!built)(
    'when the primary takes a write, then its checkpoint file and /v1/head name the new head, signed; a replica copy from before is refused against that URL, a current copy is not',
    async () => {
      const dir = await dirs.given()
      const primary = join(dir, 'primary.sqlite')
      expect((await canon(['append', ...arcFiles, '--store', primary])).code).toBe(0)
      const stale = join(dir, 'stale.sqlite')
      copyFileSync(primary, stale)
      // The copy's head: the position its last event holds (`canon head` prints HASH@POSITION).
      const copyHead = Number(
        (await canon(['head', '--store', stale])).stdout.trim().split('@')[1] ?? '-1',
      )
      const keys = join(dir, 'operator')
      expect((await canon(['keygen', keys])).code).toBe(0)
      const checkpoint = join(dir, 'head.json')
      const server = await serve(
        ['--store', primary, '--checkpoint', checkpoint, '--signing-key', `${keys}.key`],
        { CANON_TOKEN: writeToken },
      )
      try {
        const posted = await fetch(`${server.url}/v1/releases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${writeToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            id: 'after-the-copy',
            title: 'After the copy',
            series: 'S',
            kind: 'episode',
            date: '2030-01-01',
          }),
        })
        expect(posted.status).toBe(201)
        const written = JSON.parse(readFileSync(checkpoint, 'utf8')) as Record<string, unknown>
        const head = (await (await fetch(`${server.url}/v1/head`)).json()) as Record<
          string,
          unknown
        >
        expect(head).toEqual(written)
        expect(head['signature']).toMatchObject({ algorithm: 'ed25519' })
        expect(head['position']).toBe(String(copyHead + 1))

        const url = `${server.url}/v1/head`
        const refused = await canon(
          [
            'serve',
            '--store',
            stale,
            '--checkpoint',
            url,
            '--public-key',
            `${keys}.pub`,
            '--port',
            '0',
          ],
          { LOG_LEVEL: 'silent' },
        )
        expect(refused.code).toBe(1)
        expect(refused.stderr).toMatch(
          new RegExp(
            `^canon: the ledger cannot be trusted: checkpoint http://.*/v1/head says the ledger reached position ${copyHead + 1}, but this ledger ends at position ${copyHead}`,
          ),
        )
        const copied = await canon(['export', '--store', primary])
        expect(copied.code).toBe(0)
        writeFileSync(join(dir, 'primary.ndjson'), copied.stdout)
        const replica = join(dir, 'replica.sqlite')
        expect(
          (await canon(['import', join(dir, 'primary.ndjson'), '--store', replica])).code,
        ).toBe(0)
        const verified = await canon([
          'verify',
          '--store',
          replica,
          '--checkpoint',
          url,
          '--public-key',
          `${keys}.pub`,
        ])
        expect(verified.code, verified.stdout + verified.stderr).toBe(0)
        expect(verified.stdout).toMatch(/anchor held: checkpoint http:/)
      } finally {
        await stop(server.child)
      }
    },
  )
})
