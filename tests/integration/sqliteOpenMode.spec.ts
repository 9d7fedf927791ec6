import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { EventStore, NewEvent, StoreError } from '../../src/store/port'
import { describeStoreError, expectExact, expectNoStream } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { succeeded, tempDirs } from '../support/tempStore'

// The SQLite adapter's two opens: a writer's (the default, `create: true`) makes a missing file;
// a reader's (`create: false`) never creates anything, and says why it cannot open.

const { given: givenTempDir } = tempDirs('canon-sqlite-mode-')

const whenOpened = async (path: string, create: boolean): Promise<StoreError> => {
  const result = await openSqliteStore(path, { create })()
  if (E.isRight(result)) {
    await result.right.close()
    throw new Error(`expected the open of ${path} (create: ${create}) to be refused`)
  }
  return result.left
}

/** The folder's files and their bytes (the -wal and -shm files too). */
const folderOf = async (dir: string) => {
  const names = (await readdir(dir)).sort()
  return Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const))
}

const anEvent = (id: string): NewEvent => ({
  eventId: id,
  type: 'Happened',
  data: { id },
  metadata: { by: 'test' },
})

const isRoot = process.getuid?.() === 0

describe('given no file at the path', () => {
  it('when a reader opens it, then it is StoreMissing naming the path, and no file, -wal or -shm is created', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'typo.sqlite')
    const error = await whenOpened(path, false)
    expect(error).toEqual({
      _tag: 'StoreMissing',
      store: `sqlite:${path}`,
      location: path,
      reason: 'nothing has been appended there',
    })
    expect(describeStoreError(error)).toBe(`no store at ${path}: nothing has been appended there`)
    expect(await readdir(dir)).toEqual([])
  })

  it('when a reader opens a path in a folder that does not exist, then it is StoreMissing and no folder is made', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'nowhere', 'ledger.sqlite')
    expect(await whenOpened(path, false)).toMatchObject({ _tag: 'StoreMissing', location: path })
    expect(await readdir(dir)).toEqual([])
  })

  it('when a writer opens it, then the file is created as an empty ledger that a reader then opens', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'new.sqlite')
    const writer = await succeeded(openSqliteStore(path))
    await succeeded(writer.appendToStream('s', expectNoStream, [anEvent('first')]))
    await writer.close()
    const reader = await succeeded(openSqliteStore(path, { create: false }))
    expect((await succeeded(reader.readAll())).map((e) => e.eventId)).toEqual(['first'])
    await reader.close()
  })

  it('when a writer opens a path in a folder that does not exist, then it is Unavailable naming the folder', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'nowhere', 'ledger.sqlite')
    expect(await whenOpened(path, true)).toEqual({
      _tag: 'Unavailable',
      store: `sqlite:${path}`,
      reason: `cannot open ${path}: the folder ${join(dir, 'nowhere')} does not exist`,
    })
    expect(await readdir(dir)).toEqual([])
  })
})

describe('given a file that holds no ledger yet', () => {
  it('when a reader opens an empty file, then it is StoreMissing, and the file is left as it was', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'empty.sqlite')
    await writeFile(path, '')
    const before = await folderOf(dir)
    expect(await whenOpened(path, false)).toEqual({
      _tag: 'StoreMissing',
      store: `sqlite:${path}`,
      location: path,
      reason: 'the file holds no ledger yet; nothing has been appended there',
    })
    expect(await folderOf(dir)).toEqual(before)
  })

  it('when a writer opens the same empty file, then it becomes a ledger', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'empty.sqlite')
    await writeFile(path, '')
    const writer = await succeeded(openSqliteStore(path))
    expect(await succeeded(writer.readAll())).toEqual([])
    await writer.close()
    await (await succeeded(openSqliteStore(path, { create: false }))).close()
  })

  it("when a reader opens another program's SQLite database, then it is refused as not a ledger, and left untouched", async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'other.db')
    const raw = new Database(path)
    raw.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, what TEXT)')
    raw.close()
    const before = await folderOf(dir)
    expect(await whenOpened(path, false)).toEqual({
      _tag: 'StoreFailure',
      store: `sqlite:${path}`,
      reason: `${path} is a SQLite database but not a canon-ledger store (tables: notes); it was left untouched`,
    })
    expect(await folderOf(dir)).toEqual(before)
  })
})

describe('given a ledger file with events', () => {
  it('when a reader opens it, then it reads every event, and appends still work', async () => {
    const path = join(await givenTempDir(), 'ledger.sqlite')
    const writer = await succeeded(openSqliteStore(path))
    await succeeded(writer.appendToStream('s', expectNoStream, [anEvent('a'), anEvent('b')]))
    const before = await succeeded(writer.readAll())
    await writer.close()
    const reader = await succeeded(openSqliteStore(path, { create: false }))
    expect(await succeeded(reader.readAll())).toEqual(before)
    await succeeded(reader.appendToStream('s', expectExact(1n), [anEvent('c')]))
    expect(await succeeded(reader.readStream('s'))).toHaveLength(3)
    await reader.close()
  })
})

describe('given a path that is not a file', () => {
  it('when either open is given a folder, then it is Unavailable saying it is a folder, and the folder is unchanged', async () => {
    const dir = await givenTempDir()
    const path = join(dir, 'ledgers')
    await mkdir(path)
    for (const create of [false, true]) {
      expect(await whenOpened(path, create)).toEqual({
        _tag: 'Unavailable',
        store: `sqlite:${path}`,
        reason: `cannot open ${path}: it is a folder, not a ledger file; name a file in it (for example ${join(path, 'canon-ledger.sqlite')})`,
      })
    }
    expect(await readdir(path)).toEqual([])
  })

  it('when either open is given a path through a file, then it is Unavailable saying a part of it is a file', async () => {
    const dir = await givenTempDir()
    await writeFile(join(dir, 'notes.txt'), 'not a folder\n')
    const path = join(dir, 'notes.txt', 'ledger.sqlite')
    for (const create of [false, true])
      expect(await whenOpened(path, create)).toEqual({
        _tag: 'Unavailable',
        store: `sqlite:${path}`,
        reason: `cannot open ${path}: a part of the path is a file, not a folder`,
      })
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('not a folder\n')
  })

  if (isRoot) console.log('skipping the unreadable-file case: root reads every file regardless')
  it.skipIf(isRoot)(
    'when a reader opens a ledger file it may not read, then it is Unavailable saying permission is denied',
    async () => {
      const dir = await givenTempDir()
      const path = join(dir, 'locked.sqlite')
      await (await succeeded(openSqliteStore(path))).close()
      await chmod(path, 0o000)
      expect(await whenOpened(path, false)).toEqual({
        _tag: 'Unavailable',
        store: `sqlite:${path}`,
        reason: `cannot open ${path}: permission denied (the file cannot be both read and written)`,
      })
      await chmod(path, 0o600)
    },
  )
})

describe('given an in-memory database', () => {
  it('when a reader opens it, then it is StoreMissing: nothing can have been appended there', async () => {
    expect(await whenOpened(':memory:', false)).toMatchObject({
      _tag: 'StoreMissing',
      location: ':memory:',
    })
  })

  it('when a writer opens it, then it is an empty store', async () => {
    const store: EventStore = await succeeded(openSqliteStore(':memory:'))
    expect(await succeeded(store.readAll())).toEqual([])
    await store.close()
  })
})
