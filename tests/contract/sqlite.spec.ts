import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describeStoreError } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { describeEventStoreContract } from './eventStoreContract'

/**
 * Opens a store on a fresh file in its own temporary folder (the -wal and -shm files too). As a
 * reader opens it (`create: false`) once a writer has made the file, it is the same store in
 * every respect; what a reader's open does when there is no file is SQLite-only
 * (tests/integration/sqliteOpenMode.spec.ts).
 */
const onTempFile = (asReader: boolean) => async () => {
  const dir = await mkdtemp(join(tmpdir(), 'canon-sqlite-contract-'))
  const path = join(dir, 'ledger.db')
  if (asReader) {
    const writer = await openSqliteStore(path)()
    if (E.isLeft(writer)) throw new Error(describeStoreError(writer.left))
    await writer.right.close()
  }
  const opened = await openSqliteStore(path, { create: !asReader })()
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

describeEventStoreContract('sqlite file', onTempFile(false))

describeEventStoreContract('sqlite file opened without create', onTempFile(true))

describeEventStoreContract('sqlite :memory:', async () => {
  const opened = await openSqliteStore(':memory:')()
  if (E.isLeft(opened)) throw new Error(describeStoreError(opened.left))
  const store = opened.right
  return { store, cleanup: () => store.close() }
})
