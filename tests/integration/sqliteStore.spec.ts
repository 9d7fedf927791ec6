import { spawn } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import type { EventStore, NewEvent, StoreError } from '../../src/store/port'
import { describeStoreError, expectExact, expectNoStream } from '../../src/store/port'
import type { SqliteStoreOptions } from '../../src/store/sqlite/sqliteStore'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { succeeded, tempDirs } from '../support/tempStore'

// SQLite-only behaviour; what every store does is in tests/contract/eventStoreContract.ts.

const { given: givenTempDir } = tempDirs('canon-sqlite-')

const refused = async <A>(te: TE.TaskEither<StoreError, A>): Promise<StoreError> => {
  const result = await te()
  if (E.isRight(result)) throw new Error('expected a refusal, got a success')
  return result.left
}

const opened = (path: string, options?: SqliteStoreOptions): Promise<EventStore> =>
  succeeded(openSqliteStore(path, options))

const openRefused = async (path: string): Promise<StoreError> => {
  const result = await openSqliteStore(path)()
  if (E.isRight(result)) {
    await result.right.close()
    throw new Error(`expected ${path} to be refused`)
  }
  return result.left
}

const anEvent = (id: string, data: unknown = { id }): NewEvent => ({
  eventId: id,
  type: 'Happened',
  data,
  metadata: { by: 'test' },
})

/** Everything a reader can see of a store: compared before and after a refusal. */
const contents = async (store: EventStore) => succeeded(store.readAll())

const reasonOf = (e: StoreError): string =>
  e._tag === 'StoreFailure' || e._tag === 'Unavailable' ? e.reason : describeStoreError(e)

describe('given a SQLite ledger file', () => {
  it('when the store is closed and reopened, then every event reads the same and appends continue', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const first = await opened(path)
    await succeeded(first.appendToStream('canon-st', expectNoStream, [anEvent('a'), anEvent('b')]))
    await succeeded(first.appendToStream('other', expectNoStream, [anEvent('c')]))
    const before = await contents(first)
    await first.close()

    const second = await opened(path)
    expect(await contents(second)).toEqual(before)
    const result = await succeeded(
      second.appendToStream('canon-st', expectExact(1n), [anEvent('d')]),
    )
    expect(result).toEqual({ nextExpectedRevision: 2n, globalPosition: 3n })
    await second.close()
  })

  it('when it is opened, then it names itself sqlite:<path> and the file is in WAL mode', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const store = await opened(path)
    expect(store.description).toBe(`sqlite:${path}`)
    const raw = new Database(path, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
    await store.close()
  })

  it('when an event id already recorded is appended again, then it is refused naming the id and where it is, and nothing changes', async () => {
    const store = await opened(join(await givenTempDir(), 'ledger.db'))
    await succeeded(store.appendToStream('s', expectNoStream, [anEvent('once')]))
    const before = await contents(store)
    const error = await refused(
      store.appendToStream('t', expectNoStream, [anEvent('fresh'), anEvent('once')]),
    )
    expect(error._tag).toBe('StoreFailure')
    expect(reasonOf(error)).toContain(
      "event id once is already recorded, in stream 's' at revision 0",
    )
    expect(await contents(store)).toEqual(before)
    await store.close()
  })

  it('when one append carries an event id twice, then it is refused and nothing is written', async () => {
    const store = await opened(join(await givenTempDir(), 'ledger.db'))
    const error = await refused(
      store.appendToStream('s', expectNoStream, [anEvent('twice'), anEvent('twice')]),
    )
    expect(reasonOf(error)).toContain("append to 's' carries event id twice twice")
    expect(await contents(store)).toEqual([])
    await store.close()
  })

  it("when an event's data is not JSON (a bigint), then the append is refused naming the event and nothing is written", async () => {
    const store = await opened(join(await givenTempDir(), 'ledger.db'))
    const error = await refused(
      store.appendToStream('s', expectNoStream, [anEvent('ok'), anEvent('bad', { n: 1n })]),
    )
    expect(error._tag).toBe('StoreFailure')
    expect(reasonOf(error)).toMatch(/^event bad \(Happened\) for stream 's' is not JSON: /)
    expect(await contents(store)).toEqual([])
    await store.close()
  })

  it('when events are written with keys in any order, then each is stored as its canonical JSON, and a read asking for it gives that text', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const store = await opened(path)
    const data = { z: 1, a: { y: [{ b: 2, a: 1 }], x: 'é' }, m: undefined }
    await succeeded(store.appendToStream('s', expectNoStream, [anEvent('one', data)]))
    const canonical = '{"a":{"x":"é","y":[{"a":1,"b":2}]},"z":1}'
    const [plain] = await succeeded(store.readStream('s'))
    const [withText] = await succeeded(store.readStream('s', { withText: true }))
    expect(plain?.dataText).toBeUndefined()
    expect(withText).toEqual({ ...plain, dataText: canonical })
    await store.close()
    const db = new Database(path, { readonly: true })
    expect(db.prepare('SELECT data, metadata FROM events').get()).toEqual({
      data: canonical,
      metadata: '{"by":"test"}',
    })
    db.close()
  })

  it('when the write fails midway through an append, then none of its events is written', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const store = await opened(path)
    await succeeded(store.appendToStream('s', expectNoStream, [anEvent('kept')]))
    const before = await contents(store)
    // Another connection arms a failure on the third insert of the next append.
    const raw = new Database(path)
    raw.exec(
      "CREATE TRIGGER fail_midway BEFORE INSERT ON events WHEN NEW.event_id = 'third' BEGIN SELECT RAISE(ABORT, 'disk gone'); END",
    )
    raw.close()
    const error = await refused(
      store.appendToStream('s', expectExact(0n), [
        anEvent('first'),
        anEvent('second'),
        anEvent('third'),
      ]),
    )
    expect(error._tag).toBe('StoreFailure')
    expect(reasonOf(error)).toBe(
      `appending to 's' in ${path} failed: SQLITE_CONSTRAINT_TRIGGER: disk gone`,
    )
    expect(await contents(store)).toEqual(before)
    await store.close()
  })

  it('when the store has been closed, then ping and reads answer Unavailable naming the file', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const store = await opened(path)
    await store.close()
    const expected = { _tag: 'Unavailable', store: `sqlite:${path}` }
    expect(await refused(store.ping())).toMatchObject(expected)
    expect(await refused(store.readStream('s'))).toMatchObject(expected)
    expect(reasonOf(await refused(store.readAll()))).toContain(path)
  })
})

