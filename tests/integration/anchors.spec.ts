import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDirs } from '../support/tempStore'
import { arcFiles, runCanonAsInstalled as canon } from '../support/cliRun'

/**
 * Anchored heads: a hash chain alone shows an altered event, but not a tail cut off, a whole
 * ledger rewritten with a valid chain, or an acknowledged write lost with SQLite's -wal file.
 * A head kept outside the store (HASH@POSITION, a checkpoint file, signed or not) does.
 */
const dirs = tempDirs('canon-anchors-')

const extraRelease = (dir: string, id: string): string => {
  const path = join(dir, `${id}.yaml`)
  writeFileSync(
    path,
    `releases:\n  - id: ${id}\n    title: Extra ${id}\n    series: 'Star Trek: Lower Decks'\n    kind: episode\n    date: 2030-01-0${1 + (id.length % 9)}\n`,
  )
  return path
}

const givenLedger = async (path: string, ...more: string[]): Promise<void> => {
  const r = await canon(['append', ...arcFiles, '--store', path, ...more])
  expect(r.code, r.stderr).toBe(0)
}

const headOf = async (path: string): Promise<string> => {
  const r = await canon(['head', '--store', path])
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.trim()
}

const exported = async (path: string): Promise<string> =>
  (await canon(['export', '--store', path])).stdout

describe('given a SQLite ledger and its head, taken with canon head', () => {
  it('when nothing was touched, then verify --expect-head holds it', async () => {
    const path = join(await dirs.given(), 'ledger.sqlite')
    await givenLedger(path)
    const head = await headOf(path)
    expect(head).toMatch(/^[0-9a-f]{64}@\d+$/)
    const r = await canon(['verify', '--store', path, '--expect-head', head])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/anchor held: --expect-head/)
  })

  it('when its last event is cut off, then the chain still holds, but verify --expect-head names the truncation', async () => {
    const path = join(await dirs.given(), 'ledger.sqlite')
    await givenLedger(path)
    const head = await headOf(path)
    const db = new Database(path)
    db.prepare('DELETE FROM events WHERE revision = (SELECT max(revision) FROM events)').run()
    db.close()
    expect((await canon(['verify', '--store', path])).code).toBe(0)
    const r = await canon(['verify', '--store', path, '--expect-head', head, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { ok: boolean; anchors: Array<{ message?: string }> }
    expect(report.ok).toBe(false)
    const position = head.split('@')[1] ?? ''
    expect(report.anchors[0]?.message).toBe(
      `--expect-head says the ledger reached position ${position}, but this ledger ends at position ${BigInt(position) - 1n}: it lost events (cut off, or a lost SQLite -wal file), or it is another ledger`,
    )
  })

  it('when the whole ledger is rewritten with a valid chain, then the chain holds, but verify --expect-head names the rewrite', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    await givenLedger(path)
    const head = await headOf(path)
    // The same entries appended again at another moment: every hash differs, every link holds.
    const forged = join(dir, 'forged.sqlite')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await givenLedger(forged)
    copyFileSync(forged, path)
    expect((await canon(['verify', '--store', path])).code).toBe(0)
    const r = await canon(['verify', '--store', path, '--expect-head', head])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /anchor MISSED: --expect-head names hash [0-9a-f]{12}… at position \d+, and this ledger holds [0-9a-f]{12}… there: it was rewritten/,
    )
  })

  it('when --expect-head is not HASH@POSITION, then it is bad input (exit 2) saying the form', async () => {
    const path = join(await dirs.given(), 'ledger.sqlite')
    await givenLedger(path)
    const r = await canon(['verify', '--store', path, '--expect-head', 'abc@x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/expected HASH@POSITION/)
  })
})

describe('given a writer that keeps a checkpoint file', () => {
  it('when releases are appended, then the checkpoint follows the head after each write', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    const checkpoint = join(dir, 'head.json')
    await givenLedger(path, '--checkpoint', checkpoint)
    const first = JSON.parse(readFileSync(checkpoint, 'utf8')) as { position: string; hash: string }
    expect(`${first.hash}@${first.position}`).toBe(await headOf(path))
    expect(
      (
        await canon([
          'append',
          extraRelease(dir, 'extra'),
          '--store',
          path,
          '--checkpoint',
          checkpoint,
        ])
      ).code,
    ).toBe(0)
    const second = JSON.parse(readFileSync(checkpoint, 'utf8')) as {
      position: string
      hash: string
    }
    expect(BigInt(second.position)).toBe(BigInt(first.position) + 1n)
    expect(`${second.hash}@${second.position}`).toBe(await headOf(path))
  })

  it('when an acknowledged write is lost with the -wal file, then every reader given the checkpoint refuses the ledger, saying so', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    const checkpoint = join(dir, 'head.json')
    await givenLedger(path, '--checkpoint', checkpoint)
    // Another connection stays open, so the next append stays in the -wal file (SQLite folds the
    // WAL into the main file only when the last connection closes, or after 1000 pages).
    const holder = new Database(path)
    holder.prepare('SELECT count(*) FROM events').get()
    const appended = await canon([
      'append',
      extraRelease(dir, 'acknowledged'),
      '--store',
      path,
      '--checkpoint',
      checkpoint,
    ])
    expect(appended.code).toBe(0)
    expect(appended.stdout).toMatch(/1 appended/)
    // The main file without its -wal: what is left when the -wal file is deleted.
    const lost = join(dir, 'lost.sqlite')
    copyFileSync(path, lost)
    holder.close()
    expect((await canon(['verify', '--store', lost])).code).toBe(0)
    const verify = await canon(['verify', '--store', lost, '--checkpoint', checkpoint])
    expect(verify.code).toBe(1)
    expect(verify.stdout).toMatch(
      /anchor MISSED: checkpoint .*head\.json says the ledger reached position \d+, but this ledger ends at position \d+: it lost events/,
    )
    const read = await canon(['releases', '--store', lost, '--checkpoint', checkpoint])
    expect(read.code).toBe(1)
    expect(read.stderr).toMatch(
      /^canon: the ledger cannot be trusted: checkpoint .*head\.json says the ledger reached position/,
    )
    expect(read.stdout).toBe('')
    const serve = await canon(
      ['serve', '--store', lost, '--checkpoint', checkpoint, '--port', '0'],
      {
        LOG_LEVEL: 'silent',
      },
    )
    expect(serve.code).toBe(1)
    expect(serve.stderr).toMatch(/the ledger cannot be trusted: checkpoint .*lost events/)
  })

  it('when a reader is given a checkpoint file that is not there, then it is refused as bad input', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    await givenLedger(path)
    const r = await canon(['releases', '--store', path, '--checkpoint', join(dir, 'none.json')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/none\.json: cannot be read: ENOENT/)
  })
})

