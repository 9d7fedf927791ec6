import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { universeId } from '../../src/domain/ids'
import type { LedgerDeps } from '../../src/app/ledger'
import type { EventStore } from '../../src/store/port'
import { describeStoreError } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { canonReaders } from '../../src/main/openStore'

/** Deps over any store, with a clock that ticks one second per reading (reproducible hashes). */
export const depsOver = (store: EventStore, universe = 'star-trek'): LedgerDeps => {
  let tick = 0
  return {
    store,
    universe: universeId(universe),
    clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
    hash: (s) => createHash('sha256').update(s).digest('hex'),
    readers: canonReaders,
  }
}

/** Runs a TaskEither the spec expects to succeed; a Left fails the spec with its message. */
export const right = async <L, A>(te: TaskEither<L, A>, describe: (l: L) => string): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw new Error(`expected success, got: ${describe(r.left)}`)
  return r.right
}

/** A temporary directory for SQLite files, removed by `remove`. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-esdb-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export const openSqlite = (path: string): Promise<EventStore> =>
  right(openSqliteStore(path), describeStoreError)
