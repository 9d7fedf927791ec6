import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describeStoreError } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { describeEventStoreContract } from './eventStoreContract'

/**
 * The whole contract on a store opened the way a reader opens it (`create: false`): once a
 * writer has made the file, a reader's open is the same store in every respect. What it does
 * when there is no file is SQLite-only (tests/integration/sqliteOpenMode.spec.ts).
 */
const onFileMadeByAWriter = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'canon-sqlite-reader-'))
  const path = join(dir, 'ledger.db')
  const writer = await openSqliteStore(path)()
  if (E.isLeft(writer)) throw new Error(describeStoreError(writer.left))
  await writer.right.close()
  const opened = await openSqliteStore(path, { create: false })()
  if (E.isLeft(opened)) throw new Error(describeStoreError(opened.left))
  const store = opened.right
  return {
    store,
    cleanup: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

describeEventStoreContract('sqlite file opened without create', onFileMadeByAWriter)
