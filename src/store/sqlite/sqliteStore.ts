import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import * as RA from 'fp-ts/ReadonlyArray'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { checkExpected, emptyAppend } from '../expectedRevision'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoreError,
  StreamName,
} from '../port'
import type { EventRow, StoredRow } from './eventRows'
import { toEventRow, toRecordedAll } from './eventRows'
import { ensureSchema, inspectSchema } from './schema'
import { explainOpenFailure, isAnonymous, writable } from './openFailure'
import { openReadOnly } from './readOnlyOpen'
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
  /**
   * Whether this open may create the store (default true: a writer's open). A reader passes
   * false: a missing file is StoreMissing and nothing is created (no file, no -wal, no -shm),
   * and an existing file with no ledger in it yet is refused the same way and left unwritten,
   * so a mistyped path never leaves an empty ledger behind.
   */
  readonly create?: boolean
  /**
   * Opens for reading only (`--read-only`): nothing is ever written to the file (appends are
   * refused), and a ledger on a read-only file system opens (see `openReadOnly`).
   */
  readonly readOnly?: boolean
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

/** A reader's open of a file that exists but was never made a ledger (no schema in it). */
const noLedgerYet = (path: string): StoreError => ({
  _tag: 'StoreMissing',
  store: `sqlite:${path}`,
  location: path,
  reason: 'the file holds no ledger yet; nothing has been appended there',
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
  const readOnly = options.readOnly ?? false
  const create = !readOnly && (options.create ?? true)
  const errorOf = (doing: string) => storeErrorOf(path, busyTimeoutMs, doing)
  // A reader whose file cannot be written (a read-only file system, a file it may only read)
  // opens it read-only instead of failing; a writer is told why it cannot write.
  const readsOnly =
    readOnly || (!create && !isAnonymous(path) && existsSync(path) && !writable(path))
  // Without create, SQLite opens the file read-write but never makes one (SQLITE_OPEN_CREATE off).
  const opened = readsOnly
    ? openReadOnly(path, busyTimeoutMs)
    : E.tryCatch(
        () => new Database(path, { timeout: busyTimeoutMs, fileMustExist: !create }),
        (e) => explainOpenFailure(path, create) ?? errorOf('opening the store')(e),
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
    if (found._tag === 'Empty' && !create) return found
    if (readsOnly) return found
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    return ensureSchema(db, path)
  }, errorOf('opening the store'))
  const ready = pipe(
    prepared,
    E.flatMap((state) => {
      switch (state._tag) {
        case 'Foreign':
          return E.left(refusal(`sqlite:${path}`, state.reason))
        case 'Empty':
          return E.left(noLedgerYet(path))
        case 'Current':
          return E.right(db)
        default: {
          const never: never = state
          return never
        }
      }
    }),
    // Preparing the statements also checks the table's columns.
    E.flatMap((db) =>
      E.tryCatch(
        () => sqliteStore(db, path, busyTimeoutMs, options.clock ?? (() => new Date()), readsOnly),
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
  readOnly: boolean,
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

  /** An append of nothing writes nothing: checked without taking the write lock. */
  const appendNothing = (
    stream: StreamName,
    expected: ExpectedRevision,
  ): E.Either<StoreError, AppendResult> =>
    pipe(
      E.tryCatch(() => lastOfStream.get(stream), errorOf(`reading stream '${stream}'`)),
      E.flatMap((last) => emptyAppend(stream, expected, last)),
    )

  const appendSome = (
    stream: StreamName,
    expected: ExpectedRevision,
    events: ReadonlyArray<NewEvent>,
  ): E.Either<StoreError, AppendResult> =>
    readOnly
      ? E.left(
          refusal(
            store,
            'the store is open read-only (--read-only, or a file this process cannot write); nothing was written',
          ),
        )
      : pipe(
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
        )

  const integrityCheck = db.prepare<[], string>('PRAGMA integrity_check').pluck()

  return {
    description: store,
    appendToStream: (stream, expected, events: ReadonlyArray<NewEvent>) =>
      TE.fromIOEither(() =>
        events.length === 0
          ? appendNothing(stream, expected)
          : appendSome(stream, expected, events),
      ),
    readStream: (stream, options = {}) =>
      TE.fromIOEither(() =>
        pipe(
          E.tryCatch(
            () => streamRows.all(stream, options.fromRevision ?? 0n, limitOf(options.maxCount)),
            errorOf(`reading stream '${stream}'`),
          ),
          E.flatMap(toRecordedAll(store, options.withText === true)),
        ),
      ),
    readAll: (options = {}) =>
      TE.fromIOEither(() =>
        pipe(
          E.tryCatch(
            () => allRows.all(options.after ?? -1n, limitOf(options.maxCount)),
            errorOf('reading all events'),
          ),
          E.flatMap(toRecordedAll(store)),
        ),
      ),
    checkIntegrity: () =>
      TE.fromIOEither(() =>
        E.tryCatch(
          () => integrityCheck.all().filter((line) => line !== 'ok'),
          errorOf('checking the file'),
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