describe("given the operator's key pair, made by canon keygen", () => {
  const givenKeys = async (dir: string, name = 'operator') => {
    const r = await canon(['keygen', join(dir, name), '--json'])
    expect(r.code, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as { privateKey: string; publicKey: string; keyId: string }
  }

  it('when a signed head is written, then verify with the public key holds it, and the key is in no byte of the store', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    await givenLedger(path)
    const keys = await givenKeys(dir)
    const checkpoint = join(dir, 'head.json')
    const written = await canon([
      'head',
      '--store',
      path,
      '--signing-key',
      keys.privateKey,
      '--out',
      checkpoint,
    ])
    expect(written.code, written.stderr).toBe(0)
    expect(written.stdout).toMatch(new RegExp(`signed by key ${keys.keyId}`))
    const verified = await canon([
      'verify',
      '--store',
      path,
      '--checkpoint',
      checkpoint,
      '--public-key',
      keys.publicKey,
    ])
    expect(verified.code, verified.stdout + verified.stderr).toBe(0)
    const secret = readFileSync(keys.privateKey, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('-----'))
      .join('')
    for (const stored of [readFileSync(path).toString('latin1'), await exported(path)])
      expect(stored).not.toContain(secret.slice(0, 24))
  })

  it('when the signed checkpoint is altered, or checked with another key, or is unsigned, then it is refused, saying which', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    await givenLedger(path)
    const keys = await givenKeys(dir)
    const other = await givenKeys(dir, 'other')
    const checkpoint = join(dir, 'head.json')
    await canon(['head', '--store', path, '--signing-key', keys.privateKey, '--out', checkpoint])
    const signed = JSON.parse(readFileSync(checkpoint, 'utf8')) as { position: string }
    const altered = join(dir, 'altered.json')
    writeFileSync(
      altered,
      JSON.stringify({ ...signed, position: String(BigInt(signed.position) - 1n) }),
    )
    const unsigned = join(dir, 'unsigned.json')
    expect((await canon(['head', '--store', path, '--out', unsigned])).code).toBe(0)
    const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
      [altered, keys.publicKey, /its signature does not match its content: it was altered/],
      [
        checkpoint,
        other.publicKey,
        new RegExp(`signed by key ${keys.keyId}, not by the given public key \\(${other.keyId}\\)`),
      ],
      [unsigned, keys.publicKey, /it is not signed, and a public key was given/],
    ]
    for (const [file, publicKey, says] of cases) {
      const r = await canon([
        'verify',
        '--store',
        path,
        '--checkpoint',
        file,
        '--public-key',
        publicKey,
      ])
      expect(r.code, file).toBe(2)
      expect(r.stderr, file).toMatch(says)
    }
  })

  it('when keygen is asked to overwrite a key, then it refuses and the key is unchanged', async () => {
    const dir = await dirs.given()
    const keys = await givenKeys(dir)
    const before = readFileSync(keys.privateKey, 'utf8')
    const again = await canon(['keygen', join(dir, 'operator')])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/operator\.key: cannot be written: EEXIST/)
    expect(readFileSync(keys.privateKey, 'utf8')).toBe(before)
  })
})

describe('given a ledger with one stored event altered behind its back', () => {
  it('when a command reads it, then it is refused at the altered event, naming its position; a write appends nothing', async () => {
    const dir = await dirs.given()
    const path = join(dir, 'ledger.sqlite')
    await givenLedger(path)
    const db = new Database(path)
    const altered = Number(
      db.prepare(`SELECT revision FROM events WHERE data LIKE '%Remembrance%'`).pluck().get(),
    )
    db.prepare(
      `UPDATE events SET data = replace(data, 'Remembrance', 'Forgotten') WHERE revision = ?`,
    ).run(altered)
    db.close()
    const read = await canon(['releases', '--store', path])
    expect(read.code).toBe(1)
    expect(read.stdout).toBe('')
    expect(read.stderr).toMatch(
      new RegExp(
        `holds corrupt data at position ${altered} of 'canon-star-trek': event at position ${altered} was altered: its content no longer matches its hash`,
      ),
    )
    const before = readFileSync(path)
    const write = await canon(['append', extraRelease(dir, 'after'), '--store', path])
    expect(write.code).toBe(1)
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})
