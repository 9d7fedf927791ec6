import type { StoreError } from '../port'

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Translates what better-sqlite3 throws into the port's errors, at the adapter's edge. A lock
 * held past the busy timeout or a file that cannot be opened is Unavailable (retrying may
 * help); anything else is a StoreFailure. Every reason names the file.
 */
export const storeErrorOf =
  (path: string, busyTimeoutMs: number, doing: string) =>
  (e: unknown): StoreError => {
    const store = `sqlite:${path}`
    const code = codeOf(e)
    const message = messageOf(e)
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return {
        _tag: 'Unavailable',
        store,
        reason: `${path} stayed locked by another writer for over ${busyTimeoutMs} ms while ${doing}`,
      }
    if (code.startsWith('SQLITE_CANTOPEN') || message.startsWith('Cannot open database'))
      return { _tag: 'Unavailable', store, reason: `cannot open ${path}: ${message}` }
    if (code.startsWith('SQLITE_READONLY'))
      return {
        _tag: 'Unavailable',
        store,
        reason: `${path} cannot be written while ${doing}: the file or its folder is read-only (${code}); a reader opens it with --read-only`,
      }
    if (code.startsWith('SQLITE_CORRUPT'))
      return {
        _tag: 'Corrupt',
        store,
        reason: `the file is damaged (${code}) while ${doing}; 'canon verify' runs SQLite's integrity check`,
      }
    if (code === 'SQLITE_NOTADB')
      return {
        _tag: 'StoreFailure',
        store,
        reason: `${path} is not a SQLite database (${message}); it was left untouched`,
      }
    if (message.includes('connection is not open'))
      return { _tag: 'Unavailable', store, reason: `the store on ${path} is closed` }
    return {
      _tag: 'StoreFailure',
      store,
      reason: `${doing} in ${path} failed: ${code === '' ? '' : `${code}: `}${message}`,
    }
  }
