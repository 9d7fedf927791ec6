import type Database from 'better-sqlite3'

/**
 * The SQLite file format of a canon-ledger store. `application_id` marks a file as ours (so a
 * stray SQLite file of another program is never mistaken for a ledger, nor altered), and
 * `user_version` numbers the schema, so a newer file is refused instead of misread.
 */
export const applicationId = 0x436e4c67 // 'CnLg'
export const schemaVersion = 1

/**
 * One row per event. `position` is the global commit order (0-based, assigned under the write
 * lock, so it never has gaps or reorders); (stream, revision) and event_id are unique, so two
 * writers can never both claim a revision. data and metadata are JSON text (NULL: undefined).
 */
const createEvents = `
CREATE TABLE events (
  position   INTEGER PRIMARY KEY CHECK (position >= 0),
  stream     TEXT    NOT NULL,
  revision   INTEGER NOT NULL CHECK (revision >= 0),
  event_id   TEXT    NOT NULL UNIQUE,
  type       TEXT    NOT NULL,
  data       TEXT    CHECK (data IS NULL OR json_valid(data)),
  metadata   TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
  created_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
) STRICT`

export type SchemaState =
  | { readonly _tag: 'Empty' }
  | { readonly _tag: 'Current' }
  | { readonly _tag: 'Foreign'; readonly reason: string }

const intOf = (v: unknown): number => Number(v)

/** Reads what the file holds, writing nothing. */
export const inspectSchema = (db: Database.Database, path: string): SchemaState => {
  const appId = intOf(db.pragma('application_id', { simple: true }))
  const version = intOf(db.pragma('user_version', { simple: true }))
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as ReadonlyArray<string>
  if (appId === 0 && version === 0 && tables.length === 0) return { _tag: 'Empty' }
  if (appId !== applicationId)
    return {
      _tag: 'Foreign',
      reason: `${path} is a SQLite database but not a canon-ledger store (tables: ${
        tables.length === 0 ? 'none' : tables.join(', ')
      }); it was left untouched`,
    }
  if (version > schemaVersion)
    return {
      _tag: 'Foreign',
      reason: `${path} is a canon-ledger store of schema version ${version}, newer than this program reads (${schemaVersion}); upgrade canon-ledger`,
    }
  if (version !== schemaVersion || !tables.includes('events'))
    return {
      _tag: 'Foreign',
      reason: `${path} is marked as a canon-ledger store but its schema (version ${version}) is incomplete; it was left untouched`,
    }
  return { _tag: 'Current' }
}

/**
 * Creates the schema in a fresh file, in one IMMEDIATE transaction that re-inspects first: two
 * processes opening one new file at once both succeed, and only one creates the table.
 */
export const ensureSchema = (db: Database.Database, path: string): SchemaState =>
  db
    .transaction((): SchemaState => {
      const found = inspectSchema(db, path)
      if (found._tag !== 'Empty') return found
      db.exec(createEvents)
      db.exec(`PRAGMA application_id = ${applicationId}`)
      db.exec(`PRAGMA user_version = ${schemaVersion}`)
      return { _tag: 'Current' }
    })
    .immediate()
