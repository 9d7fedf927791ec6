import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describeStoreError } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { describeEventStoreContract } from './eventStoreContract'

/** Opens a store on a fresh file in its own temporary folder (the -wal and -shm files too). */
const onTempFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'canon-sqlite-contract-'))
  const opened = await openSqliteStore(join(dir, 'ledger.db'))()
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

describeEventStoreContract('sqlite file', onTempFile)

describeEventStoreContract('sqlite :memory:', async () => {
  const opened = await openSqliteStore(':memory:')()
  if (E.isLeft(opened)) throw new Error(describeStoreError(opened.left))
  const store = opened.right
  return { store, cleanup: () => store.close() }
})