describe('given a file that is not a canon-ledger store', () => {
  /** The folder's files and their bytes: a refused open must leave all of them as they were. */
  const folderOf = async (dir: string) => {
    const names = (await readdir(dir)).sort()
    return Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const))
  }

  it('when a text file is opened, then it is refused naming the path, and left untouched', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'notes.txt')
    await writeFile(path, 'Utopia Planitia shipyards\n'.repeat(100))
    const before = await folderOf(dir)
    const error = await openRefused(path)
    expect(error).toEqual({
      _tag: 'StoreFailure',
      store: `sqlite:${path}`,
      reason: `${path} is not a SQLite database (file is not a database); it was left untouched`,
    })
    expect(await folderOf(dir)).toEqual(before)
  })

  it("when another program's SQLite database is opened, then it is refused naming the path and its tables, and left untouched", async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'other.db')
    const raw = new Database(path)
    raw.exec(
      "CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO events (what) VALUES ('x')",
    )
    raw.pragma('user_version = 1')
    raw.close()
    const before = await folderOf(dir)
    const error = await openRefused(path)
    expect(error._tag).toBe('StoreFailure')
    expect(reasonOf(error)).toBe(
      `${path} is a SQLite database but not a canon-ledger store (tables: events); it was left untouched`,
    )
    expect(await folderOf(dir)).toEqual(before)
  })

  it('when a canon-ledger store of a newer schema version is opened, then it is refused asking for an upgrade', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    await (await opened(path)).close()
    const raw = new Database(path)
    raw.pragma('user_version = 99')
    raw.close()
    expect(reasonOf(await openRefused(path))).toBe(
      `${path} is a canon-ledger store of schema version 99, newer than this program reads (1); upgrade canon-ledger`,
    )
  })

  it('when the path is in a folder that does not exist, then it is Unavailable naming the path', async () => {
    const path = join(await givenTempDir(), 'missing', 'ledger.db')
    const error = await openRefused(path)
    expect(error._tag).toBe('Unavailable')
    expect(reasonOf(error)).toContain(`cannot open ${path}`)
  })
})

