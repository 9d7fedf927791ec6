import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processIo, run } from '../../src/main/wiring'

const dir = mkdtempSync(join(tmpdir(), 'canon-tamper-'))
const pristine = join(dir, 'pristine.sqlite')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const canon = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = ''
  let err = ''
  const io = {
    ...processIo(),
    stdout: (s: string) => void (out += s),
    stderr: (s: string) => void (err += s),
    isTTY: false,
  }
  const code = await run(argv, io)
  return { code, out, err }
}

/** A copy of the pristine ledger, changed behind the ledger's back by `tamper`. */
const tampered = (name: string, tamper: (db: Database.Database) => void): string => {
  const path = join(dir, `${name}.sqlite`)
  copyFileSync(pristine, path)
  const db = new Database(path)
  tamper(db)
  db.close()
  return path
}

const firstBreak = async (
  path: string,
): Promise<{ code: number; position: string | undefined; message: string }> => {
  const { code, out } = await canon('--store', path, 'verify', '--json')
  const report = JSON.parse(out) as { firstBreak: null | { position: string; message: string } }
  return { code, position: report.firstBreak?.position, message: report.firstBreak?.message ?? '' }
}

beforeAll(async () => {
  const demo = await canon('--store', pristine, 'demo', '--json')
  expect(demo.code).toBe(0)
  // Checkpoint the WAL so that copies of the file hold every event.
  const db = new Database(pristine)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
})

describe('given the bundled ledger in a SQLite file', () => {
  it('when nothing was touched, then verify passes', async () => {
    expect(await firstBreak(pristine)).toMatchObject({ code: 0, position: undefined })
  })

  it('when one byte of one stored event is changed, then verify names its position', async () => {
    // Position 3 records Remembrance, whose change in the story gives over 92,000.
    const path = tampered('byte', (db) =>
      db
        .prepare(`UPDATE events SET data = replace(data, '92000', '92001') WHERE revision = 3`)
        .run(),
    )
    expect(await firstBreak(path)).toMatchObject({ code: 1, position: '3' })
  })

  it('when one event is deleted, then verify names the first position after the gap', async () => {
    const path = tampered('deleted', (db) =>
      db.prepare('DELETE FROM events WHERE revision = 2').run(),
    )
    const found = await firstBreak(path)
    expect(found.code).toBe(1)
    expect(found.position).toBe('3')
    expect(found.message).toMatch(/expected an event at position 2/)
  })

  it('when two events are reordered, then verify names the first of them', async () => {
    const path = tampered('reordered', (db) => {
      const rows = db
        .prepare(
          'SELECT revision, type, data, metadata FROM events WHERE revision IN (2, 4) ORDER BY revision',
        )
        .all() as Array<{ type: string; data: string; metadata: string }>
      const [a, b] = rows
      if (a === undefined || b === undefined) throw new Error('the ledger is too short')
      const set = db.prepare(
        'UPDATE events SET type = ?, data = ?, metadata = ? WHERE revision = ?',
      )
      set.run(b.type, b.data, b.metadata, 2)
      set.run(a.type, a.data, a.metadata, 4)
    })
    expect(await firstBreak(path)).toMatchObject({ code: 1, position: '2' })
  })

  it('when the metadata of the last event is altered, then verify names it', async () => {
    const path = tampered('metadata', (db) =>
      db
        .prepare(
          `UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '1999-01-01T00:00:00.000Z') WHERE revision = (SELECT max(revision) FROM events)`,
        )
        .run(),
    )
    const db = new Database(path, { readonly: true })
    const last = db.prepare('SELECT max(revision) AS last FROM events').get() as { last: number }
    db.close()
    expect(await firstBreak(path)).toMatchObject({ code: 1, position: String(last.last) })
  })

  it('when the stored text of one event is not JSON any more, then verify names its position, and a read names it too', async () => {
    const path = tampered('unreadable', (db) => {
      // The table's CHECK would refuse this write: the file is changed behind the store's back.
      db.pragma('ignore_check_constraints = ON')
      db.prepare(`UPDATE events SET data = '{"_tag": broken' WHERE revision = 3`).run()
    })
    const found = await firstBreak(path)
    expect(found).toMatchObject({ code: 1, position: '3' })
    expect(found.message).toMatch(/event at position 3 cannot be read: its stored data is not JSON/)
    const read = await canon('--store', path, 'releases')
    expect(read.code).toBe(1)
    expect(read.err).toMatch(
      /holds corrupt data at position 3 of 'canon-star-trek': its stored data is not JSON/,
    )
  })

  it("when a page of the file is damaged, then verify runs SQLite's integrity check and fails, saying so", async () => {
    const path = join(dir, 'damaged.sqlite')
    copyFileSync(pristine, path)
    const db = new Database(path, { readonly: true })
    const pageSize = Number(db.pragma('page_size', { simple: true }))
    // A leaf page of the events table: a b-tree page whose damage the integrity check must see
    // (a page in the middle of the file may hold only a long event's overflow text).
    const leaves = db
      .prepare(
        "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno",
      )
      .pluck()
      .all() as number[]
    db.close()
    const leaf = leaves[Math.floor(leaves.length / 2)] ?? 2
    const bytes = readFileSync(path)
    const at = (leaf - 1) * pageSize
    bytes.fill(0xa5, at + 8, at + 200)
    writeFileSync(path, bytes)
    const r = await canon('--store', path, 'verify', '--json')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.out) as { ok: boolean; integrity: string[] | null }
    expect(report.ok).toBe(false)
    expect(report.integrity?.length).toBeGreaterThan(0)
    expect((await canon('--store', pristine, 'verify', '--json')).out).toMatch(/"integrity": \[\]/)
  })
})
