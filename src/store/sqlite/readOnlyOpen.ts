import { readFileSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type { StoreError } from '../port'
import { explainOpenFailure } from './openFailure'
import { storeErrorOf } from './sqliteErrors'

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''

/** Bytes in the -wal file beside `path` (0 when there is none). */
const walBytes = (path: string): number => {
  try {
    return statSync(`${path}-wal`).size
  } catch {
    return 0
  }
}

/** SQLite's header bytes 18 and 19: file format versions, 2 meaning WAL, 1 rollback journal. */
const walHeaderBytes = [18, 19] as const

/**
 * Opens a ledger file for reading only, writing nothing beside it. SQLite reads a WAL-mode
 * file read-only when its -shm and -wal files exist or can be created; on a read-only file
 * system after a clean close neither exists and neither can be made, so SQLite refuses even a
 * read. The main file then holds every committed write (a clean close checkpoints the WAL into
 * it and removes the -wal file), so it is read into memory and opened from there: the reader
 * sees the ledger as it stood at the open, which on a read-only file system is how it stays.
 * A -wal file that still holds writes is never skipped: that open is refused, saying why.
 */
export const openReadOnly = (
  path: string,
  busyTimeoutMs: number,
): E.Either<StoreError, Database.Database> => {
  const errorOf = storeErrorOf(path, busyTimeoutMs, 'opening the store read-only')
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })
    // The first read is what needs the WAL index: fail here, not in the first query.
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return E.right(db)
  } catch (e) {
    db?.close()
    const code = codeOf(e)
    const needsWalFiles = code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')
    if (!needsWalFiles) return E.left(explainOpenFailure(path, false) ?? errorOf(e))
    if (walBytes(path) > 0)
      return E.left({
        _tag: 'Unavailable',
        store: `sqlite:${path}`,
        reason: `cannot open ${path} read-only: its -wal file holds writes not yet in the main file, and SQLite cannot open it where it lies (no -shm file, and none can be created); copy the ledger and its -wal file to a writable folder`,
      })
    return E.tryCatch(() => {
      const bytes = readFileSync(path)
      for (const at of walHeaderBytes) if (bytes[at] === 2) bytes[at] = 1
      return new Database(bytes, { readonly: true })
    }, errorOf)
  }
}