describe('given two store instances on one file (two connections)', () => {
  it('when both append expecting the same revision at once, then one wins, the other gets WrongExpectedRevision, and no SQLITE_BUSY surfaces', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const [one, two] = [await opened(path), await opened(path)]
    await succeeded(one.appendToStream('s', expectNoStream, [anEvent('base')]))
    const outcomes = await Promise.all([
      one.appendToStream('s', expectExact(0n), [anEvent('from-one')])(),
      two.appendToStream('s', expectExact(0n), [anEvent('from-two')])(),
    ])
    expect(outcomes.filter(E.isRight)).toHaveLength(1)
    expect(outcomes.filter(E.isLeft).map((o) => o.left)).toEqual([
      { _tag: 'WrongExpectedRevision', stream: 's', expected: expectExact(0n), actual: 1n },
    ])
    expect(await contents(one)).toEqual(await contents(two))
    expect((await contents(two)).map((e) => e.revision)).toEqual([0n, 1n])
    await Promise.all([one.close(), two.close()])
  })

  it('when another connection holds the write lock past the busy timeout, then the append is Unavailable naming the file, and nothing is written', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const store = await opened(path, { busyTimeoutMs: 50 })
    const holder = new Database(path)
    holder.exec('BEGIN IMMEDIATE')
    const error = await refused(store.appendToStream('s', expectNoStream, [anEvent('late')]))
    holder.exec('ROLLBACK')
    holder.close()
    expect(error).toEqual({
      _tag: 'Unavailable',
      store: `sqlite:${path}`,
      reason: `${path} stayed locked by another writer for over 50 ms while appending to 's'`,
    })
    expect(await contents(store)).toEqual([])
    await store.close()
  })
})

/** A writer in its own process (tests/integration/sqliteAppendWorker.ts). */
const spawnWriter = (path: string, stream: string, writer: string, count: number) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'sqliteAppendWorker.ts'), path, stream, writer, `${count}`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const lines: string[] = []
  let onLine = (): void => undefined
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line)
    onLine()
  })
  const firstLine = new Promise<void>((resolve) => {
    onLine = resolve
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  child.stdin.on('error', () => undefined) // a dead writer's report says why; EPIPE adds nothing
  return {
    // A writer that dies before its first line must not hang the test: exiting counts as ready.
    ready: Promise.race([firstLine, exited]),
    go: () => child.stdin.write('go\n'),
    done: async () => {
      const code = await exited
      return { code, report: JSON.parse(lines[lines.length - 1] ?? '{}') as WriterReport }
    },
  }
}

interface WriterReport {
  readonly conflicts?: number
  readonly failures?: ReadonlyArray<string>
}

describe('given three writer processes on one new file', () => {
  it('when each appends 30 events with optimistic retries, all at once, then every event lands once, in its writer order, and no SQLITE_BUSY surfaces', async () => {
    const path = join(await givenTempDir(), 'ledger.db')
    const [writers, count] = [['w1', 'w2', 'w3'], 30]
    // They all open (and so create) the file at once, then start appending together.
    const running = writers.map((w) => spawnWriter(path, 'canon-shared', w, count))
    await Promise.all(running.map((r) => r.ready))
    running.forEach((r) => r.go())
    const results = await Promise.all(running.map((r) => r.done()))

    expect(results.map((r) => r.code)).toEqual(writers.map(() => 0))
    expect(results.flatMap((r) => r.report.failures ?? ['no report'])).toEqual([])
    // Each writer's first append expected no stream: exactly one of them can have created it.
    const conflicts = results.reduce((n, r) => n + (r.report.conflicts ?? 0), 0)
    expect(conflicts).toBeGreaterThanOrEqual(writers.length - 1)

    const store = await opened(path)
    const read = await succeeded(store.readStream('canon-shared'))
    expect(read.map((e) => e.revision)).toEqual(
      Array.from({ length: writers.length * count }, (_, i) => BigInt(i)),
    )
    for (const w of writers) {
      const own = read.filter((e) => (e.data as { writer: string }).writer === w)
      expect(own.map((e) => e.eventId)).toEqual(
        Array.from({ length: count }, (_, i) => `${w}-${i}`),
      )
    }
    await store.close()
  })
})
