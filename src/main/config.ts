import * as E from 'fp-ts/Either'
import type { UniverseId } from '../domain/ids'
import { UniverseId as UniverseIdCodec } from '../domain/ids'

/** Which store backs the ledger: chosen here, opened by `openStore`. */
export type StoreChoice =
  | { readonly _tag: 'Sqlite'; readonly path: string }
  | { readonly _tag: 'Memory' }
  | { readonly _tag: 'EventStoreDb'; readonly connectionString: string }

export interface Config {
  readonly store: StoreChoice
  readonly universe: UniverseId
  /** Bearer token for HTTP writes; without one the server is read-only. */
  readonly token?: string
}

/** What the shell's flags say; anything absent falls back to the environment, then defaults. */
export interface Flags {
  readonly store?: string
  readonly universe?: string
}

export type Env = Readonly<Record<string, string | undefined>>

export const defaultStorePath = './canon-ledger.sqlite'
export const defaultUniverse = 'star-trek'

export const parseStoreChoice = (text: string): StoreChoice => {
  if (text === 'memory') return { _tag: 'Memory' }
  if (/^esdb(\+discover)?:\/\//i.test(text)) return { _tag: 'EventStoreDb', connectionString: text }
  return { _tag: 'Sqlite', path: text }
}

const nonEmpty = (s: string | undefined): string | undefined =>
  s === undefined || s.trim() === '' ? undefined : s.trim()

/** Flags over environment (`CANON_STORE`, `CANON_UNIVERSE`, `CANON_TOKEN`) over defaults. */
export const resolveConfig = (flags: Flags, env: Env): E.Either<string, Config> => {
  const universe = nonEmpty(flags.universe) ?? nonEmpty(env['CANON_UNIVERSE']) ?? defaultUniverse
  if (!UniverseIdCodec.is(universe))
    return E.left(
      `universe '${universe}' is not a valid id: use lowercase letters, digits, '.', '_' or '-' (at most 64)`,
    )
  const token = nonEmpty(env['CANON_TOKEN'])
  return E.right({
    store: parseStoreChoice(
      nonEmpty(flags.store) ?? nonEmpty(env['CANON_STORE']) ?? defaultStorePath,
    ),
    universe,
    ...(token === undefined ? {} : { token }),
  })
}

export const describeStoreChoice = (s: StoreChoice): string => {
  switch (s._tag) {
    case 'Sqlite':
      return `sqlite:${s.path}`
    case 'Memory':
      return 'memory'
    case 'EventStoreDb':
      // The connection string may carry credentials: show only its scheme and hosts.
      return s.connectionString.replace(/\/\/[^@/]*@/, '//***@').split('?')[0] ?? 'esdb'
    default: {
      const never: never = s
      return never
    }
  }
}
