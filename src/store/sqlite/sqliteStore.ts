import Database from 'better-sqlite3'
import * as RA from 'fp-ts/ReadonlyArray'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { checkExpected } from '../memory/memoryStore'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoreError,
  StreamName,
} from '../port'
import type { EventRow, StoredRow } from './eventRows'
import { toEventRow, toRecorded } from './eventRows'
import { ensureSchema, inspectSchema } from './schema'
import { storeErrorOf } from './sqliteErrors'

export interface SqliteStoreOptions {
  /**
   * How long a writer waits for another connection's write lock before giving up (SQLite's
   * busy_timeout). Appends hold the lock for milliseconds, so concurrent processes queue and
   * never see SQLITE_BUSY; only a lock held longer than this surfaces, as Unavailable.
   */
  readonly busyTimeoutMs?: number
  /** Stamps created_at (kept for operators; the ledger's own time is in the event metadata). */
  readonly clock?: () => Date
}

const defaultBusyTimeoutMs = 5000

const columns = 'position, stream, revision, event_id, type, data, metadata'

/** SQLite's LIMIT -1 means no limit. */
const limitOf = (maxCount: number | undefined): number => maxCount ?? -1

const refusal = (store: string, reason: string): StoreError => ({
  _tag: 'StoreFailure',
  store,
  reason,
})

/**
 * The embedded EventStore: one SQLite file (or ':memory:'), opened with
 * - WAL, so readers never block the writer nor the writer readers, across processes;
 * - busy_timeout, so a second writer waits for the lock instead of failing;
 * - synchronous=FULL: every commit is fsynced before the append is acknowledged. NORMAL in WAL
 *   mode is also crash-safe (never half an append) but may lose the last commits on power loss,
 *   and a ledger that said "appended" must keep the entry; appends are rare, so FULL costs little.
 * Each append is ONE `BEGIN IMMEDIATE` transaction: the write lock is taken before the expected
 * revision is read, so the check and the insert see the same stream, and a crash at any point
 * leaves all of the append or none of it.
 */
export const openSqliteStore = (
  path: string,
  options: SqliteStoreOptions = {},
): TE.TaskEither<StoreError, EventStore> => TE.fromIOEither(() => openSync(path, options))

const openSync = (path: string, options: SqliteStoreOptions): E.Either<StoreError, EventStore> => {
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs
  const errorOf = (doing: string) => storeErrorOf(path, busyTimeoutMs, doing)
  const opened = E.tryCatch(
    () => new Database(path, { timeout: busyTimeoutMs }),
    errorOf('opening the store'),
  )
  if (E.isLeft(opened)) return opened
  const db = opened.right
  const prepared = E.tryCatch(() => {
    db.defaultSafeIntegers(true)
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    // Inspect before any write (WAL mode is written into the file header): a file that is not
    // ours is left exactly as it was found.
    const found = inspectSchema(db, path)
    if (found._tag === 'Foreign') return found
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    return ensureSchema(db, path)
  }, errorOf('opening the store'))
  const ready = pipe(
    prepared,
    E.flatMap((state) =>
      state._tag === 'Foreign' ? E.left(refusal(`sqlite:${path}`, state.reason)) : E.right(db),
    ),
    // Preparing the statements also checks the table's columns.
    E.flatMap((db) =>
      E.tryCatch(
        () => sqliteStore(db, path, busyTimeoutMs, options.clock ?? (() => new Date())),
        errorOf('preparing the store'),
      ),
    ),
  )
  if (E.isLeft(ready)) db.close()
  return ready
}

const sqliteStore = (
  db: Database.Database,
  path: string,
  busyTimeoutMs: number,
  clock: () => Date,
): EventStore => {
  const store = `sqlite:${path}`
  const errorOf = (doing: string) => storeErrorOf(path, busyTimeoutMs, doing)
  const lastOfStream = db.prepare<[string], { revision: bigint; position: bigint }>(
    'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
  )
  const lastPosition = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck()
  const byEventId = db.prepare<[string], { stream: string; revision: bigint }>(
    'SELECT stream, revision FROM events WHERE event_id = ?',
  )
  const insert = db.prepare<
    [bigint, string, bigint, string, string, string | null, string | null, string]
  >(`INSERT INTO events (${columns}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const streamRows = db.prepare<[string, bigint, number], StoredRow>(
    `SELECT ${columns} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  )
  const allRows = db.prepare<[bigint, number], StoredRow>(
    `SELECT ${columns} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  )

  /** An event id names one event in the whole store; a second use is refused, not ignored. */
  const duplicateIn = (
    stream: StreamName,
    rows: ReadonlyArray<EventRow>,
  ): StoreError | undefined => {
    const seen = new Set<string>()
    for (const row of rows) {
      if (seen.has(row.eventId))
        return refusal(store, `append to '${stream}' carries event id ${row.eventId} twice`)
      seen.add(row.eventId)
      const found = byEventId.get(row.eventId)
      if (found !== undefined)
        return refusal(
          store,
          `event id ${row.eventId} is already recorded, in stream '${found.stream}' at revision ${found.revision}`,
        )
    }
    return undefined
  }

  const appendInLock = db.transaction(
    (
      stream: StreamName,
      expected: ExpectedRevision,
      rows: ReadonlyArray<EventRow>,
    ): E.Either<StoreError, AppendResult> => {
      const last = lastOfStream.get(stream)
      const refused = checkExpected(stream, expected, last?.revision) ?? duplicateIn(stream, rows)
      if (refused !== undefined) return E.left(refused)
      if (rows.length === 0)
        return E.right({
          nextExpectedRevision: last?.revision ?? -1n,
          globalPosition: last?.position ?? -1n,
        })
      const createdAt = clock().toISOString()
      const firstRevision = (last?.revision ?? -1n) + 1n
      const firstPosition = (lastPosition.get() ?? -1n) + 1n
      rows.forEach((row, i) =>
        insert.run(
          firstPosition + BigInt(i),
          stream,
          firstRevision + BigInt(i),
          row.eventId,
          row.type,
          row.data,
          row.metadata,
          createdAt,
        ),
      )
      const count = BigInt(rows.length)
      return E.right({
        nextExpectedRevision: firstRevision + count - 1n,
        globalPosition: firstPosition + count - 1n,
      })
    },
  )

  return {
    description: store,
    appendToStream: (stream, expected, events: ReadonlyArray<NewEvent>) =>
      TE.fromIOEither(() =>
        pipe(
          events,
          RA.traverse(E.Applicative)(toEventRow(store, stream)),
          E.flatMap((rows) =>
            pipe(
              E.tryCatch(
                () => appendInLock.immediate(stream, expected, rows),
                errorOf(`appending to '${stream}'`),
              ),
              E.flatten,
            ),
          ),
        ),
      ),
    readStream: (stream, options = {}) =>
      TE.fromIOEither(() =>
        E.tryCatch(
          () =>
            streamRows
              .all(stream, options.fromRevision ?? 0n, limitOf(options.maxCount))
              .map(toRecorded),
          errorOf(`reading stream '${stream}'`),
        ),
      ),
    readAll: (options = {}) =>
      TE.fromIOEither(() =>
        E.tryCatch(
          () => allRows.all(options.after ?? -1n, limitOf(options.maxCount)).map(toRecorded),
          errorOf('reading all events'),
        ),
      ),
    ping: () =>
      TE.fromIOEither(() =>
        E.tryCatch(() => {
          db.prepare('SELECT 1').get()
        }, errorOf('answering a ping')),
      ),
    close: () => {
      if (db.open) db.close()
      return Promise.resolve()
    },
  }
}
