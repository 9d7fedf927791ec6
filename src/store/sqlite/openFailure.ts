import { accessSync, constants, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { StoreError } from '../port'

/** SQLite's names for a database that is not a file: nothing on disk to explain. */
export const isAnonymous = (path: string): boolean => {
  const name = path.trim()
  return name === '' || name === ':memory:' || name.startsWith('file:')
}

const errnoOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''

type PathState =
  | { readonly _tag: 'File' }
  | { readonly _tag: 'Folder' }
  | { readonly _tag: 'Missing' }
  | { readonly _tag: 'Blocked'; readonly code: string }

const stateOf = (path: string): PathState => {
  try {
    return statSync(path).isDirectory() ? { _tag: 'Folder' } : { _tag: 'File' }
  } catch (e) {
    const code = errnoOf(e)
    return code === 'ENOENT' ? { _tag: 'Missing' } : { _tag: 'Blocked', code }
  }
}

/** Whether this process may write the file. */
export const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

const readWritable = (path: string): boolean => {
  try {
    accessSync(path, constants.R_OK | constants.W_OK)
    return true
  } catch {
    return false
  }
}

const blockedReason = (code: string): string => {
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (a folder on the path cannot be searched)'
    default:
      return `the path cannot be examined (${code === '' ? 'unknown error' : code})`
  }
}

/**
 * Why SQLite could not open `path`, asked of the file system after the open failed (so the
 * refusal itself never races a check): a missing file is StoreMissing when this open may not
 * create one, a folder or an unreachable path is Unavailable saying so. Undefined when the file
 * system shows nothing wrong; the caller then reports SQLite's own message. Reads only.
 */
export const explainOpenFailure = (path: string, create: boolean): StoreError | undefined => {
  if (isAnonymous(path)) return undefined
  const store = `sqlite:${path}`
  const unavailable = (reason: string): StoreError => ({
    _tag: 'Unavailable',
    store,
    reason: `cannot open ${path}: ${reason}`,
  })
  const found = stateOf(path)
  switch (found._tag) {
    case 'Folder':
      return unavailable(
        `it is a folder, not a ledger file; name a file in it (for example ${join(path, 'canon-ledger.sqlite')})`,
      )
    case 'Missing': {
      if (!create)
        return {
          _tag: 'StoreMissing',
          store,
          location: path,
          reason: 'nothing has been appended there',
        }
      const folder = dirname(path)
      const parent = stateOf(folder)
      return parent._tag === 'Missing'
        ? unavailable(`the folder ${folder} does not exist`)
        : parent._tag === 'Blocked'
          ? unavailable(blockedReason(parent.code))
          : readWritable(folder)
            ? undefined
            : unavailable(`permission denied (a file cannot be created in ${folder})`)
    }
    case 'Blocked':
      return unavailable(blockedReason(found.code))
    case 'File':
      return readWritable(path)
        ? undefined
        : unavailable('permission denied (the file cannot be both read and written)')
    default: {
      const never: never = found
      return never
    }
  }
}
