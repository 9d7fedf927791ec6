import { readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { EventStore } from '../store/port'
import type { CliIo, CliWiring, OpenedLedger } from '../cli/context'
import { run as runShell } from '../cli/program'
import { describeStoreChoice, resolveConfig } from './config'
import { openLedger } from './openStore'
import { serveLedger } from './serve'

/** The package root: the nearest folder above this file holding package.json (src or dist). */
const packageRoot = (): string => {
  let dir = __dirname
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  return process.cwd()
}

/** The bundled example ledger, shipped with the package. */
export const bundledLedgerDir = (): string => resolve(packageRoot(), 'ledgers', 'star-trek')

/** Whether a store holds no event at all (a failed read counts as not empty: keep the file). */
const isEmpty = async (store: EventStore): Promise<boolean> => {
  const first = await store.readAll({ maxCount: 1 })()
  return E.isRight(first) && first.right.length === 0
}

export const wiring: CliWiring = {
  bundledLedgerDir: bundledLedgerDir(),
  open: (flags, io, access = 'read') => {
    const config = resolveConfig(flags, io.env ?? {})
    if (E.isLeft(config))
      return TE.left<AppError>({
        _tag: 'InvalidInput',
        source: 'the configuration',
        problems: [config.left],
      })
    const storeName = describeStoreChoice(config.right.store)
    // `serve` writes only with a token (see serve.ts), so only then may it create the store.
    const effective =
      access === 'serve' ? (config.right.token === undefined ? 'read' : 'write') : access
    const store = config.right.store
    // A SQLite file this open is about to create: removed again if the command fails before
    // anything is appended to it.
    const creating =
      effective === 'write' &&
      store._tag === 'Sqlite' &&
      store.path !== ':memory:' &&
      !existsSync(store.path)
        ? store.path
        : undefined
    return pipe(
      openLedger(config.right, effective),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.map((deps): OpenedLedger => ({
        deps,
        storeName,
        close: () => deps.store.close(),
        closeAfterFailure: async () => {
          const discard = creating !== undefined && (await isEmpty(deps.store))
          await deps.store.close()
          if (discard)
            for (const file of [creating, `${creating}-wal`, `${creating}-shm`])
              await rm(file, { force: true })
        },
        ...(config.right.token === undefined ? {} : { writeToken: config.right.token }),
      })),
    )
  },
  serve: serveLedger,
}

/** The process's IO, for the installed command. */
export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  readBytes: (path) => readFile(path),
  writeBytes: (path, bytes) => writeFile(path, bytes),
  listDir: (path) => readdir(path),
  env: process.env,
})

/** The CLI with the real stores: what `canon` runs, and what integration tests call in process. */
export const run = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runShell(argv, io, wiring)
